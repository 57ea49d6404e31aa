import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Caucuses: each of the three groups of a roundtable (government, employers, workers) has a private channel for its
 * own participants, and may publish one agreed statement into the plenary record.
 */
export class Caucuses1795520000002 implements MigrationInterface {
  name = 'Caucuses1795520000002';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE roundtable_caucuses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        roundtable_id uuid NOT NULL REFERENCES roundtables(id) ON DELETE CASCADE,
        constituency text NOT NULL CHECK (constituency IN ('government','employers','workers')),
        statement jsonb,
        published_at timestamptz,
        published_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (roundtable_id, constituency)
      )`);
    await q.query(`ALTER TABLE channels DROP CONSTRAINT channels_kind_check`);
    await q.query(`ALTER TABLE channels ADD CONSTRAINT channels_kind_check CHECK (kind IN ('lobby','roundtable','working_group','action_item','caucus'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM channels WHERE kind = 'caucus'`);
    await q.query(`ALTER TABLE channels DROP CONSTRAINT channels_kind_check`);
    await q.query(`ALTER TABLE channels ADD CONSTRAINT channels_kind_check CHECK (kind IN ('lobby','roundtable','working_group','action_item'))`);
    await q.query(`DROP TABLE roundtable_caucuses`);
  }
}
