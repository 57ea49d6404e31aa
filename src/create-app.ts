import fastifyCookie from '@fastify/cookie';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppModule } from './app.module';
import { registerBodyParsers } from './common/request-body';
import { JSON_BODY_LIMIT_BYTES, parsedInputProblem, pathProblem, requestReadingError } from './common/request-input';
import { createValidationPipe } from './common/validation';
import type { ResolvedConfig } from './config/app-config';
import { API_PREFIX, loadOpenApiMetadata, openApiDocument } from './openapi/openapi-document';
import { serveAsyncApiDocument } from './realtime/asyncapi';
import { AppLogger } from './logger';
import { useRealtimeAdapter } from './realtime/realtime-io.adapter';
import { serveClientAndCompress } from './static/client-assets';

type ErrorHandler = (error: unknown, request: FastifyRequest, reply: FastifyReply) => unknown;

/**
 * Fastify, with what it refuses while reading a request (malformed JSON, a body over the limit) turned into the
 * API's own errors before Nest's exception layer answers them, so they keep the one error shape (errorResponse).
 */
class ApiAdapter extends FastifyAdapter {
  /** Without a host, on every IPv4 interface, as the app answered before (Fastify alone answers on localhost only). */
  override listen(port: string | number, ...rest: unknown[]) {
    const args = rest.length === 0 || typeof rest[0] === 'function' ? ['0.0.0.0', ...rest] : rest;
    return (super.listen as (port: string | number, ...args: unknown[]) => void)(port, ...args);
  }

  override setErrorHandler(handler: ErrorHandler) {
    return super.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) =>
      handler(requestReadingError(error, request) ?? error, request, reply),
    );
  }
}

/** Builds the whole application (used by main.ts and by the e2e tests, so both run the same thing). */
export async function createApp(config: ResolvedConfig): Promise<INestApplication> {
  const adapter = new ApiAdapter({
    trustProxy: config.trustProxy,
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    // `/api/roundtables/` is `/api/roundtables`, and a path segment may be a long signed token (by default Fastify
    // finds no route for a segment over 100 characters).
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2048 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(AppLogger));
  app.setGlobalPrefix(API_PREFIX, { exclude: [] });
  secureHeaders(app);
  await serveClientAndCompress(app);
  app.enableCors({ origin: config.corsOrigins, credentials: true });
  // Reads the refresh token's HttpOnly cookie (src/auth/refresh-cookie.ts).
  await app.register(fastifyCookie);
  app.useGlobalPipes(createValidationPipe());
  guardRequestInput(app);
  await useRealtimeAdapter(app, config);

  await loadOpenApiMetadata();
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
  serveAsyncApiDocument(app, () => openApiDocument(app).components ?? {});
  return app;
}

/**
 * The body parsers (request-body.ts) and the input guard run before any route, and their refusals answer in the API's
 * error shape: the path, query and body are checked for what no route could safely handle (request-input.ts).
 */
function guardRequestInput(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  registerBodyParsers(fastify);
  fastify.addHook('onRequest', (request, _reply, done) => done(pathProblem(request) ?? undefined));
  fastify.addHook('preValidation', (request, _reply, done) => done(parsedInputProblem(request) ?? undefined));
}

/**
 * Helmet's headers on every response. Helmet is built once, here, and run on Node's response in a hook: the Fastify
 * plugin (@fastify/helmet) builds it again for every request, which cost a cheap read about as much CPU as Fastify
 * itself (bench/api.ts, BENCH_PROFILE).
 */
function secureHeaders(app: NestFastifyApplication): void {
  const headers = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        // Served over plain http on localhost out of the box; TLS belongs to the reverse proxy in front.
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: false,
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => headers(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
}
