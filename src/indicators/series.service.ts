import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, forbidden, notFound } from '../common/errors';
import type { LocalizedText } from '../common/localized-text';
import { seesUnverified } from '../shared/indicator-access';
import { aggregate, COVERAGE_NEEDED, tidy } from './aggregation';
import { WEIGHT_INDICATOR_CODE, type Unit } from './catalogue';
import { canonicalDisaggregation, disaggregationProblem } from './disaggregation';
import {
  isUuid,
  type ParkIndicatorsQuery,
  type ParkIndicatorsView,
  type ParkIndicatorView,
  type SeriesPoint,
  type SeriesQuery,
  type SeriesView,
} from './dto/indicator.dto';
import type { Indicator } from './entities/indicator.entity';
import { IndicatorsService, toIndicatorRef } from './indicators.service';
import { scopeCondition } from './observations/observations.service';
import { parsePeriod } from '../shared/periods';
import { type Scope, toScopeView } from './scopes';
import { ScopesService } from './scopes.service';

interface ValueRow {
  park_id?: string;
  period: string;
  period_start: string;
  period_end: string;
  value: number;
  status: 'verified' | 'submitted';
  is_demo: boolean;
}

/** A scope whose latest value is wanted (`key` names it in the answer). */
export interface LatestRequest {
  key: string;
  indicator: Pick<Indicator, 'id' | 'aggregation'>;
  scope: Scope;
  disaggregation: string;
  /** Only periods ending after this day count (the baseline date). */
  after: string;
}

