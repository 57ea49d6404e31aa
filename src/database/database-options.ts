import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

const root = join(__dirname, '..', '..');

/** Options shared by the app, the TypeORM CLI and the test setup. Never synchronize: migrations only. */
export function databaseOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    entities: [join(root, 'src', '**', '*.entity.{ts,js}')],
    migrations: [join(root, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    // Connections opened for a burst stay a minute (not pg's 10 s), so that the next burst does not pay for new ones.
    extra: { max: 20, idleTimeoutMillis: 60_000 },
  };
}

const MIGRATION_LOCK = 7_340_101;

/**
 * Applies pending migrations under an advisory lock, so that several app processes (or test workers) starting
 * on one database never run the same migration twice.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
