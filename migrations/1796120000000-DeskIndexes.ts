import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The desk's queries, each served by an index: the commitments an organization supports (the primary key starts from
 * the commitment), a park's values rejected and not yet corrected, and the park periods still awaiting approval.
 */
export class DeskIndexes1796120000000 implements MigrationInterface {
  name = 'DeskIndexes1796120000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX action_item_supporters_organization_idx ON action_item_supporters (organization_id, action_item_id)`);
    await q.query(`CREATE INDEX observations_to_correct_idx ON observations (park_id, id) WHERE status = 'rejected' AND superseded_at IS NULL`);
    await q.query(`CREATE INDEX period_approvals_awaited_idx ON period_approvals (period_start) WHERE state IN ('submitted', 'city_approved')`);
    await q.query(`CREATE INDEX parks_organization_idx ON parks (organization_id) WHERE organization_id IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX parks_organization_idx`);
    await q.query(`DROP INDEX period_approvals_awaited_idx`);
    await q.query(`DROP INDEX observations_to_correct_idx`);
    await q.query(`DROP INDEX action_item_supporters_organization_idx`);
  }
}
