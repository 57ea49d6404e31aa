import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A value replaced by a correction before anyone reviewed it no longer says `submitted` (awaiting verification): it is
 * `superseded`. A verified or rejected value keeps its outcome when replaced (superseded_at says it is history). The
 * rows already replaced are brought in line, and the table refuses a replaced value that still awaits verification.
 */
export class SupersededObservations1795470000001 implements MigrationInterface {
  name = 'SupersededObservations1795470000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE observations DROP CONSTRAINT observations_status_check`);
    await q.query(`UPDATE observations SET status = 'superseded' WHERE status = 'submitted' AND superseded_at IS NOT NULL`);
    await q.query(`
      ALTER TABLE observations
        ADD CONSTRAINT observations_status_check CHECK (status IN ('submitted','verified','rejected','superseded')),
        ADD CONSTRAINT observations_superseded_status_check
          CHECK (CASE status WHEN 'submitted' THEN superseded_at IS NULL WHEN 'superseded' THEN superseded_at IS NOT NULL ELSE true END)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE observations DROP CONSTRAINT observations_superseded_status_check, DROP CONSTRAINT observations_status_check`);
    await q.query(`UPDATE observations SET status = 'submitted' WHERE status = 'superseded'`);
    await q.query(`ALTER TABLE observations ADD CONSTRAINT observations_status_check CHECK (status IN ('submitted','verified','rejected'))`);
  }
}
