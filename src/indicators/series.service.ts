import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, forbidden, notFound } from '../common/errors';
import { seesUnverified } from '../shared/indicator-access';
import { aggregate, COVERAGE_NEEDED, tidy } from './aggregation';
import { type ScopeType, WEIGHT_INDICATOR_CODE, type Unit } from './catalogue';
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
import { parsePeriod } from '../shared/periods';
import { type Scope, toScopeView } from './scopes';
import { ScopesService } from './scopes.service';
import { SeriesRepository, type ValueRow } from './series.repository';

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

const byPeriod = (a: { period_start: string; period: string }, b: { period_start: string; period: string }) =>
  a.period_start < b.period_start ? -1 : a.period_start > b.period_start ? 1 : a.period < b.period ? -1 : a.period > b.period ? 1 : 0;

/** The statuses a series or an overview shows: verified values, or with `all` submitted ones too (not for observers). */
function statusesFor(user: AuthUser, status: SeriesQuery['status']): string[] {
  if (status !== 'all') return ['verified'];
  if (!seesUnverified(user)) throw forbidden('Observers follow verified values only');
  return ['verified', 'submitted'];
}

/** A roll-up of a yes/no indicator is a share of parks. */
export const rolledUpUnit = (indicator: Pick<Indicator, 'unit' | 'aggregation'>): Unit => (indicator.aggregation === 'share_true' ? 'percent' : indicator.unit);

/**
 * Time series of an indicator for one scope. A park shows its own values; a city or province shows its own when it
 * has any, else its parks' values rolled up per period by the indicator's aggregation rule.
 */
@Injectable()
export class SeriesService {
  constructor(
    private readonly repository: SeriesRepository,
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
    return this.seriesOf(indicator, query.scopeType, query.scope, disaggregation, statuses, from, to, false);
  }

  /**
   * The public portal's series of an indicator for a scope: verified values only, and none the validation rules
   * flagged unless a facilitator confirmed it.
   */
  async publishedSeries(indicator: Indicator, scopeType: ScopeType, scopeKey: string, disaggregation: string): Promise<SeriesView> {
    return this.seriesOf(indicator, scopeType, scopeKey, disaggregation, ['verified'], null, null, true);
  }

  private async seriesOf(
    indicator: Indicator,
    scopeType: ScopeType,
    scopeKey: string,
    disaggregation: string,
    statuses: string[],
    from: string | null,
    to: string | null,
    published: boolean,
  ): Promise<SeriesView> {
    if (scopeType === 'park' && isUuid(scopeKey)) return this.parkSeries(indicator, scopeKey, disaggregation, statuses, from, to, published);
    const scope = await this.scopes.fromText(scopeType, scopeKey);
    const base = {
      indicator: toIndicatorRef(indicator),
      scope: toScopeView(scope, scope.park?.name ?? null),
      disaggregation,
    };

    const direct = await this.repository.findScopeValues(indicator.id, scope, disaggregation, statuses, from, to, published);
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
    const rollup = await this.rollUp(indicator, scope, disaggregation, statuses, from, to, undefined, published);
    return { ...base, unit: rolledUpUnit(indicator), rule: indicator.aggregation, ...rollup };
  }

  /**
   * The most asked-for series: the park's values, and its name (400 when there is none) asked of the parks module
   * at the same time.
   */
  private async parkSeries(
    indicator: Indicator,
    parkId: string,
    disaggregation: string,
    statuses: string[],
    from: string | null,
    to: string | null,
    published: boolean,
  ): Promise<SeriesView> {
    const [names, rows] = await Promise.all([
      this.scopes.parkNames([parkId]),
      this.repository.findParkValues(indicator.id, parkId, disaggregation, statuses, from, to, published),
    ]);
    const parkName = names.get(parkId);
    if (!parkName) throw badRequest('scope', 'scope does not name an existing park');
    return {
      indicator: toIndicatorRef(indicator),
      scope: toScopeView({ type: 'park', parkId, province: '', city: '' }, parkName),
      disaggregation,
      unit: indicator.unit,
      rule: 'direct',
      weightedBy: null,
      parks: [],
      points: rows.map((r) => ({ period: r.period, value: r.value, status: r.status, isDemo: r.is_demo })),
    };
  }

