import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LocalizedText } from '../common/localized-text';
import type { Direction, Unit } from './catalogue';
import { scopeCondition } from './observations/observations.repository';
import type { Scope } from './scopes';

/** A current value as a series reads it. */
export interface ValueRow {
  park_id?: string;
  period: string;
  period_start: string;
  period_end: string;
  value: number;
  status: 'verified' | 'submitted';
  is_demo: boolean;
}

/** A value of the park page: an indicator of the catalogue and, when the park has one, one of its latest values. */
export interface ParkOverviewRow extends Partial<Omit<ValueRow, 'park_id' | 'period_start' | 'period_end'>> {
  indicator_id: string;
  code: string;
  name: LocalizedText;
  unit: Unit;
  direction: Direction;
}

/** A scope whose latest verified value is wanted, for periods ending after `after`. */
export interface LatestProbe {
  key: string;
  indicatorId: string;
  scope: Scope;
  disaggregation: string;
  after: string;
}

/** A city or province asked for its parks' latest values: the coverage its rule needs, and its weight indicator if any. */
export interface AreaLatestProbe extends LatestProbe {
  coverage: number;
  weightIndicatorId: string | null;
}

/** A latest value of a scope's own. */
export interface OwnLatestRow {
  key: string;
  period: string;
  period_end: string;
  value: number;
  is_demo: boolean;
}

/** An area's parks' values in the latest period enough of them reported for, in one row. */
export interface AreaLatestRow {
  key: string;
  period: string;
  period_start: string;
  period_end: string;
  /** One per park that reported the period. */
  values: number[];
  /**
   * For a weighted mean: each of those parks' verified total of the weight indicator for the period, in the same order
   * (null where a park has none); null for any other rule.
   */
  weights: (number | null)[] | null;
  /** Whether any of the values is demo data. */
  is_demo: boolean;
  /** How many parks the area has. */
  expected: number;
}

/**
 * One step down the periods of a city or province `l` (see AREA_LATEST_SQL): each of its parks' latest verified value
 * for a period before `below` and ending after the baseline date (one backward index probe per park); of these, the
 * latest period with its parks' values, how many parks reported for it, and how many have any value before `below`.
 */
const areaStep = (below: string) => `
  SELECT x.period_start, x.period, min(x.period_end) AS period_end, count(*) AS reported, min(x.possible) AS possible,
         array_agg(x.park_id) AS park_ids, array_agg(x.value) AS park_values, array_agg(x.is_demo) AS demo
    FROM (SELECT p.id AS park_id, o.period_start, o.period, o.period_end, o.value::float8 AS value, o.is_demo, count(*) OVER () AS possible
            FROM unnest(l.park_ids) AS p(id)
           CROSS JOIN LATERAL (
             SELECT o.period_start, o.period, o.period_end, o.value, o.is_demo FROM observations o
              WHERE o.indicator_id = l.indicator_id AND o.park_id = p.id AND o.disaggregation = l.disaggregation
                AND o.superseded_at IS NULL AND o.park_id IS NOT NULL AND o.status = 'verified' AND o.period_end > l.after
                AND (o.period_start, o.period) < ${below}
              ORDER BY o.period_start DESC, o.period DESC LIMIT 1) o) x
   GROUP BY x.period_start, x.period
   ORDER BY x.period_start DESC, x.period DESC
   LIMIT 1`;

/**
 * Per city or province, its parks' values for the latest period enough of them reported for — the share `coverage`
 * of its parks (COVERAGE_NEEDED) — so that a month only some parks have reported yet is not taken for the scope's
 * latest value. A walk down the periods its parks reported, latest first, one step per period: one step when every
 * park has reported the latest period, a second while the latest is still coming in. It stops with nothing once too
 * few parks have values left to reach the coverage.
 *
 * Kept as one statement over parks × observations, so a dashboard of dozens of areas costs one round trip: it reads
 * the park directory (`parks`, the parks module's table) for each area's park ids, a pure read, and nothing else of
 * another module. Everything else the indicators module wants of parks it asks of ParksService.
 */
