import fastifyCompress from '@fastify/compress';
import fastifyEtag from '@fastify/etag';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { projectRoot } from '../common/paths';
import { OpeningPages } from './opening-pages';

/** Responses smaller than this are sent as they are: compressing them saves less than it costs. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;
/**
 * Responses up to this size are compressed in one call on the event loop, larger ones through a compression stream
 * on libuv's threads. @fastify/compress streams from 8 KB on two cores, but a stream costs more than it saves here:
 * a Brotli stream and a pipeline per response, and the threads share the cores with the event loop and PostgreSQL.
 * The roadmap's indicator health (11 KB) takes about a quarter less CPU a request compressed in one call.
 */
const SYNC_COMPRESSION_MAX_BYTES = 64 * 1024;

const clientDist = join(projectRoot(), 'client', 'dist');

/** Paths the web client never owns: the API and the socket. */
function isServerPath(url: string): boolean {
  const path = url.split('?')[0];
  return path === '/api' || path.startsWith('/api/') || path.startsWith('/socket.io');
}

/** Built assets carry a content hash in their names: cached for good. The page itself is always asked again. */
function cacheHeaders(reply: FastifyReply, path: string): void {
  void reply.header('Cache-Control', path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * Compression for what the app sends, and the built web client:
 * - API responses above 1 KB are compressed on the fly, gzip first, else brotli or deflate as the client accepts: on
 *   the app's JSON, gzip's default level sends as few bytes as brotli's (quality 4, the library's default) in half the
 *   CPU (a 3 KB commitment: 27 against 50 µs, 1,418 against 1,419 bytes; the 17 KB indicator catalogue: 82 against
 *   132 µs, 5,006 against 5,051 bytes);
 * - the client's text assets were compressed at build time (client/vite.config.mts) and are sent as they are, with
 *   `Content-Encoding` and `Vary: Accept-Encoding`, brotli first (a response that already has an encoding is never
 *   compressed again);
 * - any other GET that is not the API's nor the socket's gets the page, so the client's own routes load directly,
 *   with the scripts of the page at that address preloaded (src/static/opening-pages.ts; compressed on the fly).
 * Socket.io answers its requests before Fastify sees them, so its frames are never touched here.
 */
export async function serveClientAndCompress(app: NestFastifyApplication): Promise<void> {
  // A weak ETag on every body, taken before compression, so a reader may revalidate (the public portal's pages).
  await app.register(fastifyEtag, { weak: true, algorithm: 'fnv1a' });
  await app.register(fastifyCompress, {
    threshold: COMPRESSION_THRESHOLD_BYTES,
    syncThreshold: SYNC_COMPRESSION_MAX_BYTES,
    encodings: ['gzip', 'br', 'deflate'],
  });
  if (!existsSync(join(clientDist, 'index.html'))) return;

  // The built files are known at start (they carry content hashes): one route each, no lookup on disk per request.
  await app.register(fastifyStatic, { root: clientDist, preCompressed: true, wildcard: false, cacheControl: false, setHeaders: cacheHeaders });
  const openingPages = OpeningPages.load(clientDist);
  app
    .getHttpAdapter()
    .getInstance()
    .get('/*', (request: FastifyRequest, reply: FastifyReply) => {
      if (isServerPath(request.url)) return reply.callNotFound();
      void reply.header('Cache-Control', 'no-cache');
      const page = openingPages?.pageFor(request.url);
      return page ? reply.type('text/html; charset=utf-8').send(page) : reply.sendFile('index.html');
    });
}