  /**
   * The park page: the park's latest total value of every catalogue indicator and the one before it (for a trend),
   * in one query (SeriesRepository.findParkOverview), with the park's name asked of the parks module at the same
   * time. 404 when there is no such park.
   */
  async parkOverview(user: AuthUser, parkId: string, query: ParkIndicatorsQuery): Promise<ParkIndicatorsView> {
    const statuses = statusesFor(user, query.status);
    const [names, rows] = await Promise.all([this.scopes.parkNames([parkId]), this.repository.findParkOverview(parkId, statuses)]);
    const parkName = names.get(parkId);
    if (!parkName) throw notFound('Park');
    const items = new Map<string, ParkIndicatorView>();
    for (const row of rows) {
      const value = row.period ? { period: row.period, value: row.value!, status: row.status!, isDemo: row.is_demo! } : null;
      const item = items.get(row.indicator_id);
      if (item) item.previous = value;
      else items.set(row.indicator_id, { indicator: toIndicatorRef({ ...row, id: row.indicator_id }), unit: row.unit, latest: value, previous: null });
    }
    return { park: { id: parkId, name: parkName }, items: [...items.values()] };
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
    published = false,
  ): Promise<Pick<SeriesView, 'weightedBy' | 'parks' | 'points'>> {
    const parks = await this.scopes.parksIn(scope);
    const ids = parks.map((p) => p.id);
    const rows = ids.length ? await this.repository.findParksValues(indicator.id, ids, disaggregation, statuses, from, to, period, published) : [];
    const weights = new Map<string, number>();
    if (indicator.aggregation === 'weighted_mean' && rows.length) {
      const weightIndicator = await this.indicators.byCode(WEIGHT_INDICATOR_CODE);
      if (weightIndicator) {
        for (const w of await this.repository.findParksValues(weightIndicator.id, ids, '', statuses, from, to, period, published))
          weights.set(`${w.park_id}|${w.period}`, w.value);
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
      parks: parks.filter((p) => used.has(p.id)).map((p) => ({ id: p.id, name: p.name })),
      points,
    };
  }

  /**
   * The latest verified value of each scope for a period ending after its `after` date: the scope's own, else (a
   * city or province) its parks' values for the latest such period with the coverage its rule needs
   * (COVERAGE_NEEDED), rolled up; none when no period has it. Done for many at once (a roadmap dashboard asks for
   * dozens): four queries in all, whatever their number.
   */
  async latestMany(requests: LatestRequest[]): Promise<Map<string, LatestValue | null>> {
    const out = new Map<string, LatestValue | null>(requests.map((r) => [r.key, null]));
    if (!requests.length) return out;
    const probe = (r: LatestRequest) => ({ key: r.key, indicatorId: r.indicator.id, scope: r.scope, disaggregation: r.disaggregation, after: r.after });
    const ownQuery = this.repository.findOwnLatest(requests.map(probe));
    // Cities and provinces with no value of their own: the latest period enough of their parks reported for (the
    // walk of SeriesRepository.findAreaLatest), rolled up. Asked at the same time as the scopes' own values (a city
    // or province with values of its own is rare; its roll-up is then dropped).
    const areas = requests.filter((r) => r.scope.type !== 'park');
    const byKey = new Map(areas.map((r) => [r.key, r]));
    // Weighted means read each park's weight in the same query (the indicator itself comes from the cache).
    const weightIndicator = areas.some((r) => r.indicator.aggregation === 'weighted_mean') ? await this.indicators.byCode(WEIGHT_INDICATOR_CODE) : null;
    const probes = areas.map((r) => ({
      ...probe(r),
      coverage: COVERAGE_NEEDED[r.indicator.aggregation],
      weightIndicatorId: r.indicator.aggregation === 'weighted_mean' ? (weightIndicator?.id ?? null) : null,
    }));
    // The walk is one index probe per park and step, work for the database rather than for this process; in two
    // halves on two connections it runs on two cores at once (provinces, the large areas, dealt out first).
    const halves = [[], []] as (typeof probes)[];
    [...probes.filter((p) => !p.scope.city), ...probes.filter((p) => p.scope.city)].forEach((p, i) => halves[i % 2].push(p));
    const areaQueries = halves.filter((half) => half.length).map((half) => this.repository.findAreaLatest(half));
    const [own, ...areaLatest] = await Promise.all([ownQuery, ...areaQueries]);
    for (const r of own) out.set(r.key, { period: r.period, value: r.value, date: r.period_end, isDemo: r.is_demo, rolledUp: false });
    for (const area of areaLatest.flat()) {
      if (out.get(area.key)) continue;
      const result = aggregate(
        byKey.get(area.key)!.indicator.aggregation,
        area.values.map((value, i) => ({ value, weight: area.weights?.[i] ?? null })),
        area.expected,
      );
      if (result) {
        out.set(area.key, {
          period: area.period,
          value: tidy(result.value),
          date: area.period_end,
          isDemo: area.is_demo,
          rolledUp: true,
          parkCount: result.parkCount,
          expectedParkCount: result.expectedParkCount,
        });
      }
    }
    return out;
  }
}
