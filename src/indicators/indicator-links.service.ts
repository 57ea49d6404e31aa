import { HttpStatus, Injectable } from '@nestjs/common';
import { ActivityService, diff } from '../activity/activity.service';
import { type AuthUser, isStaff } from '../auth/auth-user';
import { ApiError, conflict, forbidden, notFound, orNotFound, type FieldError } from '../common/errors';
import { UnitOfWork } from '../database/unit-of-work';
import { ActionItemsService } from '../roadmaps/action-items.service';
import type { Unit } from './catalogue';
import { canonicalDisaggregation, disaggregationProblem } from './disaggregation';
import { CreateIndicatorLinkDto, IndicatorHealthView, IndicatorLinkView, IndicatorTargetView, UpdateIndicatorLinkDto } from './dto/indicator-link.dto';
import type { Indicator } from './entities/indicator.entity';
import { IndicatorLinksRepository, type LinkKey, type LinkRow } from './indicator-links.repository';
import { IndicatorsService, toIndicatorRef } from './indicators.service';
import { toScopeView, type Scope } from './scopes';
import { ScopesService } from './scopes.service';
import { rolledUpUnit, SeriesService } from './series.service';
import { TRAJECTORIES, trajectoryOf, worstTrajectory, type Trajectory } from './trajectory';
import { valueProblem } from '../shared/indicator-values';

const today = () => new Date().toISOString().slice(0, 10);

/** Baseline and target are in the unit the scope's series is in (a city's yes/no indicator is a share of parks). */
const linkUnit = (indicator: Pick<Indicator, 'unit' | 'aggregation'>, scope: Pick<Scope, 'type'>): Unit =>
  scope.type === 'park' ? indicator.unit : rolledUpUnit(indicator);

/** Every problem with a baseline and a target, each naming its field. */
function targetProblems(
  indicator: Indicator,
  unit: Unit,
  v: { baselineValue: number; baselineDate: string; targetValue: number; targetDate: string },
): FieldError[] {
  const problems: FieldError[] = [];
  const baseline = valueProblem(unit, v.baselineValue, 'baselineValue');
  const target = valueProblem(unit, v.targetValue, 'targetValue');
  if (baseline) problems.push({ field: 'baselineValue', message: baseline });
  if (target) problems.push({ field: 'targetValue', message: target });
  if (v.targetDate <= v.baselineDate) problems.push({ field: 'targetDate', message: 'targetDate must be after baselineDate' });
  if (!target && !baseline) {
    if (indicator.direction === 'higher' && v.targetValue < v.baselineValue) {
      problems.push({ field: 'targetValue', message: `targetValue must not be below baselineValue: higher is better for ${indicator.code}` });
    }
    if (indicator.direction === 'lower' && v.targetValue > v.baselineValue) {
      problems.push({ field: 'targetValue', message: `targetValue must not be above baselineValue: lower is better for ${indicator.code}` });
    }
  }
  return problems;
}

const invalid = (details: FieldError[]) => new ApiError(HttpStatus.BAD_REQUEST, details.map((d) => `${d.field}: ${d.message}`).join('; '), details);

/**
 * The indicators a commitment is meant to move, with baseline and target per scope, and how each is doing
 * (trajectory.ts). Facilitators, admins and members of the commitment's lead organization manage them.
 */
