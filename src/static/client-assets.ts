import type { INestApplication } from '@nestjs/common';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import { projectRoot } from '../common/paths';

/** Responses smaller than this are sent as they are: compressing them saves less than it costs. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

const clientDist = join(projectRoot(), 'client', 'dist');

/** Paths the web client never owns: the API and the socket. */
function isServerPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path.startsWith('/socket.io');
}

/** Built assets carry a content hash in their names: cached for good. The page itself is always asked again. */
function cacheHeaders(res: ServerResponse, path: string): void {
  res.setHeader('Cache-Control', path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * Compression for what the app sends, and the built web client:
 * - API responses above 1 KB are compressed on the fly (gzip, deflate or brotli as the client accepts);
 * - the client's text assets were compressed at build time (client/vite.config.mts) and are sent as they are, with
 *   `Content-Encoding` and `Vary: Accept-Encoding`, brotli first;
 * - any other path that is not the API's nor the socket's gets the page, so the client's own routes load directly.
 * Socket.io answers its requests before Express sees them, so its frames are never touched here.
 */
export function serveClientAndCompress(app: INestApplication): void {
  app.use(
    compression({
      threshold: COMPRESSION_THRESHOLD_BYTES,
      // Server-sent bytes that are already compressed (the pre-built assets) keep their encoding.
      filter: (req: Request, res: Response): boolean => !res.getHeader('Content-Encoding') && compression.filter(req, res),
    }),
  );
  if (!existsSync(join(clientDist, 'index.html'))) return;

  const assets = expressStaticGzip(clientDist, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    serveStatic: { setHeaders: cacheHeaders },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (isServerPath(req.path)) next();
    else void assets(req, res, next);
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isServerPath(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(clientDist, 'index.html'));
  });
}