/** The latest value of a scope, for trajectories. */
export interface LatestValue {
  period: string;
  value: number;
  /** The last day of the period. */
  date: string;
  isDemo: boolean;
  rolledUp: boolean;
  /** Rolled up: how many of the scope's parks reported for the period. */
  parkCount?: number;
  expectedParkCount?: number;
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
 */
const AREA_LATEST_SQL = `
  WITH RECURSIVE l AS (
    SELECT l.key, l.indicator_id, l.disaggregation, l.after, l.coverage * count(*) AS needed, array_agg(p.id) AS park_ids
      FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::date[], $7::float8[])
        AS l(key, indicator_id, province, city, disaggregation, after, coverage)
      JOIN parks p ON p.province = l.province AND (l.city = '' OR p.city = l.city)
     GROUP BY l.key, l.indicator_id, l.disaggregation, l.after, l.coverage
  ), walk AS (
    SELECT l.key, s.* FROM l CROSS JOIN LATERAL (${areaStep(`('infinity'::date, '')`)}) s
    UNION ALL
    SELECT w.key, s.* FROM walk w JOIN l ON l.key = w.key CROSS JOIN LATERAL (${areaStep('(w.period_start, w.period)')}) s
     WHERE w.reported < l.needed AND w.possible >= l.needed
  )
  SELECT w.key, v.park_id, w.period, w.period_start::text AS period_start, w.period_end::text AS period_end, v.value, v.is_demo,
         cardinality(l.park_ids) AS expected
    FROM walk w JOIN l ON l.key = w.key
   CROSS JOIN LATERAL unnest(w.park_ids, w.park_values, w.demo) AS v(park_id, value, is_demo)
   WHERE w.reported >= l.needed`;

const byPeriod = (a: { period_start: string; period: string }, b: { period_start: string; period: string }) =>
  a.period_start < b.period_start ? -1 : a.period_start > b.period_start ? 1 : a.period < b.period ? -1 : a.period > b.period ? 1 : 0;

/** The statuses a series or an overview shows: verified values, or with `all` submitted ones too (not for observers). */
function statusesFor(user: AuthUser, status: SeriesQuery['status']): string[] {
  if (status !== 'all') return ['verified'];
  if (!seesUnverified(user)) throw forbidden('Observers follow verified values only');
  return ['verified', 'submitted'];
}

/** A roll-up of a yes/no indicator is a share of parks. */
export const rolledUpUnit = (indicator: Pick<Indicator, 'unit' | 'aggregation'>): Unit =>
  indicator.aggregation === 'share_true' ? 'percent' : indicator.unit;

/**
 * Time series of an indicator for one scope. A park shows its own values; a city or province shows its own when it
 * has any, else its parks' values rolled up per period by the indicator's aggregation rule.
 */
@Injectable()
export class SeriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly indicators: IndicatorsService,
    private readonly scopes: ScopesService,
  ) {}

  async series(user: AuthUser, ref: string, query: SeriesQuery): Promise<SeriesView> {
    const indicator = await this.indicators.findOrFail(ref);
    const statuses = statusesFor(user, query.status);
    const disaggregation = canonicalDisaggregation(query.disaggregation);
    const problem = disaggregationProblem(disaggregation, indicator.disaggregations, indicator.code);
    if (problem) throw badRequest('disaggregation', problem);
    const from = query.from ? parsePeriod(query.from)!.start : null;
    const to = query.to ? parsePeriod(query.to)!.end : null;
    if (from && to && from > to) throw badRequest('to', 'to must not be before from');
    if (query.scopeType === 'park' && isUuid(query.scope)) return this.parkSeries(indicator, query.scope, disaggregation, statuses, from, to);
    const scope = await this.scopes.fromText(query.scopeType, query.scope);
    const base = {
      indicator: toIndicatorRef(indicator),
      scope: toScopeView(scope, scope.park?.name ?? null),
      disaggregation,
    };

    const direct = await this.values(indicator.id, scope, disaggregation, statuses, from, to);
    if (scope.type === 'park' || direct.length) {
      return {
        ...base,
        unit: indicator.unit,
        rule: 'direct',
        weightedBy: null,
        parks: [],
        points: direct.map((r) => ({ period: r.period, value: r.value, status: r.status, isDemo: r.is_demo })),
      };
    }
    const rollup = await this.rollUp(indicator, scope, disaggregation, statuses, from, to);
    return { ...base, unit: rolledUpUnit(indicator), rule: indicator.aggregation, ...rollup };
  }

  /** The most asked-for series, in one query: the park (its name, or 400 when there is none) and its values. */
  private async parkSeries(
    indicator: Indicator,
    parkId: string,
    disaggregation: string,
    statuses: string[],
    from: string | null,
    to: string | null,
  ): Promise<SeriesView> {
    const rows: (Partial<ValueRow> & { park_name: LocalizedText })[] = await this.dataSource.query(
      `SELECT p.name AS park_name, o.period, o.value, o.status, o.is_demo
         FROM parks p
         LEFT JOIN LATERAL (
           SELECT o.period, o.period_start, o.value::float8 AS value, o.status, o.is_demo FROM observations o
            WHERE o.indicator_id = $2 AND o.park_id = p.id AND o.disaggregation = $3 AND o.superseded_at IS NULL
              AND o.park_id IS NOT NULL AND o.status = ANY($4) AND o.period_start BETWEEN $5 AND $6
            ORDER BY o.period_start, o.period) o ON true
        WHERE p.id = $1`,
      [parkId, indicator.id, disaggregation, statuses, from ?? '0001-01-01', to ?? '9999-12-31'],
    );
    if (!rows.length) throw badRequest('scope', 'scope does not name an existing park');
    return {
      indicator: toIndicatorRef(indicator),
      scope: toScopeView({ type: 'park', parkId, province: '', city: '' }, rows[0].park_name),
      disaggregation,
      unit: indicator.unit,
      rule: 'direct',
      weightedBy: null,
      parks: [],
      points: rows
        .filter((r) => r.period !== null)
        .map((r) => ({ period: r.period!, value: r.value!, status: r.status!, isDemo: r.is_demo! })),
    };
  }

  /**
   * The park page: the park's latest total value of every catalogue indicator and the one before it (for a trend),
   * in one query: one backward probe of the park's current-value index per indicator. 404 when there is no such park.
   */
  async parkOverview(user: AuthUser, parkId: string, query: ParkIndicatorsQuery): Promise<ParkIndicatorsView> {
    const statuses = statusesFor(user, query.status);
    type Row = Pick<Indicator, 'code' | 'name' | 'unit' | 'direction'> & Partial<ValueRow> & { park_name: LocalizedText; indicator_id: string | null };
    const rows: Row[] = await this.dataSource.query(
      `SELECT p.name AS park_name, i.id AS indicator_id, i.code, i.name, i.unit, i.direction, v.period, v.value, v.status, v.is_demo
         FROM parks p
         LEFT JOIN indicators i ON true
         LEFT JOIN LATERAL (
           SELECT o.period, o.period_start, o.value::float8 AS value, o.status, o.is_demo FROM observations o
            WHERE o.indicator_id = i.id AND o.park_id = p.id AND o.disaggregation = '' AND o.superseded_at IS NULL
              AND o.park_id IS NOT NULL AND o.status = ANY($2)
            ORDER BY o.period_start DESC, o.period DESC LIMIT 2) v ON true
        WHERE p.id = $1
        ORDER BY i.code COLLATE "C", v.period_start DESC, v.period DESC`,
      [parkId, statuses],
    );
    if (!rows.length) throw notFound('Park');
    const items = new Map<string, ParkIndicatorView>();
    for (const row of rows) {
      if (!row.indicator_id) continue;
      const value = row.period ? { period: row.period, value: row.value!, status: row.status!, isDemo: row.is_demo! } : null;
      const item = items.get(row.indicator_id);
      if (item) item.previous = value;
      else items.set(row.indicator_id, { indicator: toIndicatorRef({ ...row, id: row.indicator_id }), unit: row.unit, latest: value, previous: null });
    }
    return { park: { id: parkId, name: rows[0].park_name }, items: [...items.values()] };
  }

  /** A scope's own current values, in period order (one range scan of a current-value index). */
  private async values(
    indicatorId: string,
    scope: Scope,
    disaggregation: string,
    statuses: string[],
    from: string | null,
    to: string | null,
  ): Promise<ValueRow[]> {
    const params: unknown[] = [indicatorId, disaggregation, statuses, from ?? '0001-01-01', to ?? '9999-12-31'];
    return this.dataSource.query(
      `SELECT o.period, o.period_start::text AS period_start, o.period_end::text AS period_end, o.value::float8 AS value, o.status, o.is_demo
         FROM observations o
        WHERE o.indicator_id = $1 AND o.disaggregation = $2 AND o.superseded_at IS NULL AND o.status = ANY($3)
          AND o.period_start BETWEEN $4 AND $5 AND ${scopeCondition(scope, 'o', params)}
        ORDER BY o.period_start, o.period`,
      params,
    );
  }

  /** Park values of many parks (one index range scan per park). */
  private async parkValues(
    indicatorId: string,
    parkIds: string[],
    disaggregation: string,
    statuses: string[],
    from: string,
    to: string,
    period?: string,
  ): Promise<Required<ValueRow>[]> {
    return this.dataSource.query(
      `SELECT o.park_id, o.period, o.period_start::text AS period_start, o.period_end::text AS period_end, o.value::float8 AS value, o.status, o.is_demo
         FROM observations o
        WHERE o.indicator_id = $1 AND o.park_id = ANY($2::uuid[]) AND o.disaggregation = $3 AND o.superseded_at IS NULL
          AND o.status = ANY($4) AND o.period_start BETWEEN $5 AND $6 ${period ? 'AND o.period = $7' : ''}`,
      period ? [indicatorId, parkIds, disaggregation, statuses, from, to, period] : [indicatorId, parkIds, disaggregation, statuses, from, to],
    );
  }

  /**
   * Rolls park values up per period. A weighted mean weights each park by its EIP.EMPLOYMENT total for the same
   * period where every park has one, else that period is a plain mean (the point says `weighted: false`). Each point
   * says how many of the scope's parks reported (the scope's parks are read first anyway: no query more).
   */
  private async rollUp(
    indicator: Indicator,
    scope: Scope,
    disaggregation: string,
    statuses: string[],
    from: string | null,
    to: string | null,
    period?: string,
  ): Promise<Pick<SeriesView, 'weightedBy' | 'parks' | 'points'>> {
    const parks = await this.scopes.parksIn(scope);
    const ids = parks.map((p) => p.id);
    const range = [from ?? '0001-01-01', to ?? '9999-12-31'] as const;
    const rows = ids.length ? await this.parkValues(indicator.id, ids, disaggregation, statuses, ...range, period) : [];
    const weights = new Map<string, number>();
    if (indicator.aggregation === 'weighted_mean' && rows.length) {
      const weightIndicator = await this.indicators.byCode(WEIGHT_INDICATOR_CODE);
      if (weightIndicator) {
        for (const w of await this.parkValues(weightIndicator.id, ids, '', statuses, ...range, period)) weights.set(`${w.park_id}|${w.period}`, w.value);
      }
    }
    const periods = new Map<string, Required<ValueRow>[]>();
    for (const row of rows) periods.set(row.period, [...(periods.get(row.period) ?? []), row]);
    let weightedAny = false;
    const points: SeriesPoint[] = [...periods.values()]
      .sort((a, b) => byPeriod(a[0], b[0]))
      .map((group) => {
        const result = aggregate(
          indicator.aggregation,
          group.map((r) => ({ value: r.value, weight: weights.get(`${r.park_id}|${r.period}`) ?? null })),
          parks.length,
        )!;
        weightedAny ||= result.weighted;
        return {
          period: group[0].period,
          value: tidy(result.value),
          status: group.every((r) => r.status === 'verified') ? 'verified' : 'submitted',
          isDemo: group.some((r) => r.is_demo),
          parkCount: result.parkCount,
          expectedParkCount: result.expectedParkCount,
          partial: result.partial,
          weighted: result.weighted,
        };
      });
    const used = new Set(rows.map((r) => r.park_id));
    return {
      weightedBy: indicator.aggregation === 'weighted_mean' && weightedAny ? WEIGHT_INDICATOR_CODE : null,
      parks: parks.filter((p) => used.has(p.id)).map((p) => ({ id: p.id, name: p.name as LocalizedText })),
      points,
    };
  }

  /**
   * The latest verified value of each scope for a period ending after its `after` date: the scope's own, else (a
   * city or province) its parks' values for the latest such period with the coverage its rule needs
   * (COVERAGE_NEEDED), rolled up; none when no period has it. Done for many at once (a roadmap dashboard asks for
   * dozens): three queries in all, whatever their number.
   */
  async latestMany(requests: LatestRequest[]): Promise<Map<string, LatestValue | null>> {
    const out = new Map<string, LatestValue | null>(requests.map((r) => [r.key, null]));
    if (!requests.length) return out;
    const column = <T>(pick: (r: LatestRequest) => T) => requests.map(pick);
    const ownQuery: Promise<{ key: string; period: string; period_end: string; value: number; is_demo: boolean }[]> = this.dataSource.query(
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
        column((r) => r.key),
        column((r) => r.indicator.id),
        column((r) => r.scope.parkId),
        column((r) => r.scope.province),
        column((r) => r.scope.city),
        column((r) => r.disaggregation),
        column((r) => r.after),
      ],
    );
    // Cities and provinces with no value of their own: the latest period enough of their parks reported for (the
    // walk of AREA_LATEST_SQL), rolled up. Asked at the same time as the scopes' own values (a city or province with
    // values of its own is rare; its roll-up is then dropped).
    const areas = requests.filter((r) => r.scope.type !== 'park');
    const byKey = new Map(areas.map((r) => [r.key, r]));
    const areaColumns = (pick: (r: LatestRequest) => unknown) => areas.map(pick);
    type ParkLatest = { key: string; park_id: string; period: string; period_start: string; period_end: string; value: number; is_demo: boolean; expected: number };
    const parkLatestQuery: Promise<ParkLatest[]> = areas.length
      ? this.dataSource.query(AREA_LATEST_SQL, [
          areaColumns((r) => r.key),
          areaColumns((r) => r.indicator.id),
          areaColumns((r) => r.scope.province),
          areaColumns((r) => r.scope.city),
          areaColumns((r) => r.disaggregation),
          areaColumns((r) => r.after),
          areaColumns((r) => COVERAGE_NEEDED[r.indicator.aggregation]),
        ])
      : Promise.resolve([]);
    const [own, parkLatest] = await Promise.all([ownQuery, parkLatestQuery]);
    for (const r of own) out.set(r.key, { period: r.period, value: r.value, date: r.period_end, isDemo: r.is_demo, rolledUp: false });
    const groups = new Map<string, ParkLatest[]>();
    for (const row of parkLatest) {
      if (out.get(row.key)) continue;
      const group = groups.get(row.key);
      if (group) group.push(row);
      else groups.set(row.key, [row]);
    }
    const weighted = [...groups.entries()].filter(([key]) => byKey.get(key)!.indicator.aggregation === 'weighted_mean');
    const weights = new Map<string, number>();
    const weightIndicator = weighted.length ? await this.indicators.byCode(WEIGHT_INDICATOR_CODE) : null;
    if (weightIndicator) {
      const rows = weighted.flatMap(([, group]) => group);
      const found: { park_id: string; period: string; value: number }[] = await this.dataSource.query(
        `SELECT w.park_id, w.period, w.value::float8 AS value
           FROM unnest($1::uuid[], $2::date[], $3::text[]) AS l(park_id, period_start, period)
           JOIN observations w ON w.indicator_id = $4 AND w.park_id = l.park_id AND w.disaggregation = '' AND w.period_start = l.period_start
                AND w.period = l.period AND w.superseded_at IS NULL AND w.park_id IS NOT NULL AND w.status = 'verified'`,
        [rows.map((r) => r.park_id), rows.map((r) => r.period_start), rows.map((r) => r.period), weightIndicator.id],
      );
      for (const w of found) weights.set(`${w.park_id}|${w.period}`, w.value);
    }
    for (const [key, group] of groups) {
      const result = aggregate(
        byKey.get(key)!.indicator.aggregation,
        group.map((r) => ({ value: r.value, weight: weights.get(`${r.park_id}|${r.period}`) ?? null })),
        group[0].expected,
      );
      if (result) {
        out.set(key, {
          period: group[0].period,
          value: tidy(result.value),
          date: group[0].period_end,
          isDemo: group.some((r) => r.is_demo),
          rolledUp: true,
          parkCount: result.parkCount,
          expectedParkCount: result.expectedParkCount,
        });
      }
    }
    return out;
  }
}
