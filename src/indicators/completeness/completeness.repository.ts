import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../../database/unit-of-work';
import { addDays, REPORTED_CODE_BASE } from './completeness';

/** What the completeness matrix and the reminders read of the observations. */
@Injectable()
export class CompletenessRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The periods each park reported a value for (any breakdown, rejected ones left out), and whether each value was
   * first reported (that UTC day) by the period's due day, by park, encoded as `parkCells` reads them
   * (completeness.ts). The periods are of one frequency, so their starts tell them apart. `parkIds` null asks for
   * every park: one range scan of the indicator in the current-value index rather than a list of every park's id.
   * Read from the index alone (it carries the status and report times).
   */
  async reportedCells(indicatorId: string, parkIds: string[] | null, periods: { period: string; start: string; due: string }[]): Promise<Map<string, string>> {
    if (parkIds?.length === 0 || !periods.length) return new Map();
    // The periods come oldest first (periodsBetween), so the first and last starts bound the range.
    const starts = periods.map((p) => p.start);
    // A value is on time when first reported before the start (UTC) of the day after its due day.
    const cutoffs = periods.map((p) => `${addDays(p.due, 1)}T00:00:00Z`);
    const params: unknown[] = [indicatorId, starts[0], starts[starts.length - 1], starts, cutoffs, periods.map((p) => p.period)];
    if (parkIds) params.push(parkIds);
    // One row per park, grouped in index order (park first), so PostgreSQL neither hashes nor sorts; a code per value
    // is two array lookups and a comparison, where formatting days and periods as text doubled the query's time.
    const rows: { park_id: string; cells: string }[] = await this.dataSource.query(
      `SELECT o.park_id,
              string_agg(chr(${REPORTED_CODE_BASE} + 2 * (array_position($4::date[], o.period_start) - 1)
                             + (coalesce(o.first_reported_at, o.reported_at) < ($5::timestamptz[])[array_position($4::date[], o.period_start)])::int),
                         '') AS cells
         FROM observations o
        WHERE o.indicator_id = $1 AND o.superseded_at IS NULL AND o.park_id IS NOT NULL ${parkIds ? 'AND o.park_id = ANY($7::uuid[])' : ''}
          AND o.period_start >= $2 AND o.period_start <= $3 AND o.period = ANY($6::text[]) AND o.status <> 'rejected'
        GROUP BY o.park_id`,
      params,
    );
    return new Map(rows.map((r) => [r.park_id, r.cells]));
  }

  /** Of the parks, those with no value (any breakdown, not rejected) for the indicator's period. */
  async unreported(indicatorId: string, parkIds: string[], period: { period: string; start: string }): Promise<string[]> {
    if (!parkIds.length) return [];
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT p.id FROM unnest($2::uuid[]) p(id)
        WHERE NOT EXISTS (SELECT 1 FROM observations o WHERE o.indicator_id = $1 AND o.park_id = p.id AND o.superseded_at IS NULL
                             AND o.park_id IS NOT NULL AND o.period_start = $3 AND o.period = $4 AND o.status <> 'rejected')`,
      [indicatorId, parkIds, period.start, period.period],
    );
    return rows.map((r) => r.id);
  }

  /** Records reminders about to be sent; answers the parks not reminded of this before (each goes out once). */
  async claimReminders(tx: Tx, indicatorId: string, parkIds: string[], period: string, kind: 'before' | 'after'): Promise<string[]> {
    if (!parkIds.length) return [];
    const rows: { park_id: string }[] = await tx.query(
      `INSERT INTO reporting_reminders (indicator_id, park_id, period, kind)
       SELECT $1, p, $3, $4 FROM unnest($2::uuid[]) p
       ON CONFLICT DO NOTHING RETURNING park_id`,
      [indicatorId, parkIds, period, kind],
    );
    return rows.map((r) => r.park_id);
  }
}
