import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { databaseOptions, runMigrations } from '../../src/database/database-options';

/**
 * A database of its own on the test server, migrated, for the fuzz suite: what it writes (nothing, it must be)
 * is then told apart from what the other test files write at the same time.
 */
export async function createFuzzDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.GREENTABLE_TEST_DATABASE_URL;
  if (!base) throw new Error('GREENTABLE_TEST_DATABASE_URL is not set: run the e2e tests through jest (global setup)');
  const name = `greentable_fuzz_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const dataSource = await new DataSource(databaseOptions(url.toString())).initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** One line per table: its row count and a hash over all its rows, so any insert, update or delete changes it. */
export async function tableChecksums(db: DataSource): Promise<Record<string, string>> {
  const tables: { name: string }[] = await db.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const union = tables
    .map(({ name }) => `SELECT '${name}' AS name, count(*)::text || ':' || coalesce(sum(hashtextextended(t::text, 0)), 0)::text AS sum FROM "${name}" t`)
    .join(' UNION ALL ');
  const rows: { name: string; sum: string }[] = await db.query(union);
  return Object.fromEntries(rows.map((r) => [r.name, r.sum]));
}
