import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Park codes: the identifier other systems know a park by (SDMX REF_AREA, DHIS2 orgUnit). Upper-case letters,
 * digits, `_ . -`, unique. Existing parks get one made from their id; a park created without one gets a random one.
 */
export class ParkCodes1796040000000 implements MigrationInterface {
  name = 'ParkCodes1796040000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE parks ADD COLUMN code text`);
    await q.query(`UPDATE parks SET code = 'EIP-' || upper(substr(replace(id::text, '-', ''), 1, 12))`);
    await q.query(`
      ALTER TABLE parks
        ALTER COLUMN code SET DEFAULT ('EIP-' || upper(substr(md5(random()::text || clock_timestamp()::text), 1, 12))),
        ALTER COLUMN code SET NOT NULL,
        ADD CONSTRAINT parks_code_key UNIQUE (code),
        ADD CONSTRAINT parks_code_check CHECK (code ~ '^[A-Z0-9][A-Z0-9_.-]{0,39}$')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE parks DROP COLUMN code`);
  }
}
