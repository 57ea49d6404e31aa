import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A vote has a target: a roundtable's draft decision (during the meeting) or a commitment (between meetings). A
 * commitment's vote has no roundtable; its outcome and tallies are written onto the commitment.
 */
export class CommitmentVotes1796020000000 implements MigrationInterface {
  name = 'CommitmentVotes1796020000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE votes ALTER COLUMN roundtable_id DROP NOT NULL`);
    await q.query(`ALTER TABLE votes ALTER COLUMN decision_id DROP NOT NULL`);
    await q.query(`ALTER TABLE votes ADD COLUMN action_item_id uuid REFERENCES action_items(id) ON DELETE CASCADE`);
    await q.query(`
      ALTER TABLE votes ADD CONSTRAINT votes_one_target CHECK (
        (roundtable_id IS NOT NULL AND decision_id IS NOT NULL AND action_item_id IS NULL)
        OR (roundtable_id IS NULL AND decision_id IS NULL AND action_item_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX votes_action_item_idx ON votes (action_item_id, created_at) WHERE action_item_id IS NOT NULL`);
    // One open vote per commitment at a time, as per decision.
    await q.query(`CREATE UNIQUE INDEX votes_one_open_per_action_item ON votes (action_item_id) WHERE status = 'open' AND action_item_id IS NOT NULL`);
    await q.query(`ALTER TABLE action_items ADD COLUMN vote_result jsonb`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE action_items DROP COLUMN vote_result`);
    await q.query(`DELETE FROM votes WHERE action_item_id IS NOT NULL`);
    await q.query(`DROP INDEX votes_one_open_per_action_item`);
    await q.query(`DROP INDEX votes_action_item_idx`);
    await q.query(`ALTER TABLE votes DROP CONSTRAINT votes_one_target`);
    await q.query(`ALTER TABLE votes DROP COLUMN action_item_id`);
    await q.query(`ALTER TABLE votes ALTER COLUMN decision_id SET NOT NULL`);
    await q.query(`ALTER TABLE votes ALTER COLUMN roundtable_id SET NOT NULL`);
  }
}
