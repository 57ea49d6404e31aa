import type { Config } from '@jest/types';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { databaseOptions, runMigrations } from '../src/database/database-options';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { workerDatabaseName } from './support/worker-database';

/**
 * Starts a throwaway embedded PostgreSQL (or uses TEST_DATABASE_URL) and runs the migrations once, then copies the
 * migrated database once per jest worker (test/support/worker-database.ts): test files that run side by side never
 * see each other's rows. The development database under ./data is never touched. Also makes sure nginx and
 * redis-server are installed.
 */
export default async function globalSetup(globalConfig: Config.GlobalConfig): Promise<void> {
  // nginx and redis-server for the scale-out tests (installed with apt-get when missing).
  const tools = spawnSync(process.execPath, [join(__dirname, '..', 'scripts', 'ensure-system-tools.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  if (tools.status !== 0) throw new Error('nginx and redis-server are needed by the scale-out tests (see the message above)');
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), 'greentable-test-'));
    const db = await startEmbeddedPostgres(dir, 'greentable_test');
    url = db.url;
    (globalThis as Record<string, unknown>).__GREENTABLE_TEST_DB__ = { stop: () => db.stop(), dir };
  }
  const dataSource = await new DataSource(databaseOptions(url)).initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
  // The copies are made with the migrated database as their template, which nobody may be connected to meanwhile:
  // through the server's own 'postgres' database.
  const template = new URL(url).pathname.slice(1);
  const postgresUrl = new URL(url);
  postgresUrl.pathname = '/postgres';
  const server = new Client({ connectionString: postgresUrl.toString() });
  await server.connect();
  try {
    for (let worker = 1; worker <= Math.max(1, globalConfig.maxWorkers); worker++) {
      const name = workerDatabaseName(template, String(worker));
      await server.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await server.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    }
  } finally {
    await server.end();
  }
  process.env.GREENTABLE_TEST_TEMPLATE_DATABASE_URL = url;
}
