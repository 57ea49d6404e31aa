import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The current value per park series, index carrying the value itself: the value, its status and when it was first
 * and last reported. The reads that go through a park's series a row at a time then come from the index alone,
 * without visiting the table: the history check of an import (the last values of each row's series), the
 * completeness matrix (when each park first reported each period) and the SDMX export of an indicator nationally.
 * The key and the uniqueness are unchanged; the old index is replaced by the new one under the same name.
 */
export class ObservationsCoveringIndex1796300000000 implements MigrationInterface {
  name = 'ObservationsCoveringIndex1796300000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNIQUE INDEX observations_park_current_cover_idx ON observations (indicator_id, park_id, disaggregation, period_start, period)
        INCLUDE (value, status, first_reported_at, reported_at)
        WHERE superseded_at IS NULL AND park_id IS NOT NULL`);
    await q.query(`DROP INDEX observations_park_current_idx`);
    await q.query(`ALTER INDEX observations_park_current_cover_idx RENAME TO observations_park_current_idx`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNIQUE INDEX observations_park_current_plain_idx ON observations (indicator_id, park_id, disaggregation, period_start, period)
        WHERE superseded_at IS NULL AND park_id IS NOT NULL`);
    await q.query(`DROP INDEX observations_park_current_idx`);
    await q.query(`ALTER INDEX observations_park_current_plain_idx RENAME TO observations_park_current_idx`);
  }
}
