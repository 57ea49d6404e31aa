import type { Pool, QueryResultRow } from 'pg';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';

/** TypeORM's own pool of connections (its PostgreSQL driver's `master`). */
export const poolOf = (dataSource: DataSource): Pool => (dataSource.driver as unknown as { master: Pool }).master;

/**
 * Runs a statement of a hot path (every message sent, every socket's periodic re-read) as a named prepared
 * statement, on TypeORM's pool or a pool of its own: PostgreSQL parses and plans it once per connection instead of
 * at every call, which is what DataSource.query does (unnamed statements). `name` must be unique to `text` across
 * the app. Failures are TypeORM's QueryFailedError, as from DataSource.query.
 */
export async function queryPrepared<T extends QueryResultRow>(on: DataSource | Pool, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = 'driver' in on ? poolOf(on) : on;
  try {
    return (await pool.query<T>({ name, text, values })).rows;
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}

/**
 * A hot read that is also made inside transactions: outside one (no manager given, or the data source's own) it is
 * queryPrepared on the pool; inside one it runs as a plain statement on the transaction's connection, so that it sees
 * what the transaction wrote.
 */
export async function queryPreparedUnlessIn<T extends QueryResultRow>(
  dataSource: DataSource,
  tx: EntityManager | undefined,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  if (!tx || tx === dataSource.manager) return queryPrepared<T>(dataSource, name, text, values);
  return tx.query<T[]>(text, values);
}
