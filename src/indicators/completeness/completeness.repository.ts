import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../../database/unit-of-work';

/** What the completeness matrix and the reminders read of the observations. */
@Injectable()
export class CompletenessRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * When each park first reported a value (any breakdown, rejected ones left out) for each of the periods: one range
   * scan of the current-value index per park.
   */
  async firstReports(
    indicatorId: string,
    parkIds: string[],
    periods: { period: string; start: string }[],
  ): Promise<{ park_id: string; period: string; at: Date }[]> {
    if (!parkIds.length || !periods.length) return [];
    const starts = periods.map((p) => p.start).sort();
    return this.dataSource.query(
      `SELECT o.park_id, o.period, min(coalesce(o.first_reported_at, o.reported_at)) AS at
         FROM observations o
        WHERE o.indicator_id = $1 AND o.park_id = ANY($2::uuid[]) AND o.superseded_at IS NULL AND o.park_id IS NOT NULL
          AND o.period_start >= $3 AND o.period_start <= $4 AND o.period = ANY($5::text[]) AND o.status <> 'rejected'
        GROUP BY o.park_id, o.period`,
      [indicatorId, parkIds, starts[0], starts[starts.length - 1], periods.map((p) => p.period)],
    );
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
