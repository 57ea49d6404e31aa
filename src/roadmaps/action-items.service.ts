import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { ActivityService, diff } from '../activity/activity.service';
import { type AuthUser, isStaff } from '../auth/auth-user';
import { ApiError, badRequest, conflict, forbidden, notFound } from '../common/errors';
import { cleanLocalizedText, type LocalizedText } from '../common/localized-text';
import { Organization } from '../organizations/entities/organization.entity';
import { toOrganizationView } from '../organizations/organizations.service';
import {
  ActionItemDetailView,
  ActionItemQuery,
  ActionItemView,
  ChangeStatusDto,
  CreateActionItemDto,
  CreateMilestoneDto,
  MilestoneView,
  UpdateActionItemDto,
  UpdateMilestoneDto,
} from './dto/roadmap.dto';
import { ActionItem } from './entities/action-item.entity';
import { ConstituencyPosition } from './entities/constituency-position.entity';
import { Milestone } from './entities/milestone.entity';
import { Roadmap } from './entities/roadmap.entity';
import { ChannelsService } from '../realtime/channels.service';
import { CommitmentEvents } from './commitment-events';
import { RoadmapDirectoryRepository } from './roadmap-directory.repository';
import {
  allowedTransitions,
  canTransition,
  completionLevel,
  consensusOf,
  isOverdue,
  NEEDS_REASON,
  progressOf,
  type Stance,
} from './rules';

export const toMilestoneView = (m: Milestone): MilestoneView => ({
  id: m.id,
  title: m.title,
  dueDate: m.dueDate,
  completedAt: m.completedAt ? m.completedAt.toISOString() : null,
  position: m.position,
});

interface Summary {
  milestones: { completedAt: Date | null }[];
  stances: { constituency: Organization['constituency']; stance: Stance }[];
  workingGroupName: LocalizedText | null;
}

