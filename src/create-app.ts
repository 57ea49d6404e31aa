import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { bodyParserErrors, guardRequestInput, JSON_BODY_LIMIT_BYTES } from './common/request-input';
import { createValidationPipe } from './common/validation';
import type { ResolvedConfig } from './config/app-config';
import { API_PREFIX, loadOpenApiMetadata, openApiDocument } from './openapi/openapi-document';
import { serveAsyncApiDocument } from './realtime/asyncapi';
import { AppLogger } from './logger';
import { useRealtimeAdapter } from './realtime/realtime-io.adapter';
import { serveClientAndCompress } from './static/client-assets';

/** Builds the whole application (used by main.ts and by the e2e tests, so both run the same thing). */
export async function createApp(config: ResolvedConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  app.set('trust proxy', config.trustProxy);
  app.setGlobalPrefix(API_PREFIX, { exclude: [] });
  app.use(
    helmet({
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
    }),
  );
  serveClientAndCompress(app);
  app.enableCors({ origin: config.corsOrigins, credentials: true });
  // Reads the refresh token's HttpOnly cookie (src/auth/refresh-cookie.ts).
  app.use(cookieParser());
  app.useGlobalPipes(createValidationPipe());
  // The parsers, then the input guard, run before any route; their errors answer in the API's error shape.
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT_BYTES });
  app.useBodyParser('urlencoded', { limit: JSON_BODY_LIMIT_BYTES, extended: false });
  app.use(bodyParserErrors);
  app.use(guardRequestInput);
  await useRealtimeAdapter(app, config);

  await loadOpenApiMetadata();
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
  serveAsyncApiDocument(app, () => openApiDocument(app).components ?? {});
  return app;
}
