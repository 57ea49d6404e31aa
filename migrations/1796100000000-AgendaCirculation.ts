import { MigrationInterface, QueryRunner } from 'typeorm';

/** When a roundtable's agenda was last circulated to those taking part, and by whom. */
export class AgendaCirculation1796100000000 implements MigrationInterface {
  name = 'AgendaCirculation1796100000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE roundtables ADD COLUMN agenda_circulated_at timestamptz NULL`);
    await q.query(`ALTER TABLE roundtables ADD COLUMN agenda_circulated_by_id uuid NULL REFERENCES users (id) ON DELETE SET NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE roundtables DROP COLUMN agenda_circulated_by_id`);
    await q.query(`ALTER TABLE roundtables DROP COLUMN agenda_circulated_at`);
  }
}
