import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService } from '../../activity/activity.service';
import type { AuthUser } from '../../auth/auth-user';
import { ApiError, badRequest, conflict, forbidden, notFound } from '../../common/errors';
import type { LocalizedText } from '../../common/localized-text';
import { decodeCursor, encodeCursor, type Page } from '../../common/pagination';
import { RealtimeEmitter } from '../../realtime/realtime.emitter';
import { canReport, seesUnverified } from '../../shared/indicator-access';
import type { ObservationStatus, ScopeType, Unit } from '../catalogue';
import { canonicalDisaggregation, disaggregationProblem } from '../disaggregation';
import { isUuid, type IndicatorRef } from '../dto/indicator.dto';
import {
  CorrectObservationDto,
  ObservationQuery,
  ObservationView,
  RejectObservationDto,
  ReportObservationDto,
  type ReportOutcome,
} from '../dto/observation.dto';
import type { Indicator } from '../entities/indicator.entity';
import { Observation } from '../entities/observation.entity';
import { uuidv7 } from '../ids';
import { IndicatorsService } from '../indicators.service';
import { parsePeriod, periodProblem } from '../../shared/periods';
import { type ResolvedScope, type Scope, toScopeView } from '../scopes';
import { ScopesService } from '../scopes.service';
import { valueProblem } from '../../shared/indicator-values';

/** A row of VIEW_SELECT. */
interface ObservationRow {
  id: string;
  indicator_id: string;
  code: string;
  indicator_name: LocalizedText;
  unit: Unit;
  direction: IndicatorRef['direction'];
  scope_type: ScopeType;
  park_id: string | null;
  park_name: LocalizedText | null;
  province: string;
  city: string;
  period: string;
  period_start: string;
  period_end: string;
  disaggregation: string;
  value: number;
  source: string;
  notes: string;
  status: ObservationStatus;
  is_demo: boolean;
  reported_by_id: string | null;
  reported_by_name: string | null;
  reported_at: Date;
  reviewed_by_id: string | null;
  reviewed_by_name: string | null;
  reviewed_at: Date | null;
  rejection_reason: string | null;
  supersedes_id: string | null;
  superseded_by_id: string | null;
  superseded_at: Date | null;
  import_id: string | null;
}

const VIEW_SELECT = `
  SELECT o.id, o.indicator_id, i.code, i.name AS indicator_name, i.unit, i.direction,
         o.scope_type, o.park_id, p.name AS park_name, o.province, o.city,
         o.period, o.period_start::text AS period_start, o.period_end::text AS period_end, o.disaggregation,
         o.value::float8 AS value, o.source, o.notes, o.status, o.is_demo,
         o.reported_by_id, ru.display_name AS reported_by_name, o.reported_at,
         o.reviewed_by_id, vu.display_name AS reviewed_by_name, o.reviewed_at, o.rejection_reason,
         o.supersedes_id, o.superseded_by_id, o.superseded_at, o.import_id
    FROM observations o
    JOIN indicators i ON i.id = o.indicator_id
    LEFT JOIN parks p ON p.id = o.park_id
    LEFT JOIN users ru ON ru.id = o.reported_by_id
    LEFT JOIN users vu ON vu.id = o.reviewed_by_id`;

export const toObservationView = (r: ObservationRow): ObservationView => ({
  id: r.id,
  indicator: { id: r.indicator_id, code: r.code, name: r.indicator_name, unit: r.unit, direction: r.direction },
  scope: toScopeView({ type: r.scope_type, parkId: r.park_id, province: r.province, city: r.city }, r.park_name),
  period: r.period,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  disaggregation: r.disaggregation,
  value: r.value,
  source: r.source,
  notes: r.notes,
  status: r.status,
  isDemo: r.is_demo,
  reportedBy: r.reported_by_id ? { id: r.reported_by_id, displayName: r.reported_by_name ?? '' } : null,
  reportedAt: r.reported_at.toISOString(),
  reviewedBy: r.reviewed_by_id ? { id: r.reviewed_by_id, displayName: r.reviewed_by_name ?? '' } : null,
  reviewedAt: r.reviewed_at ? r.reviewed_at.toISOString() : null,
  rejectionReason: r.rejection_reason,
  supersedesId: r.supersedes_id,
  supersededById: r.superseded_by_id,
  supersededAt: r.superseded_at ? r.superseded_at.toISOString() : null,
  current: r.superseded_at === null,
  importId: r.import_id,
});

/** The SQL condition selecting one scope's observations (current-value indexes lead with these columns). */
export function scopeCondition(scope: Scope, alias: string, params: unknown[]): string {
  if (scope.type === 'park') {
    params.push(scope.parkId);
    return `${alias}.park_id = $${params.length}`;
  }
  params.push(scope.province, scope.city);
  return `${alias}.park_id IS NULL AND ${alias}.province = $${params.length - 1} AND ${alias}.city = $${params.length}`;
}

