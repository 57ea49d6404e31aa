import { HttpStatus, Injectable } from '@nestjs/common';
import { ActivityService } from '../../activity/activity.service';
import type { AuthUser } from '../../auth/auth-user';
import { ApiError, badRequest, conflict, forbidden, notFound, orNotFound } from '../../common/errors';
import type { LocalizedText } from '../../common/localized-text';
import { encodeCursor, type Page, readCursor } from '../../common/pagination';
import { type Tx, UnitOfWork } from '../../database/unit-of-work';
import { RealtimeEmitter } from '../../realtime/realtime.emitter';
import { UsersService } from '../../users/users.service';
import { canReport, seesUnverified } from '../../shared/indicator-access';
import { canonicalDisaggregation, disaggregationProblem } from '../disaggregation';
import {
  CorrectObservationDto,
  ObservationQuery,
  ObservationView,
  RejectObservationDto,
  ReportObservationDto,
  type ReportOutcome,
} from '../dto/observation.dto';
import type { Indicator } from '../entities/indicator.entity';
import type { Observation } from '../entities/observation.entity';
import { uuidv7 } from '../ids';
import { IndicatorsService } from '../indicators.service';
import { parsePeriod, periodProblem } from '../../shared/periods';
import { type ResolvedScope, toScopeView } from '../scopes';
import { ScopesService } from '../scopes.service';
import { valueProblem } from '../../shared/indicator-values';
import { type ObservationRow, ObservationsRepository, type ValueKey } from './observations.repository';
import { visibleObservations } from './observation-filter';
import { lockedMessage, PeriodLocksRepository } from '../approvals/period-locks.repository';
import { notificationTitles } from '../../common/notification-titles';
import { QualityService } from '../quality/quality.service';

/** The names an observation's view shows: its park's, and its reporter's and reviewer's. */
interface ObservationNames {
  parks: Map<string, LocalizedText>;
  people: Map<string, string>;
}

export const toObservationView = (r: ObservationRow, names: ObservationNames): ObservationView => ({
  id: r.id,
  indicator: { id: r.indicator_id, code: r.code, name: r.indicator_name, unit: r.unit, direction: r.direction },
  scope: toScopeView({ type: r.scope_type, parkId: r.park_id, province: r.province, city: r.city }, (r.park_id && names.parks.get(r.park_id)) || null),
  period: r.period,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  disaggregation: r.disaggregation,
  value: r.value,
  source: r.source,
  notes: r.notes,
  status: r.status,
  isDemo: r.is_demo,
  reportedBy: r.reported_by_id ? { id: r.reported_by_id, displayName: names.people.get(r.reported_by_id) ?? '' } : null,
  reportedAt: r.reported_at.toISOString(),
  reviewedBy: r.reviewed_by_id ? { id: r.reviewed_by_id, displayName: names.people.get(r.reviewed_by_id) ?? '' } : null,
  reviewedAt: r.reviewed_at ? r.reviewed_at.toISOString() : null,
  rejectionReason: r.rejection_reason,
  supersedesId: r.supersedes_id,
  supersededById: r.superseded_by_id,
  supersededAt: r.superseded_at ? r.superseded_at.toISOString() : null,
  current: r.superseded_at === null,
  importId: r.import_id,
  warnings: r.warnings ?? [],
  followUp: r.follow_up,
});

