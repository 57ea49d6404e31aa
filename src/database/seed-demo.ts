// npm run seed:demo [-- --force]: loads the demo world into DATABASE_URL (or the embedded database under DATA_DIR).
// Refuses a database that holds other data unless --force is given. Running it twice changes nothing.
import 'reflect-metadata';
import { loadConfig } from '../config/app-config';
import { createApp } from '../create-app';
import { DemoService } from '../demo/demo.service';
import { startEmbeddedPostgres } from './embedded-postgres';

async function main(): Promise<void> {
  const force = process.argv.includes('--force');
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir);
  const app = await createApp({
    ...config,
    databaseUrl: config.databaseUrl ?? embedded!.url,
    jwtSecret: config.jwtSecret ?? 'seed-only-secret-never-used-to-sign-anything',
  });
  await app.init();
  try {
    const demo = app.get(DemoService);
    const outcome = force ? await demo.load() : await demo.loadIfEmpty();
    if (outcome.reason) {
      console.error(`Not loading the demo world: the ${outcome.reason}. Run with --force to load it anyway.`);
      process.exitCode = 2;
    } else {
      console.log(outcome.loaded ? `Demo world loaded: ${JSON.stringify(outcome.created)}` : 'Demo world already present: nothing changed.');
    }
  } finally {
    await app.close();
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