interface NewValue {
  value: number;
  source: string;
  notes: string;
}

/**
 * Observations: values reported per indicator, scope, period and disaggregation; verified or rejected by a
 * facilitator other than the reporter; corrected by superseding (the earlier value stays, as history).
 */
@Injectable()
export class ObservationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
    private readonly realtime: RealtimeEmitter,
    private readonly indicators: IndicatorsService,
    private readonly scopes: ScopesService,
  ) {}

  private async rows(where: string, params: unknown[], tail = '', manager: EntityManager = this.dataSource.manager): Promise<ObservationRow[]> {
    return manager.query(`${VIEW_SELECT} WHERE ${where} ${tail}`, params);
  }

  private async view(id: string, manager?: EntityManager): Promise<ObservationView> {
    const [row] = await this.rows('o.id = $1', [id], '', manager);
    if (!row) throw notFound('Observation');
    return toObservationView(row);
  }

  async get(user: AuthUser, id: string): Promise<ObservationView> {
    const view = await this.view(id);
    if (view.status !== 'verified' && !seesUnverified(user)) throw notFound('Observation');
    return view;
  }

  async list(user: AuthUser, query: ObservationQuery): Promise<Page<ObservationView>> {
    if (!seesUnverified(user) && query.status && query.status !== 'verified') throw forbidden('Observers follow verified values only');
    const status = query.status ?? (seesUnverified(user) ? undefined : 'verified');
    const params: unknown[] = [];
    const where = ['o.superseded_at IS NULL'];
    if (query.indicatorId) {
      const indicator = await this.indicators.findForField(query.indicatorId, 'indicatorId');
      params.push(indicator.id);
      where.push(`o.indicator_id = $${params.length}`);
    }
    if (query.scope) where.push(scopeCondition(await this.scopes.fromText(query.scopeType, query.scope), 'o', params));
    else if (query.scopeType) {
      params.push(query.scopeType);
      where.push(`o.scope_type = $${params.length}`);
    }
    if (status) {
      params.push(status);
      where.push(`o.status = $${params.length}`);
    }
    if (query.from) {
      params.push(parsePeriod(query.from)!.start);
      where.push(`o.period_start >= $${params.length}`);
    }
    if (query.to) {
      params.push(parsePeriod(query.to)!.end);
      where.push(`o.period_start <= $${params.length}`);
    }
    // Ids are time-ordered (UUID v7): newest first is the id order, served by the primary key (or, for the
    // verification queue, by its own small index).
    const oldest = query.order === 'oldest';
    const cursor = decodeCursor<{ id: string }>(query.cursor);
    if (cursor?.id && isUuid(cursor.id)) {
      params.push(cursor.id);
      where.push(`o.id ${oldest ? '>' : '<'} $${params.length}`);
    }
    const limit = query.limit ?? 50;
    const rows = await this.rows(where.join(' AND '), params, `ORDER BY o.id ${oldest ? 'ASC' : 'DESC'} LIMIT ${limit + 1}`);
    const items = rows.slice(0, limit);
    return { items: items.map(toObservationView), nextCursor: rows.length > limit ? encodeCursor({ id: items[items.length - 1].id }) : null };
  }

  /** Every version of the value this observation belongs to, newest first (the chain of corrections). */
  async history(user: AuthUser, id: string): Promise<{ items: ObservationView[] }> {
    await this.get(user, id);
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH RECURSIVE back(id, supersedes_id) AS (
         SELECT id, supersedes_id FROM observations WHERE id = $1
         UNION SELECT o.id, o.supersedes_id FROM observations o JOIN back b ON o.id = b.supersedes_id
       ), fwd(id, superseded_by_id) AS (
         SELECT id, superseded_by_id FROM observations WHERE id = $1
         UNION SELECT o.id, o.superseded_by_id FROM observations o JOIN fwd f ON o.id = f.superseded_by_id
       )
       SELECT id FROM back UNION SELECT id FROM fwd`,
      [id],
    );
    const visible = seesUnverified(user) ? '' : ` AND o.status = 'verified'`;
    const items = await this.rows(`o.id = ANY($1)${visible}`, [rows.map((r) => r.id)], 'ORDER BY o.id DESC');
    return { items: items.map(toObservationView) };
  }

  /** The checks shared by a report and a correction; each failure names its field. */
  private check(indicator: Indicator, scope: ResolvedScope, value: number) {
    const problem = valueProblem(indicator.unit, value);
    if (problem) throw badRequest('value', problem);
    if (indicator.unit === 'boolean' && scope.type !== 'park') {
      throw badRequest('scopeType', 'a yes/no indicator is reported per park (cities and provinces show the share of parks)');
    }
  }

  async report(user: AuthUser, dto: ReportObservationDto): Promise<ObservationView & { outcome: ReportOutcome }> {
    const indicator = await this.indicators.findForField(dto.indicatorId, 'indicatorId');
    const scope = await this.scopes.fromFields(dto);
    if (!canReport(user, scope)) throw forbidden('Only facilitators, and members of the organization running this park, report its values');
    const periodError = periodProblem(dto.period);
    if (periodError) throw badRequest('period', periodError);
    const disaggregation = canonicalDisaggregation(dto.disaggregation);
    const disaggregationError = disaggregationProblem(disaggregation, indicator.disaggregations, indicator.code);
    if (disaggregationError) throw badRequest('disaggregation', disaggregationError);
    this.check(indicator, scope, dto.value);
    const period = parsePeriod(dto.period)!;
    const next = { value: dto.value, source: dto.source?.trim() ?? '', notes: dto.notes?.trim() ?? '' };
    return this.write(user, indicator, scope, period, disaggregation, next, null);
  }

  async correct(user: AuthUser, id: string, dto: CorrectObservationDto): Promise<ObservationView & { outcome: ReportOutcome }> {
    const old = await this.dataSource.getRepository(Observation).findOneBy({ id });
    if (!old) throw notFound('Observation');
    const indicator = (await this.indicators.find(old.indicatorId))!;
    const scope =
      old.scopeType === 'park'
        ? await this.scopes.parkById(old.parkId!, 'id')
        : { type: old.scopeType, parkId: null, province: old.province, city: old.city, park: null };
    if (!canReport(user, scope)) throw forbidden('Only facilitators, and members of the organization running this park, correct its values');
    this.check(indicator, scope, dto.value);
    const next = { value: dto.value, source: dto.source?.trim() ?? old.source, notes: dto.notes?.trim() ?? old.notes };
    const period = { period: old.period, start: old.periodStart, end: old.periodEnd };
    return this.write(user, indicator, scope, period, old.disaggregation, next, id);
  }

  /**
   * Stores a value: the current one for the same indicator, scope, period and disaggregation is superseded (it
   * stays as history), unless the new one is identical, which changes nothing. `correcting` is the id the caller
   * means to replace: it must still be the current value.
   */
  private async write(
    user: AuthUser,
    indicator: Indicator,
    scope: ResolvedScope,
    period: { period: string; start: string; end: string },
    disaggregation: string,
    next: NewValue,
    correcting: string | null,
  ): Promise<ObservationView & { outcome: ReportOutcome }> {
    const { outcome, id } = await this.inTransaction(async (manager) => {
      // Observations carry no foreign keys (see the migration): these locks keep the park and the indicator from
      // being deleted until this value is committed.
      await manager.query('SELECT 1 FROM indicators WHERE id = $1 FOR KEY SHARE', [indicator.id]);
      if (scope.parkId) await manager.query('SELECT 1 FROM parks WHERE id = $1 FOR KEY SHARE', [scope.parkId]);
      const params: unknown[] = [indicator.id, disaggregation, period.start, period.period];
      const [current]: { id: string; value: string; source: string; notes: string; status: ObservationStatus; is_same: boolean }[] = await manager.query(
        `SELECT o.id, o.value, o.source, o.notes, o.status, (o.value = $${params.length + 1}::numeric AND o.source = $${params.length + 2} AND o.notes = $${params.length + 3}) AS is_same
           FROM observations o
          WHERE o.indicator_id = $1 AND o.disaggregation = $2 AND o.period_start = $3 AND o.period = $4
            AND o.superseded_at IS NULL AND ${scopeCondition(scope, 'o', (params.push(next.value, next.source, next.notes), params))}
          FOR UPDATE`,
        params,
      );
      if (correcting && current?.id !== correcting) {
        throw conflict('This value has been superseded: correct the current one', { currentId: current?.id ?? null });
      }
      if (current?.is_same) return { outcome: 'unchanged' as const, id: current.id };
      const id = uuidv7();
      if (current) {
        // It keeps its review outcome; one still awaiting verification no longer awaits anything.
        const status = current.status === 'submitted' ? 'superseded' : current.status;
        await manager.update(Observation, { id: current.id }, { supersededAt: () => 'now()', supersededById: id, status });
      }
      await manager.insert(Observation, {
        id,
        indicatorId: indicator.id,
        scopeType: scope.type,
        parkId: scope.parkId,
        province: scope.province,
        city: scope.city,
        period: period.period,
        periodStart: period.start,
        periodEnd: period.end,
        disaggregation,
        value: String(next.value),
        source: next.source,
        notes: next.notes,
        status: 'submitted',
        reportedById: user.id,
        supersedesId: current?.id ?? null,
      });
      await this.activity.record(manager, {
        actorId: user.id,
        action: current ? 'observation.corrected' : 'observation.reported',
        entityType: 'observation',
        entityId: id,
        changes: {
          indicator: indicator.code,
          scope: toScopeView(scope, scope.park?.name ?? null).key,
          period: period.period,
          disaggregation,
          value: { from: current ? Number(current.value) : null, to: next.value },
          ...(current ? { supersedes: current.id } : {}),
        },
      });
      const outcome: ReportOutcome = current ? 'superseded' : 'inserted';
      await this.pushReported(manager, user, { id, indicatorId: indicator.id, code: indicator.code, period: period.period, outcome });
      return { outcome, id };
    });
    return { ...(await this.view(id)), outcome };
  }

  async verify(user: AuthUser, id: string): Promise<ObservationView> {
    return this.review(user, id, 'verified', null);
  }

  async reject(user: AuthUser, id: string, dto: RejectObservationDto): Promise<ObservationView> {
    return this.review(user, id, 'rejected', dto.reason);
  }

  /** Four eyes: a facilitator or admin other than the reporter verifies or rejects a submitted, current value. */
  private async review(user: AuthUser, id: string, status: 'verified' | 'rejected', reason: string | null): Promise<ObservationView> {
    await this.inTransaction(async (manager) => {
      const observation = await manager.findOne(Observation, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!observation) throw notFound('Observation');
      if (observation.reportedById === user.id) throw forbidden('You reported this value: another facilitator must verify it');
      if (observation.supersededAt) {
        const currentId = await this.currentIdOf(manager, observation);
        throw new ApiError(
          HttpStatus.CONFLICT,
          `This value has been superseded by a correction: ${status === 'verified' ? 'verify' : 'reject'} the current one`,
          [{ field: 'id', message: `observation ${id} has been superseded by ${observation.supersededById}` }],
          { currentId, supersededById: observation.supersededById },
        );
      }
      if (observation.status !== 'submitted') throw conflict(`This value is already ${observation.status}`, { status: observation.status });
      await manager.update(Observation, { id }, { status, reviewedById: user.id, reviewedAt: () => 'now()', rejectionReason: reason });
      await this.activity.record(manager, {
        actorId: user.id,
        action: `observation.${status}`,
        entityType: 'observation',
        entityId: id,
        changes: { status: { from: 'submitted', to: status }, ...(reason ? { reason } : {}) },
      });
      const payload = { id, indicatorId: observation.indicatorId, period: observation.period, status, reason, by: user.displayName };
      if (observation.reportedById) {
        await this.realtime.notify(manager, observation.reportedById, `observation.${status}`, payload);
      }
      // The reporter learns the outcome; the verifier's other tabs drop it from their queue.
      const rooms = [...new Set([observation.reportedById, user.id].filter((x): x is string => !!x))];
      this.realtime.afterCommit(manager, () => rooms.forEach((userId) => this.realtime.toUser(userId, 'observation:verified', payload)));
    });
    return this.view(id);
  }

  /** The current value of the same indicator, scope, period and disaggregation as `o` (null when there is none). */
  private async currentIdOf(manager: EntityManager, o: Observation): Promise<string | null> {
    const params: unknown[] = [o.indicatorId, o.disaggregation, o.periodStart, o.period];
    const scope = { type: o.scopeType, parkId: o.parkId, province: o.province, city: o.city };
    const [row]: { id: string }[] = await manager.query(
      `SELECT o.id FROM observations o
        WHERE o.indicator_id = $1 AND o.disaggregation = $2 AND o.period_start = $3 AND o.period = $4
          AND o.superseded_at IS NULL AND ${scopeCondition(scope, 'o', params)}`,
      params,
    );
    return row?.id ?? null;
  }

  /**
   * `observation:reported` goes to the reporter's own sockets and to every facilitator's and admin's (the people
   * who verify), once the transaction commits.
   */
  async pushReported(manager: EntityManager, user: AuthUser, payload: { id: string; [field: string]: unknown }): Promise<void> {
    const staff: { id: string }[] = await manager.query(`SELECT id FROM users WHERE active AND role IN ('admin', 'facilitator')`);
    const rooms = [...new Set([user.id, ...staff.map((s) => s.id)])];
    const event = { ...payload, reportedBy: { id: user.id, displayName: user.displayName } };
    this.realtime.afterCommit(manager, () => rooms.forEach((userId) => this.realtime.toUser(userId, 'observation:reported', event)));
  }

  /** Two reports of the same value racing: the loser meets the unique index and is told to retry. */
  private async inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new ApiError(HttpStatus.CONFLICT, 'The same value was reported at the same moment by someone else: reload and try again');
      }
      throw error;
    }
  }
}
