import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public portal: a roadmap's facilitators may publish it (progress, commitments' public fields and the verified
 * series of its indicators) to readers who are not signed in. Off by default.
 */
export class PublicRoadmaps1796050000000 implements MigrationInterface {
  name = 'PublicRoadmaps1796050000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE roadmaps ADD COLUMN is_public boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX roadmaps_public ON roadmaps (period_start DESC, created_at DESC) WHERE is_public`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX roadmaps_public`);
    await q.query(`ALTER TABLE roadmaps DROP COLUMN is_public`);
  }
}
