// Data source for the TypeORM CLI (npm run migration:generate|run|revert). Uses DATABASE_URL, or the embedded
// server's settings remembered under DATA_DIR while the app is running.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { databaseOptions } from './database-options';

function cliUrl(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const settingsFile = join(resolve(process.env.DATA_DIR ?? './data'), 'postgres.json');
  if (!existsSync(settingsFile)) {
    throw new Error('Set DATABASE_URL, or start the app once (npm start) so the embedded database exists and is running.');
  }
  const { port, password } = JSON.parse(readFileSync(settingsFile, 'utf8')) as { port: number; password: string };
  return `postgres://postgres:${password}@127.0.0.1:${port}/greentable`;
}

export default new DataSource(databaseOptions(cliUrl()));
