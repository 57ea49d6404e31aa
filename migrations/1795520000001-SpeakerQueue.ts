import { MigrationInterface, QueryRunner } from 'typeorm';

const CONSTITUENCIES = `'government','employers','workers','park_management','civil_society','academia','international'`;

/** The speaker queue of a roundtable: raised hands, who was given the floor, on which agenda item and for how long. */
export class SpeakerQueue1795520000001 implements MigrationInterface {
  name = 'SpeakerQueue1795520000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE speaker_turns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        roundtable_id uuid NOT NULL REFERENCES roundtables(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        constituency text NOT NULL CHECK (constituency IN (${CONSTITUENCIES})),
        status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting','speaking','done','withdrawn')),
        agenda_item_id uuid REFERENCES roundtable_agenda_items(id) ON DELETE SET NULL,
        limit_seconds integer CHECK (limit_seconds > 0),
        raised_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        ended_at timestamptz,
        given_by_id uuid REFERENCES users(id) ON DELETE SET NULL
      )`);
    // One hand up (or one turn at the floor) per person at a time, and one speaker per roundtable.
    await q.query(`CREATE UNIQUE INDEX speaker_turns_one_open_hand ON speaker_turns (roundtable_id, user_id) WHERE status IN ('waiting','speaking')`);
    await q.query(`CREATE UNIQUE INDEX speaker_turns_one_speaker ON speaker_turns (roundtable_id) WHERE status = 'speaking'`);
    await q.query(`CREATE INDEX speaker_turns_roundtable_idx ON speaker_turns (roundtable_id, raised_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE speaker_turns`);
  }
}
