import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { databaseOptions, runMigrations } from '../src/database/database-options';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

/**
 * Starts a throwaway embedded PostgreSQL (or uses TEST_DATABASE_URL) and runs the migrations once.
 * The development database under ./data is never touched. Also makes sure nginx and redis-server are installed.
 */
export default async function globalSetup(): Promise<void> {
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
  process.env.GREENTABLE_TEST_DATABASE_URL = url;
}