@Injectable()
export class IndicatorLinksService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly repository: IndicatorLinksRepository,
    private readonly activity: ActivityService,
    private readonly actionItems: ActionItemsService,
    private readonly indicators: IndicatorsService,
    private readonly scopes: ScopesService,
    private readonly series: SeriesService,
  ) {}

  private async views(links: LinkRow[]): Promise<IndicatorLinkView[]> {
    const asOf = today();
    const scopeOf = (link: LinkRow): Scope => ({ type: link.scope_type, parkId: link.park_id, province: link.province, city: link.city });
    const indicatorOf = (link: LinkRow) => ({
      id: link.indicator_id,
      code: link.code,
      name: link.name,
      unit: link.unit,
      direction: link.direction,
      aggregation: link.aggregation,
    });
    // Before its baseline date a link has no data to judge; the others' latest values come in one batch, and the
    // parks' names at the same time.
    const [latest, parkNames] = await Promise.all([
      this.series.latestMany(
        links
          .filter((link) => asOf >= link.baseline_date)
          .map((link) => ({
            key: link.id,
            indicator: indicatorOf(link),
            scope: scopeOf(link),
            disaggregation: link.disaggregation,
            after: link.baseline_date,
          })),
      ),
      this.scopes.parkNames(links.map((link) => link.park_id)),
    ]);
    return links.map((link) => {
      const scope = scopeOf(link);
      const indicator = indicatorOf(link);
      const baseline = { value: link.baseline_value, date: link.baseline_date };
      const target = { value: link.target_value, date: link.target_date };
      const value = latest.get(link.id) ?? null;
      const result = trajectoryOf({ direction: indicator.direction, baseline, target, latest: value, today: asOf });
      return {
        id: link.id,
        actionItemId: link.action_item_id,
        indicator: toIndicatorRef(indicator),
        scope: toScopeView(scope, (link.park_id && parkNames.get(link.park_id)) || null),
        disaggregation: link.disaggregation,
        unit: linkUnit(indicator, scope),
        baseline,
        target,
        trajectory: result.trajectory,
        latest: value,
        expected: result.expected,
        ratio: result.ratio,
      };
    });
  }

  /** Baselines and targets as they stand, without judging them (no latest value is read). */
  private async targetViews(links: LinkRow[]): Promise<IndicatorTargetView[]> {
    const [parkNames, titles] = await Promise.all([
      this.scopes.parkNames(links.map((link) => link.park_id)),
      this.actionItems.titles(links.map((link) => link.action_item_id)),
    ]);
    return links
      .filter((link) => titles.has(link.action_item_id))
      .map((link) => {
        const scope: Scope = { type: link.scope_type, parkId: link.park_id, province: link.province, city: link.city };
        const item = titles.get(link.action_item_id)!;
        return {
          linkId: link.id,
          actionItemId: link.action_item_id,
          actionItemTitle: item.title,
          roadmapId: item.roadmapId,
          indicator: toIndicatorRef({ id: link.indicator_id, code: link.code, name: link.name, unit: link.unit, direction: link.direction }),
          scope: toScopeView(scope, (link.park_id && parkNames.get(link.park_id)) || null),
          disaggregation: link.disaggregation,
          unit: linkUnit({ unit: link.unit, aggregation: link.aggregation }, scope),
          baseline: { value: link.baseline_value, date: link.baseline_date },
          target: { value: link.target_value, date: link.target_date },
        };
      });
  }

  /** Every commitment's baseline and target for an indicator (the indicator page draws them beside the values). */
  async targetsOfIndicator(ref: string): Promise<{ items: IndicatorTargetView[] }> {
    const indicator = await this.indicators.findOrFail(ref);
    return { items: await this.targetViews(await this.repository.findRows({ indicatorId: indicator.id })) };
  }

  /** The baselines and targets of a roadmap's commitments (the public portal's list of indicators). */
  async targetsOfRoadmap(roadmapId: string): Promise<IndicatorTargetView[]> {
    const [heads, rows] = await Promise.all([this.actionItems.headsInRoadmap(roadmapId), this.repository.findRows({ roadmapId })]);
    orNotFound(heads, 'Roadmap');
    return this.targetViews(rows);
  }

  async list(actionItemId: string): Promise<{ items: IndicatorLinkView[] }> {
    await this.actionItems.find(actionItemId);
    return { items: await this.views(await this.repository.findRows({ actionItemId })) };
  }

  private async assertCanManage(user: AuthUser, actionItemId: string) {
    const item = await this.actionItems.find(actionItemId);
    if (!isStaff(user) && !(user.role === 'member' && user.organizationId === item.leadOrganizationId)) {
      throw forbidden("Only facilitators and members of the commitment's lead organization link indicators to it");
    }
  }

  async create(user: AuthUser, actionItemId: string, dto: CreateIndicatorLinkDto): Promise<IndicatorLinkView> {
    await this.assertCanManage(user, actionItemId);
    const indicator = await this.indicators.findForField(dto.indicatorId, 'indicatorId');
    const scope = await this.scopes.fromFields(dto);
    const disaggregation = canonicalDisaggregation(dto.disaggregation);
    const problems: FieldError[] = [];
    const disaggregationError = disaggregationProblem(disaggregation, indicator.disaggregations, indicator.code);
    if (disaggregationError) problems.push({ field: 'disaggregation', message: disaggregationError });
    problems.push(...targetProblems(indicator, linkUnit(indicator, scope), dto));
    if (problems.length) throw invalid(problems);
    const key: LinkKey = { actionItemId, indicatorId: indicator.id, scope, disaggregation };
    const id = await this.unitOfWork.run(async (tx) => {
      if (await this.repository.exists(tx, key)) throw conflict(`This commitment is already linked to ${indicator.code} for this scope`);
      const linkId = await this.repository.insert(
        tx,
        key,
        { baselineValue: String(dto.baselineValue), baselineDate: dto.baselineDate, targetValue: String(dto.targetValue), targetDate: dto.targetDate },
        user.id,
      );
      // Recorded against the commitment, so its history shows what it is meant to move.
      await this.activity.record(tx, {
        actorId: user.id,
        action: 'indicator_link.added',
        entityType: 'action_item',
        entityId: actionItemId,
        changes: {
          linkId,
          indicator: indicator.code,
          scope: toScopeView(scope, scope.park?.name ?? null).key,
          disaggregation,
          baseline: { value: dto.baselineValue, date: dto.baselineDate },
          target: { value: dto.targetValue, date: dto.targetDate },
        },
      });
      return linkId;
    });
    return this.get(actionItemId, id);
  }

  private async get(actionItemId: string, linkId: string): Promise<IndicatorLinkView> {
    const [link] = await this.repository.findRows({ actionItemId, linkId });
    if (!link) throw notFound('Indicator link');
    return (await this.views([link]))[0];
  }

  async update(user: AuthUser, actionItemId: string, linkId: string, dto: UpdateIndicatorLinkDto): Promise<IndicatorLinkView> {
    await this.assertCanManage(user, actionItemId);
    await this.unitOfWork.run(async (tx) => {
      const link = orNotFound(await this.repository.lock(tx, actionItemId, linkId), 'Indicator link');
      const indicator = (await this.indicators.find(link.indicatorId, tx))!;
      const merged = {
        baselineValue: dto.baselineValue ?? Number(link.baselineValue),
        baselineDate: dto.baselineDate ?? link.baselineDate,
        targetValue: dto.targetValue ?? Number(link.targetValue),
        targetDate: dto.targetDate ?? link.targetDate,
      };
      const problems = targetProblems(indicator, linkUnit(indicator, { type: link.scopeType }), merged);
      if (problems.length) throw invalid(problems);
      const before = {
        ...merged,
        baselineValue: Number(link.baselineValue),
        baselineDate: link.baselineDate,
        targetValue: Number(link.targetValue),
        targetDate: link.targetDate,
      };
      const changes = diff(before, merged);
      if (!Object.keys(changes).length) return;
      await this.repository.updateTargets(tx, linkId, {
        baselineValue: String(merged.baselineValue),
        baselineDate: merged.baselineDate,
        targetValue: String(merged.targetValue),
        targetDate: merged.targetDate,
      });
      await this.activity.record(tx, {
        actorId: user.id,
        action: 'indicator_link.updated',
        entityType: 'action_item',
        entityId: actionItemId,
        changes: { linkId, indicator: indicator.code, ...changes },
      });
    });
    return this.get(actionItemId, linkId);
  }

  async remove(user: AuthUser, actionItemId: string, linkId: string): Promise<void> {
    await this.assertCanManage(user, actionItemId);
    await this.unitOfWork.run(async (tx) => {
      const link = orNotFound(await this.repository.findWithIndicator(tx, actionItemId, linkId), 'Indicator link');
      await this.repository.delete(tx, linkId);
      await this.activity.record(tx, {
        actorId: user.id,
        action: 'indicator_link.removed',
        entityType: 'action_item',
        entityId: actionItemId,
        changes: { linkId, indicator: link.indicator.code },
      });
    });
  }

  /** Per commitment of a roadmap: its links and their worst trajectory; and the commitments off track. */
  async health(roadmapId: string): Promise<IndicatorHealthView> {
    // The commitments and their links are read at the same time.
    const [heads, rows] = await Promise.all([this.actionItems.headsInRoadmap(roadmapId), this.repository.findRows({ roadmapId })]);
    const items = orNotFound(heads, 'Roadmap');
    const links = await this.views(rows);
    const byItem = new Map<string, IndicatorLinkView[]>();
    for (const link of links) byItem.set(link.actionItemId, [...(byItem.get(link.actionItemId) ?? []), link]);
    const counts = Object.fromEntries(TRAJECTORIES.map((t) => [t, 0])) as Record<Trajectory, number>;
    for (const link of links) counts[link.trajectory]++;
    const health = items.map((item) => {
      const itemLinks = byItem.get(item.id) ?? [];
      return {
        actionItem: { id: item.id, title: item.title, status: item.status, leadOrganizationId: item.leadOrganizationId },
        trajectory: worstTrajectory(itemLinks.map((l) => l.trajectory)),
        links: itemLinks,
      };
    });
    return {
      roadmapId,
      asOf: today(),
      counts,
      items: health,
      offTrack: health
        .filter((h) => h.trajectory === 'off_track')
        .map((h) => ({
          id: h.actionItem.id,
          title: h.actionItem.title,
          indicators: h.links.filter((l) => l.trajectory === 'off_track').map((l) => ({ linkId: l.id, code: l.indicator.code, scope: l.scope })),
        })),
    };
  }
}