const AREA_LATEST_SQL = `
  WITH RECURSIVE l AS (
    SELECT l.key, l.indicator_id, l.disaggregation, l.after, l.weight_indicator_id, l.coverage * count(*) AS needed, array_agg(p.id) AS park_ids
      FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::date[], $7::float8[], $8::uuid[])
        AS l(key, indicator_id, province, city, disaggregation, after, coverage, weight_indicator_id)
      JOIN parks p ON p.province = l.province AND (l.city = '' OR p.city = l.city)
     GROUP BY l.key, l.indicator_id, l.disaggregation, l.after, l.coverage, l.weight_indicator_id
  ), walk AS (
    SELECT l.key, s.* FROM l CROSS JOIN LATERAL (${areaStep(`('infinity'::date, '')`)}) s
    UNION ALL
    SELECT w.key, s.* FROM walk w JOIN l ON l.key = w.key CROSS JOIN LATERAL (${areaStep('(w.period_start, w.period)')}) s
     WHERE w.reported < l.needed AND w.possible >= l.needed
  )
  SELECT w.key, w.period, w.period_start::text AS period_start, w.period_end::text AS period_end, w.park_values AS values,
         CASE WHEN l.weight_indicator_id IS NOT NULL THEN (
           SELECT array_agg(wt.value ORDER BY v.n)
             FROM unnest(w.park_ids) WITH ORDINALITY AS v(park_id, n)
             LEFT JOIN LATERAL (
               SELECT o.value::float8 AS value FROM observations o
                WHERE o.indicator_id = l.weight_indicator_id AND o.park_id = v.park_id AND o.disaggregation = ''
                  AND o.period_start = w.period_start AND o.period = w.period
                  AND o.superseded_at IS NULL AND o.park_id IS NOT NULL AND o.status = 'verified') wt ON true)
         END AS weights,
         true = ANY(w.demo) AS is_demo, cardinality(l.park_ids) AS expected
    FROM walk w JOIN l ON l.key = w.key
   WHERE w.reported >= l.needed`;

/**
 * A value fit for the public portal: verified, and not flagged by the validation rules unless a facilitator has
 * confirmed it (a flagged value still open, or sent back, stays off the portal even once verified).
 */
const PUBLISHED = `AND (o.follow_up IS NULL OR o.follow_up = 'confirmed')`;

const EARLIEST = '0001-01-01';
const LATEST = '9999-12-31';

