import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/validation';
import type { ResolvedConfig } from './config/app-config';
import { AppLogger } from './logger';
import { useRealtimeAdapter } from './realtime/realtime-io.adapter';

/** Builds the whole application (used by main.ts and by the e2e tests, so both run the same thing). */
export async function createApp(config: ResolvedConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  app.set('trust proxy', config.trustProxy);
  app.setGlobalPrefix('api', { exclude: [] });
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
  app.enableCors({ origin: config.corsOrigins, credentials: true });
  app.useGlobalPipes(createValidationPipe());
  app.useBodyParser('json', { limit: '2mb' });
  await useRealtimeAdapter(app, config);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('GreenTable API')
      .setDescription('Social dialogue on green jobs: roundtables, roadmaps, commitments, indicators. Realtime protocol: see docs/realtime.md.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
