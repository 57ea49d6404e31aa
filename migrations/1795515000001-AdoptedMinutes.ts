import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The official record of a roundtable: its minutes move draft → circulated → adopted → locked; attendees comment on
 * each agenda item's minutes while they circulate; adoption records who adopted and which attendees objected; after
 * adoption a change is a numbered corrigendum. Decisions may name the agenda item they were taken under.
 */
export class AdoptedMinutes1795515000001 implements MigrationInterface {
  name = 'AdoptedMinutes1795515000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE roundtable_minutes (
        roundtable_id uuid PRIMARY KEY REFERENCES roundtables (id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'circulated', 'adopted', 'locked')),
        comment_deadline timestamptz,
        circulated_at timestamptz,
        circulated_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        adopted_at timestamptz,
        adopted_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        locked_at timestamptz,
        locked_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE minutes_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        roundtable_id uuid NOT NULL REFERENCES roundtables (id) ON DELETE CASCADE,
        agenda_item_id uuid NOT NULL REFERENCES roundtable_agenda_items (id) ON DELETE CASCADE,
        author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX minutes_comments_roundtable ON minutes_comments (roundtable_id, created_at)`);
    await q.query(`
      CREATE TABLE minutes_objections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        roundtable_id uuid NOT NULL REFERENCES roundtables (id) ON DELETE CASCADE,
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        statement text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX minutes_objections_roundtable ON minutes_objections (roundtable_id)`);
    await q.query(`
      CREATE TABLE minutes_corrigenda (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        roundtable_id uuid NOT NULL REFERENCES roundtables (id) ON DELETE CASCADE,
        number integer NOT NULL,
        agenda_item_id uuid REFERENCES roundtable_agenda_items (id) ON DELETE SET NULL,
        text jsonb NOT NULL,
        author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (roundtable_id, number)
      )`);
    await q.query(`ALTER TABLE roundtable_decisions ADD COLUMN agenda_item_id uuid REFERENCES roundtable_agenda_items (id) ON DELETE SET NULL`);
    await q.query(`CREATE INDEX roundtable_decisions_agenda_item ON roundtable_decisions (agenda_item_id) WHERE agenda_item_id IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE roundtable_decisions DROP COLUMN agenda_item_id`);
    await q.query(`DROP TABLE minutes_corrigenda`);
    await q.query(`DROP TABLE minutes_objections`);
    await q.query(`DROP TABLE minutes_comments`);
    await q.query(`DROP TABLE roundtable_minutes`);
  }
}
