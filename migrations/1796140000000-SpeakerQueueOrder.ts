import { MigrationInterface, QueryRunner } from 'typeorm';

/** The order a roundtable's speaker queue follows, as its facilitator chose it (kept, so every app process and a restart agree). */
export class SpeakerQueueOrder1796140000000 implements MigrationInterface {
  name = 'SpeakerQueueOrder1796140000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE speaker_queue_settings (
        roundtable_id uuid PRIMARY KEY REFERENCES roundtables(id) ON DELETE CASCADE,
        queue_order text NOT NULL CHECK (queue_order IN ('alternate','fifo')),
        updated_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE speaker_queue_settings`);
  }
}