/** The key of the value `o` is a version of. */
const keyOf = (o: Observation): ValueKey => ({
  indicatorId: o.indicatorId,
  scope: { type: o.scopeType, parkId: o.parkId, province: o.province, city: o.city },
  disaggregation: o.disaggregation,
  periodStart: o.periodStart,
  period: o.period,
});

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
    private readonly unitOfWork: UnitOfWork,
    private readonly repository: ObservationsRepository,
    private readonly activity: ActivityService,
    private readonly realtime: RealtimeEmitter,
    private readonly indicators: IndicatorsService,
    private readonly scopes: ScopesService,
    private readonly users: UsersService,
    private readonly quality: QualityService,
    private readonly locks: PeriodLocksRepository,
  ) {}

  /** The rows as views, with the names of their parks and people (asked of the parks and users modules at once). */
  async views(rows: ObservationRow[]): Promise<ObservationView[]> {
    if (!rows.length) return [];
    const [parks, people] = await Promise.all([
      this.scopes.parkNames(rows.map((r) => r.park_id)),
      this.users.displayNames(rows.flatMap((r) => [r.reported_by_id, r.reviewed_by_id]).filter((id): id is string => !!id)),
    ]);
    return rows.map((r) => toObservationView(r, { parks, people }));
  }

  async view(id: string): Promise<ObservationView> {
    const row = orNotFound(await this.repository.findViewRow(id), 'Observation');
    return (await this.views([row]))[0];
  }

  async get(user: AuthUser, id: string): Promise<ObservationView> {
    const view = await this.view(id);
    if (view.status !== 'verified' && !seesUnverified(user)) throw notFound('Observation');
    return view;
  }

  async list(user: AuthUser, query: ObservationQuery): Promise<Page<ObservationView>> {
    const filter = visibleObservations(user, query);
    if (query.indicatorId) filter.indicatorId = (await this.indicators.findForField(query.indicatorId, 'indicatorId')).id;
    if (query.scope) filter.scope = await this.scopes.fromText(query.scopeType, query.scope);
    const cursor = readCursor(query.cursor, { id: 'uuid' });
    const limit = query.limit ?? 50;
    const rows = await this.repository.findViewRows(filter, {
      order: query.order === 'oldest' ? 'oldest' : 'newest',
      after: cursor?.id,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    return { items: await this.views(items), nextCursor: rows.length > limit ? encodeCursor({ id: items[items.length - 1].id }) : null };
  }

  /** Every version of the value this observation belongs to, newest first (the chain of corrections). */
  async history(user: AuthUser, id: string): Promise<{ items: ObservationView[] }> {
    await this.get(user, id);
    const ids = await this.repository.findVersionIds(id);
    return { items: await this.views(await this.repository.findViewRowsByIds(ids, !seesUnverified(user))) };
  }

  /** The checks shared by a report and a correction; each failure names its field. */
  private check(indicator: Indicator, scope: ResolvedScope, value: number) {
    const problem = valueProblem(indicator.unit, value);
    if (problem) throw badRequest('value', problem);
    if (indicator.minValue !== null && value < Number(indicator.minValue)) {
      throw badRequest('value', `value must be at least ${Number(indicator.minValue)} for ${indicator.code}`);
    }
    if (indicator.maxValue !== null && value > Number(indicator.maxValue)) {
      throw badRequest('value', `value must be at most ${Number(indicator.maxValue)} for ${indicator.code}`);
    }
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
    const old = orNotFound(await this.repository.findById(id), 'Observation');
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
    const { outcome, id } = await this.inTransaction(async (tx) => {
      // Observations carry no foreign keys (see the migration): these locks keep the park and the indicator from
      // being deleted until this value is committed.
      await this.repository.lockIndicator(tx, indicator.id);
      if (scope.parkId) await this.scopes.lockParks(tx, [scope.parkId]);
      const key: ValueKey = { indicatorId: indicator.id, scope, disaggregation, periodStart: period.start, period: period.period };
      const current = await this.repository.lockCurrent(tx, key, next);
      if (correcting && current?.id !== correcting) {
        throw conflict('This value has been superseded: correct the current one', { currentId: current?.id ?? null });
      }
      if (current?.is_same) return { outcome: 'unchanged' as const, id: current.id };
      if (scope.parkId) {
        const lock = await this.locks.findCovering(tx, scope.parkId, period.start, period.end);
        if (lock) {
          throw new ApiError(
            HttpStatus.CONFLICT,
            `This value is locked: ${lockedMessage(lock.period)}`,
            [{ field: 'period', message: lockedMessage(lock.period) }],
            {
              lock: { id: lock.id, period: lock.period, lockedAt: lock.locked_at.toISOString() },
            },
          );
        }
      }
      const warnings = await this.quality.warningsFor(tx, indicator, key, next.value);
      const id = uuidv7();
      if (current) {
        // It keeps its review outcome; one still awaiting verification no longer awaits anything.
        const status = current.status === 'submitted' ? 'superseded' : current.status;
        await this.repository.supersede(tx, current.id, id, status);
      }
      await this.repository.insert(tx, {
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
        warnings: warnings.length ? warnings : null,
        followUp: warnings.length ? 'open' : null,
        firstReportedAt: current ? current.first_reported_at : null,
      });
      await this.activity.recordBy(tx, user, current ? 'observation.corrected' : 'observation.reported', id, {
        indicator: indicator.code,
        scope: toScopeView(scope, scope.park?.name ?? null).key,
        period: period.period,
        disaggregation,
        value: { from: current ? Number(current.value) : null, to: next.value },
        ...(current ? { supersedes: current.id } : {}),
        ...(warnings.length ? { warnings: warnings.map((w) => w.rule) } : {}),
      });
      const outcome: ReportOutcome = current ? 'superseded' : 'inserted';
      await this.pushReported(tx, user, { id, indicatorId: indicator.id, code: indicator.code, period: period.period, outcome });
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
    await this.inTransaction(async (tx) => {
      const observation = orNotFound(await this.repository.lockById(tx, id), 'Observation');
      if (observation.reportedById === user.id) throw forbidden('You reported this value: another facilitator must verify it');
      if (observation.supersededAt) {
        const currentId = await this.repository.findCurrentId(tx, keyOf(observation));
        throw new ApiError(
          HttpStatus.CONFLICT,
          `This value has been superseded by a correction: ${status === 'verified' ? 'verify' : 'reject'} the current one`,
          [{ field: 'id', message: `observation ${id} has been superseded by ${observation.supersededById}` }],
          { currentId, supersededById: observation.supersededById },
        );
      }
      if (observation.status !== 'submitted') throw conflict(`This value is already ${observation.status}`, { status: observation.status });
      await this.repository.setReview(tx, id, { status, reviewedById: user.id, rejectionReason: reason });
      await this.activity.record(tx, {
        actorId: user.id,
        action: `observation.${status}`,
        entityType: 'observation',
        entityId: id,
        changes: { status: { from: 'submitted', to: status }, ...(reason ? { reason } : {}) },
      });
      // What the reporter (and their mail) needs to act on it: which indicator, which park, why, and a link to the value.
      const shown = await this.view(id);
      const payload = {
        id,
        indicatorId: observation.indicatorId,
        indicatorCode: shown.indicator.code,
        indicatorName: shown.indicator.name,
        parkName: shown.scope.park?.name ?? null,
        period: observation.period,
        status,
        reason,
        by: user.displayName,
        title: notificationTitles.observationReviewed(status, shown.indicator.name, shown.scope.park?.name ?? null, observation.period, reason ?? null),
        link: `/observations/${id}`,
      };
      if (observation.reportedById) {
        await this.realtime.notify(tx, observation.reportedById, `observation.${status}`, payload);
      }
      // The reporter learns the outcome; the verifier's other tabs drop it from their queue.
      const rooms = [...new Set([observation.reportedById, user.id].filter((x): x is string => !!x))];
      this.realtime.afterCommit(tx, () => rooms.forEach((userId) => this.realtime.toUser(userId, 'observation:verified', payload)));
    });
    return this.view(id);
  }

  /**
   * `observation:reported` goes to the reporter's own sockets and to every facilitator's and admin's (the people
   * who verify), once the transaction commits.
   */
  async pushReported(tx: Tx, user: AuthUser, payload: { id: string; [field: string]: unknown }): Promise<void> {
    const staff = await this.users.activeStaffIds(tx);
    const rooms = [...new Set([user.id, ...staff])];
    const event = { ...payload, reportedBy: { id: user.id, displayName: user.displayName } };
    this.realtime.afterCommit(tx, () => rooms.forEach((userId) => this.realtime.toUser(userId, 'observation:reported', event)));
  }

  /** Two reports of the same value racing: the loser meets the unique index and is told to retry. */
  private async inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await this.unitOfWork.run(work);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new ApiError(HttpStatus.CONFLICT, 'The same value was reported at the same moment by someone else: reload and try again');
      }
      throw error;
    }
  }
}
