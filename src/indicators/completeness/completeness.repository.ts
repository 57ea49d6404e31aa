import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../../database/unit-of-work';

/** What the completeness matrix and the reminders read of the observations. */
@Injectable()
export class CompletenessRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The day (UTC, YYYY-MM-DD) each park first reported a value (any breakdown, rejected ones left out) for each of the
   * periods, by park and period. `parkIds` null asks for every park (one range scan of the indicator in the
   * current-value index rather than a list of every park's id). Read from the index alone (it carries the status and
   * report times), the days as text (no time stamps to parse for the ~30,000 cells of every park in the country).
   */
  async firstReportDays(
    indicatorId: string,
    parkIds: string[] | null,
    periods: { period: string; start: string }[],
  ): Promise<Map<string, Map<string, string>>> {
    if (parkIds?.length === 0 || !periods.length) return new Map();
    const starts = periods.map((p) => p.start).sort();
    const params: unknown[] = [indicatorId, starts[0], starts[starts.length - 1], periods.map((p) => p.period)];
    if (parkIds) params.push(parkIds);
    // One row per park, its periods and days as text ("2024-01=2024-02-03,2024-02=…"; periods and days hold neither
    // "=" nor ","): grouped in index order (park, period start), so PostgreSQL neither hashes nor sorts the cells, and
    // the app parses 2,543 rows rather than 30,516.
    const rows: { park_id: string; days: string }[] = await this.dataSource.query(
      `SELECT park_id, string_agg(period || '=' || day, ',') AS days
         FROM (SELECT o.park_id, o.period_start, o.period,
                      (min(coalesce(o.first_reported_at, o.reported_at)) AT TIME ZONE 'UTC')::date::text AS day
                 FROM observations o
                WHERE o.indicator_id = $1 AND o.superseded_at IS NULL AND o.park_id IS NOT NULL ${parkIds ? 'AND o.park_id = ANY($5::uuid[])' : ''}
                  AND o.period_start >= $2 AND o.period_start <= $3 AND o.period = ANY($4::text[]) AND o.status <> 'rejected'
                GROUP BY o.park_id, o.period_start, o.period
                ORDER BY o.park_id) r
        GROUP BY park_id`,
      params,
    );
    return new Map(rows.map((r) => [r.park_id, new Map(r.days.split(',').map((cell) => cell.split('=') as [string, string]))]));
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