/** The reads behind series, roll-ups, the park page and trajectories: current values, by index range scans and probes. */
@Injectable()
export class SeriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A park's own current values, in period order (the most asked-for series). */
  findParkValues(
    indicatorId: string,
    parkId: string,
    disaggregation: string,
    statuses: string[],
    from: string | null,
    to: string | null,
    published = false,
  ): Promise<Pick<ValueRow, 'period' | 'value' | 'status' | 'is_demo'>[]> {
    return this.dataSource.query(
      `SELECT o.period, o.value::float8 AS value, o.status, o.is_demo FROM observations o
        WHERE o.indicator_id = $1 AND o.park_id = $2 AND o.disaggregation = $3 AND o.superseded_at IS NULL
          AND o.park_id IS NOT NULL AND o.status = ANY($4) AND o.period_start BETWEEN $5 AND $6 ${published ? PUBLISHED : ''}
        ORDER BY o.period_start, o.period`,
      [indicatorId, parkId, disaggregation, statuses, from ?? EARLIEST, to ?? LATEST],
    );
  }

  /**
   * Every catalogue indicator with the park's latest total value and the one before it (for a trend), in one query:
   * one backward probe of the park's current-value index per indicator. Latest first within an indicator.
   */
  findParkOverview(parkId: string, statuses: string[]): Promise<ParkOverviewRow[]> {
    return this.dataSource.query(
      `SELECT i.id AS indicator_id, i.code, i.name, i.unit, i.direction, v.period, v.value, v.status, v.is_demo
         FROM indicators i
         LEFT JOIN LATERAL (
           SELECT o.period, o.period_start, o.value::float8 AS value, o.status, o.is_demo FROM observations o
            WHERE o.indicator_id = i.id AND o.park_id = $1 AND o.disaggregation = '' AND o.superseded_at IS NULL
              AND o.park_id IS NOT NULL AND o.status = ANY($2)
            ORDER BY o.period_start DESC, o.period DESC LIMIT 2) v ON true
        ORDER BY i.code COLLATE "C", v.period_start DESC, v.period DESC`,
      [parkId, statuses],
    );
  }

  /** A scope's own current values, in period order (one range scan of a current-value index). */
  findScopeValues(
    indicatorId: string,
    scope: Scope,
    disaggregation: string,
    statuses: string[],
    from: string | null,
    to: string | null,
    published = false,
  ): Promise<ValueRow[]> {
    const params: unknown[] = [indicatorId, disaggregation, statuses, from ?? EARLIEST, to ?? LATEST];
    return this.dataSource.query(
      `SELECT o.period, o.period_start::text AS period_start, o.period_end::text AS period_end, o.value::float8 AS value, o.status, o.is_demo
         FROM observations o
        WHERE o.indicator_id = $1 AND o.disaggregation = $2 AND o.superseded_at IS NULL AND o.status = ANY($3)
          AND o.period_start BETWEEN $4 AND $5 AND ${scopeCondition(scope, 'o', params)} ${published ? PUBLISHED : ''}
        ORDER BY o.period_start, o.period`,
      params,
    );
  }

  /** Current values of many parks (one index range scan per park), of one period when `period` is given. */
  findParksValues(
    indicatorId: string,
    parkIds: string[],
    disaggregation: string,
    statuses: string[],
    from: string | null,
    to: string | null,
    period?: string,
    published = false,
  ): Promise<Required<ValueRow>[]> {
    const params = [indicatorId, parkIds, disaggregation, statuses, from ?? EARLIEST, to ?? LATEST];
    return this.dataSource.query(
      `SELECT o.park_id, o.period, o.period_start::text AS period_start, o.period_end::text AS period_end, o.value::float8 AS value, o.status, o.is_demo
         FROM observations o
        WHERE o.indicator_id = $1 AND o.park_id = ANY($2::uuid[]) AND o.disaggregation = $3 AND o.superseded_at IS NULL
          AND o.status = ANY($4) AND o.period_start BETWEEN $5 AND $6 ${period ? 'AND o.period = $7' : ''} ${published ? PUBLISHED : ''}`,
      period ? [...params, period] : params,
    );
  }

  /** Each probe's scope's own latest verified value for a period ending after its `after` day (one query for all). */
  findOwnLatest(probes: LatestProbe[]): Promise<OwnLatestRow[]> {
    const column = <T>(pick: (p: LatestProbe) => T) => probes.map(pick);
    return this.dataSource.query(
      `SELECT l.key, x.period, x.period_end::text AS period_end, x.value::float8 AS value, x.is_demo
         FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::date[])
              AS l(key, indicator_id, park_id, province, city, disaggregation, after)
        CROSS JOIN LATERAL (
          (SELECT o.period, o.period_end, o.value, o.is_demo FROM observations o
            WHERE l.park_id IS NOT NULL AND o.indicator_id = l.indicator_id AND o.park_id = l.park_id AND o.disaggregation = l.disaggregation
              AND o.superseded_at IS NULL AND o.park_id IS NOT NULL AND o.status = 'verified' AND o.period_end > l.after
            ORDER BY o.period_start DESC, o.period DESC LIMIT 1)
          UNION ALL
          (SELECT o.period, o.period_end, o.value, o.is_demo FROM observations o
            WHERE l.park_id IS NULL AND o.indicator_id = l.indicator_id AND o.province = l.province AND o.city = l.city
              AND o.disaggregation = l.disaggregation AND o.superseded_at IS NULL AND o.park_id IS NULL AND o.status = 'verified'
              AND o.period_end > l.after
            ORDER BY o.period_start DESC, o.period DESC LIMIT 1)
        ) x`,
      [
        column((p) => p.key),
        column((p) => p.indicatorId),
        column((p) => p.scope.parkId),
        column((p) => p.scope.province),
        column((p) => p.scope.city),
        column((p) => p.disaggregation),
        column((p) => p.after),
      ],
    );
  }

  /**
   * For cities and provinces: their parks' values for the latest period reported by the share `coverage` of their
   * parks (AREA_LATEST_SQL), one query for all and one row per area; with each park's weight for that period where an
   * area names the indicator its mean is weighted by.
   */
  findAreaLatest(areas: AreaLatestProbe[]): Promise<AreaLatestRow[]> {
    const column = (pick: (a: AreaLatestProbe) => unknown) => areas.map(pick);
    return this.dataSource.query(AREA_LATEST_SQL, [
      column((a) => a.key),
      column((a) => a.indicatorId),
      column((a) => a.scope.province),
      column((a) => a.scope.city),
      column((a) => a.disaggregation),
      column((a) => a.after),
      column((a) => a.coverage),
      column((a) => a.weightIndicatorId),
    ]);
  }
}
