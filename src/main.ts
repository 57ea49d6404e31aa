import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, type AppConfig, type ResolvedConfig } from './config/app-config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres';
import { createApp } from './create-app';
import { DemoService } from './demo/demo.service';
import { rootLogger } from './logger';

/** With the embedded database the secret is kept beside it, so sign-ins survive restarts. */
function resolveJwtSecret(config: AppConfig): string {
  if (config.jwtSecret) return config.jwtSecret;
  const dir = resolve(config.dataDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function bootstrap(): Promise<void> {
  const startedAt = Date.now();
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  // The start-up lines (starting, demo loaded, ready, stopping) are shown at any level but silent, as a person
  // starting the app and the tools that wait for "ready on" expect; at debug or trace they share the app's logger.
  const quieterThanInfo = ['fatal', 'error', 'warn'].includes(config.logLevel);
  const log = rootLogger(quieterThanInfo ? { ...config, logLevel: 'info' } : config);
  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    log.info(`Starting the embedded PostgreSQL in ${resolve(config.dataDir, 'postgres')} ...`);
    embedded = await startEmbeddedPostgres(config.dataDir);
  }
  const resolved: ResolvedConfig = {
    ...config,
    databaseUrl: config.databaseUrl ?? embedded!.url,
    jwtSecret: resolveJwtSecret(config),
  };

  const app = await createApp(resolved);
  // Nest holds its logs until the app is initialized: out now, so that they come in order with the lines below.
  app.flushLogs();
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received: closing connections${embedded ? ' and stopping the embedded PostgreSQL' : ''}`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
      await embedded?.stop();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  if (embedded && config.demoData) {
    const outcome = await app.get(DemoService).loadIfEmpty();
    if (outcome.loaded) log.info('Loaded the demo world (see README for the demo sign-ins).');
  }
  await app.listen(config.port);
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  log.info(`GreenTable is ready on http://localhost:${config.port} (started in ${seconds}s)`);
}

bootstrap().catch((error) => {
  console.error(error);
  process.exit(1);
});