@Injectable()
export class ActionItemsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
    private readonly events: CommitmentEvents,
    private readonly channels: ChannelsService,
    private readonly directory: RoadmapDirectoryRepository,
  ) {}

  /** The ids of a roadmap's commitments, or null when there is no such roadmap. */
  idsInRoadmap(roadmapId: string): Promise<string[] | null> {
    return this.directory.findActionItemIds(roadmapId);
  }

  /** Milestones, current positions and working group names for many items in three queries. */
  private async summaries(items: ActionItem[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, Summary>> {
    const ids = items.map((i) => i.id);
    const out = new Map<string, Summary>(ids.map((id) => [id, { milestones: [], stances: [], workingGroupName: null }]));
    if (!ids.length) return out;
    const [milestones, positions, groups, supporters] = await Promise.all([
      manager.query(`SELECT action_item_id, completed_at FROM milestones WHERE action_item_id = ANY($1)`, [ids]),
      manager.query(
        `SELECT p.action_item_id, p.stance, o.constituency FROM constituency_positions p
           JOIN organizations o ON o.id = p.organization_id
          WHERE p.action_item_id = ANY($1) AND p.superseded_at IS NULL`,
        [ids],
      ),
      manager.query(`SELECT id, name FROM working_groups WHERE id = ANY($1)`, [
        [...new Set(items.map((i) => i.workingGroupId).filter(Boolean))],
      ]),
      manager.query(
        `SELECT s.action_item_id, o.id, o.name, o.constituency, o.region FROM action_item_supporters s
           JOIN organizations o ON o.id = s.organization_id
          WHERE s.action_item_id = ANY($1) ORDER BY o.name->>'en'`,
        [ids],
      ),
    ]);
    for (const item of items) item.supportingOrganizations = [];
    const byId = new Map(items.map((i) => [i.id, i]));
    for (const s of supporters) byId.get(s.action_item_id)!.supportingOrganizations.push({ id: s.id, name: s.name, constituency: s.constituency, region: s.region } as Organization);
    for (const m of milestones) out.get(m.action_item_id)!.milestones.push({ completedAt: m.completed_at });
    for (const p of positions) out.get(p.action_item_id)!.stances.push({ constituency: p.constituency, stance: p.stance });
    const groupNames = new Map<string, LocalizedText>(groups.map((g: { id: string; name: LocalizedText }) => [g.id, g.name]));
    for (const item of items) if (item.workingGroupId) out.get(item.id)!.workingGroupName = groupNames.get(item.workingGroupId) ?? null;
    return out;
  }

  toView(item: ActionItem, summary: Summary): ActionItemView {
    const progress = progressOf(summary.milestones, item.progressManual);
    return {
      id: item.id,
      roadmapId: item.roadmapId,
      title: item.title,
      description: item.description,
      workingGroup: item.workingGroupId ? { id: item.workingGroupId, name: summary.workingGroupName ?? {} } : null,
      leadOrganization: toOrganizationView(item.leadOrganization),
      supportingOrganizations: (item.supportingOrganizations ?? []).map(toOrganizationView),
      origin: { roundtableId: item.originRoundtableId, decisionId: item.originDecisionId },
      dueDate: item.dueDate,
      priority: item.priority,
      policyArea: item.policyArea,
      status: item.status,
      statusReason: item.statusReason,
      allowedTransitions: allowedTransitions(item.status),
      progress,
      progressFromMilestones: summary.milestones.length > 0,
      completionLevel: item.status === 'completed' ? 'completed' : completionLevel(progress),
      consensus: consensusOf(summary.stances),
      milestones: { total: summary.milestones.length, done: summary.milestones.filter((m) => m.completedAt).length },
      overdue: isOverdue(item),
      createdAt: item.createdAt.toISOString(),
      updatedAt: item.updatedAt.toISOString(),
    };
  }

  async views(items: ActionItem[]): Promise<ActionItemView[]> {
    const summaries = await this.summaries(items);
    return items.map((item) => this.toView(item, summaries.get(item.id)!));
  }

  private baseQuery(manager: EntityManager = this.dataSource.manager) {
    // Only many-to-one joins here, so LIMIT counts items; supporters are loaded with the other summaries.
    return manager.createQueryBuilder(ActionItem, 'a').leftJoinAndSelect('a.leadOrganization', 'lead');
  }

  async list(query: ActionItemQuery): Promise<{ items: ActionItemView[] }> {
    const qb = this.baseQuery();
    if (query.roadmapId) qb.andWhere('a.roadmapId = :roadmapId', { roadmapId: query.roadmapId });
    if (query.status?.length) qb.andWhere('a.status IN (:...status)', { status: query.status });
    if (query.workingGroupId) qb.andWhere('a.workingGroupId = :wg', { wg: query.workingGroupId });
    if (query.policyArea) qb.andWhere('a.policyArea = :area', { area: query.policyArea });
    if (query.organizationId) {
      qb.andWhere(
        '(a.leadOrganizationId = :org OR EXISTS (SELECT 1 FROM action_item_supporters s WHERE s.action_item_id = a.id AND s.organization_id = :org))',
        { org: query.organizationId },
      );
    }
    if (query.q) {
      qb.andWhere("(a.title->>'en' ILIKE :q OR a.title->>'zh' ILIKE :q)", { q: `%${query.q.replace(/[%_]/g, '\\$&')}%` });
    }
    const sort = query.sort ?? 'dueDate';
    const desc = sort.startsWith('-');
    const key = sort.replace(/^-/, '');
    const order = desc ? 'DESC' : 'ASC';
    // priority sorts high first; -priority low first.
    const expressions: Record<string, [string, 'ASC' | 'DESC']> = {
      priority: ["array_position(ARRAY['high','medium','low'], a.priority)", desc ? 'DESC' : 'ASC'],
      title: ["coalesce(a.title->>'en', a.title->>'zh')", order],
      status: ["array_position(ARRAY['proposed','agreed','in_progress','delayed','completed','dropped'], a.status)", order],
    };
    if (expressions[key]) qb.addSelect(expressions[key][0], 'sort_key').orderBy('sort_key', expressions[key][1]);
    else qb.orderBy(`a.${key}`, order, 'NULLS LAST');
    qb.addOrderBy('a.createdAt', 'ASC').limit(query.limit ?? 200);
    return { items: await this.views(await qb.getMany()) };
  }

  async exists(id: string): Promise<boolean> {
    return /^[0-9a-f-]{36}$/i.test(id) && this.dataSource.getRepository(ActionItem).existsBy({ id });
  }

  async find(id: string, manager: EntityManager = this.dataSource.manager): Promise<ActionItem> {
    const item = await this.baseQuery(manager).where('a.id = :id', { id }).getOne();
    if (!item) throw notFound('Action item');
    return item;
  }

  /** Staff, and members of the lead organization, move the commitment along. */
  private canDrive(user: AuthUser, item: ActionItem): boolean {
    return isStaff(user) || (user.role === 'member' && user.organizationId === item.leadOrganizationId);
  }

  async get(user: AuthUser, id: string): Promise<ActionItemDetailView> {
    const item = await this.find(id);
    const [view] = await this.views([item]);
    const milestones = await this.dataSource.getRepository(Milestone).find({ where: { actionItemId: id }, order: { position: 'ASC', createdAt: 'ASC' } });
    const positions = await this.dataSource.getRepository(ConstituencyPosition).find({
      where: { actionItemId: id, supersededAt: IsNull() },
      relations: { organization: true },
      order: { createdAt: 'ASC' },
    });
    const authors = await this.authorNames(positions.map((p) => p.authorId));
    return {
      ...view,
      milestoneList: milestones.map(toMilestoneView),
      positions: positions.map((p) => ({
          id: p.id,
          organization: toOrganizationView(p.organization),
          stance: p.stance,
          statement: p.statement,
          author: p.authorId ? { id: p.authorId, displayName: authors.get(p.authorId) ?? '' } : null,
          createdAt: p.createdAt.toISOString(),
          supersededAt: null,
        })),
      can: { changeStatus: this.canDrive(user, item), edit: isStaff(user), statePosition: user.role !== 'observer' },
    };
  }

  async authorNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((x): x is string => !!x))];
    if (!unique.length) return new Map();
    const rows: { id: string; display_name: string }[] = await this.dataSource.query(
      'SELECT id, display_name FROM users WHERE id = ANY($1)',
      [unique],
    );
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  private async checkReferences(
    manager: EntityManager,
    refs: { leadOrganizationId?: string; supportingOrganizationIds?: string[]; workingGroupId?: string | null },
  ) {
    if (refs.leadOrganizationId && !(await manager.existsBy(Organization, { id: refs.leadOrganizationId }))) {
      throw badRequest('leadOrganizationId', 'leadOrganizationId does not name an existing organization');
    }
    if (refs.supportingOrganizationIds?.length) {
      const unique = [...new Set(refs.supportingOrganizationIds)];
      if ((await manager.countBy(Organization, { id: In(unique) })) !== unique.length) {
        throw badRequest('supportingOrganizationIds', 'supportingOrganizationIds names an organization that does not exist');
      }
    }
    if (refs.workingGroupId) {
      const [row] = await manager.query('SELECT 1 FROM working_groups WHERE id = $1', [refs.workingGroupId]);
      if (!row) throw badRequest('workingGroupId', 'workingGroupId does not name an existing working group');
    }
  }

  async create(user: AuthUser, dto: CreateActionItemDto): Promise<ActionItemDetailView> {
    const id = await this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(Roadmap, { id: dto.roadmapId }))) throw badRequest('roadmapId', 'roadmapId does not name an existing roadmap');
      await this.checkReferences(manager, dto);
      let origin: { roundtableId: string; text: LocalizedText } | null = null;
      if (dto.originDecisionId) origin = await this.claimDecision(manager, user, dto.originDecisionId);
      const title = dto.title ? cleanLocalizedText(dto.title) : origin!.text;
      const item = await manager.save(
        manager.create(ActionItem, {
          roadmapId: dto.roadmapId,
          title,
          description: cleanLocalizedText(dto.description),
          workingGroupId: dto.workingGroupId ?? null,
          leadOrganizationId: dto.leadOrganizationId,
          supportingOrganizations: [...new Set(dto.supportingOrganizationIds ?? [])].map((oid) => ({ id: oid }) as Organization),
          originRoundtableId: origin?.roundtableId ?? null,
          originDecisionId: dto.originDecisionId ?? null,
          dueDate: dto.dueDate ?? null,
          priority: dto.priority ?? 'medium',
          policyArea: dto.policyArea,
          progressManual: dto.progress ?? 0,
          createdById: user.id,
        }),
      );
      if (dto.originDecisionId) {
        await manager.query('UPDATE roundtable_decisions SET action_item_id = $1, updated_at = now() WHERE id = $2', [item.id, dto.originDecisionId]);
        await this.activity.record(manager, {
          actorId: user.id,
          action: 'decision.promoted',
          entityType: 'roundtable',
          entityId: origin!.roundtableId,
          changes: { decisionId: dto.originDecisionId, actionItemId: item.id },
        });
      }
      await this.channels.ensureChannel('action_item', item.id, manager);
      await this.activity.record(manager, {
        actorId: user.id,
        action: 'action_item.created',
        entityType: 'action_item',
        entityId: item.id,
        changes: { title, roadmapId: dto.roadmapId, status: 'proposed', originDecisionId: dto.originDecisionId ?? null },
      });
      return item.id;
    });
    return this.get(user, id);
  }

  /** A decision can become one commitment; the decision must be visible to the promoter and not yet promoted. */
  private async claimDecision(manager: EntityManager, user: AuthUser, decisionId: string) {
    const [decision] = await manager.query(
      `SELECT d.id, d.text, d.action_item_id, d.roundtable_id, r.visibility,
              EXISTS (SELECT 1 FROM roundtable_participants p WHERE p.roundtable_id = r.id AND p.user_id = $2) AS participant
         FROM roundtable_decisions d JOIN roundtables r ON r.id = d.roundtable_id
        WHERE d.id = $1 FOR UPDATE OF d`,
      [decisionId, user.id],
    );
    const visible = decision && (decision.visibility === 'platform' || decision.participant || user.role === 'admin');
    if (!visible) throw badRequest('originDecisionId', 'originDecisionId does not name a decision you can see');
    if (decision.action_item_id) throw conflict('This decision has already been promoted into a commitment', { actionItemId: decision.action_item_id });
    return { roundtableId: decision.roundtable_id as string, text: decision.text as LocalizedText };
  }

  async update(user: AuthUser, id: string, dto: UpdateActionItemDto): Promise<ActionItemDetailView> {
    await this.dataSource.transaction(async (manager) => {
      const item = await this.lock(manager, id);
      await this.checkReferences(manager, dto);
      const next = {
        title: dto.title ? cleanLocalizedText(dto.title) : undefined,
        description: dto.description ? cleanLocalizedText(dto.description) : undefined,
        workingGroupId: dto.workingGroupId,
        leadOrganizationId: dto.leadOrganizationId,
        dueDate: dto.dueDate,
        priority: dto.priority,
        policyArea: dto.policyArea,
        progressManual: dto.progress,
      };
      const changes: Record<string, unknown> = diff(item, next);
      await manager.update(ActionItem, { id }, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
      if (dto.supportingOrganizationIds) {
        const before = (await manager.query('SELECT organization_id FROM action_item_supporters WHERE action_item_id = $1 ORDER BY 1', [id])).map(
          (r: { organization_id: string }) => r.organization_id,
        );
        const after = [...new Set(dto.supportingOrganizationIds)].sort();
        if (JSON.stringify(before) !== JSON.stringify(after)) {
          await manager.query('DELETE FROM action_item_supporters WHERE action_item_id = $1', [id]);
          if (after.length) {
            await manager.query(
              'INSERT INTO action_item_supporters (action_item_id, organization_id) SELECT $1, unnest($2::uuid[])',
              [id, after],
            );
          }
          changes.supportingOrganizationIds = { from: before, to: after };
        }
      }
      if (Object.keys(changes).length) {
        await this.activity.record(manager, {
          actorId: user.id,
          action: 'action_item.updated',
          entityType: 'action_item',
          entityId: id,
          changes: dto.reason ? { ...changes, reason: dto.reason } : changes,
        });
      }
    });
    return this.get(user, id);
  }

  private async lock(manager: EntityManager, id: string): Promise<ActionItem> {
    const item = await manager.findOne(ActionItem, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!item) throw notFound('Action item');
    return item;
  }

  async changeStatus(user: AuthUser, id: string, dto: ChangeStatusDto): Promise<ActionItemDetailView> {
    const moved = await this.dataSource.transaction(async (manager) => {
      const item = await this.lock(manager, id);
      if (!this.canDrive(user, item)) throw forbidden('Only facilitators and members of the lead organization move this commitment');
      if (!canTransition(item.status, dto.status)) {
        const allowed = allowedTransitions(item.status);
        throw new ApiError(
          HttpStatus.CONFLICT,
          `Cannot move from ${item.status} to ${dto.status}; allowed: ${allowed.length ? allowed.join(', ') : 'none (final)'}`,
          [],
          { allowed },
        );
      }
      const reason = dto.reason?.trim() || null;
      if (NEEDS_REASON.includes(dto.status) && !reason) throw badRequest('reason', `reason is required to mark a commitment ${dto.status}`);
      await manager.update(ActionItem, { id }, { status: dto.status, statusReason: reason });
      await this.activity.record(manager, {
        actorId: user.id,
        action: 'action_item.status_changed',
        entityType: 'action_item',
        entityId: id,
        changes: { status: { from: item.status, to: dto.status }, reason },
      });
      return { item, from: item.status };
    });
    const detail = await this.get(user, id);
    await this.events.statusChanged(user, moved.item, moved.from, detail);
    return detail;
  }

  async history(id: string) {
    await this.find(id);
    return this.activity.list({ entityType: 'action_item', entityId: id, limit: 200 });
  }

  // Milestones

  private async assertCanEditMilestones(manager: EntityManager, user: AuthUser, id: string): Promise<ActionItem> {
    const item = await this.lock(manager, id);
    if (!this.canDrive(user, item)) throw forbidden('Only facilitators and members of the lead organization edit milestones');
    return item;
  }

  async listMilestones(id: string): Promise<{ items: MilestoneView[] }> {
    await this.find(id);
    const rows = await this.dataSource.getRepository(Milestone).find({ where: { actionItemId: id }, order: { position: 'ASC', createdAt: 'ASC' } });
    return { items: rows.map(toMilestoneView) };
  }

  async addMilestone(user: AuthUser, id: string, dto: CreateMilestoneDto): Promise<MilestoneView> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertCanEditMilestones(manager, user, id);
      const [{ next }] = await manager.query('SELECT coalesce(max(position) + 1, 0) AS next FROM milestones WHERE action_item_id = $1', [id]);
      const milestone = await manager.save(
        manager.create(Milestone, { actionItemId: id, title: cleanLocalizedText(dto.title), dueDate: dto.dueDate ?? null, position: next }),
      );
      await this.activity.record(manager, {
        actorId: user.id,
        action: 'milestone.added',
        entityType: 'action_item',
        entityId: id,
        changes: { milestoneId: milestone.id, title: milestone.title, dueDate: milestone.dueDate },
      });
      return toMilestoneView(milestone);
    });
  }

  async updateMilestone(user: AuthUser, id: string, milestoneId: string, dto: UpdateMilestoneDto): Promise<MilestoneView> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertCanEditMilestones(manager, user, id);
      const milestone = await manager.findOneBy(Milestone, { id: milestoneId, actionItemId: id });
      if (!milestone) throw notFound('Milestone');
      const next: Partial<Milestone> = {};
      if (dto.title) next.title = cleanLocalizedText(dto.title);
      if (dto.dueDate !== undefined) next.dueDate = dto.dueDate;
      if (dto.completed !== undefined && dto.completed !== (milestone.completedAt !== null)) {
        next.completedAt = dto.completed ? new Date() : null;
      }
      const changes = diff(milestone, next);
      Object.assign(milestone, next);
      await manager.save(milestone);
      if (Object.keys(changes).length) {
        await this.activity.record(manager, {
          actorId: user.id,
          action: dto.completed === true ? 'milestone.completed' : 'milestone.updated',
          entityType: 'action_item',
          entityId: id,
          changes: { milestoneId, ...changes },
        });
      }
      return toMilestoneView(milestone);
    });
  }

  async removeMilestone(user: AuthUser, id: string, milestoneId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.assertCanEditMilestones(manager, user, id);
      const milestone = await manager.findOneBy(Milestone, { id: milestoneId, actionItemId: id });
      if (!milestone) throw notFound('Milestone');
      await manager.delete(Milestone, { id: milestoneId });
      await this.activity.record(manager, {
        actorId: user.id,
        action: 'milestone.removed',
        entityType: 'action_item',
        entityId: id,
        changes: { milestoneId, title: milestone.title },
      });
    });
  }
}
