import { TranslationRecords } from '../translations/translation-records';
import type { TranslationView } from '../translations/dto/views';
import type { MyThing } from '../realtime/channel-access.registry';
import type { SearchAnswer, SearchRequest } from '../search/search.registry';
import { toThingAnswer } from '../search/thing-search';
import { HttpStatus, Injectable } from '@nestjs/common';
import { ActivityService, diff } from '../activity/activity.service';
import { type AuthUser, isStaff } from '../auth/auth-user';
import { ApiError, badRequest, forbidden, orNotFound } from '../common/errors';
import { cleanLocalizedText, type LocalizedText } from '../common/localized-text';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import type { Organization } from '../organizations/entities/organization.entity';
import { OrganizationReferences, toOrganizationView } from '../organizations/organization-references.service';
import { DecisionsService } from '../roundtables/decisions.service';
import { UsersService } from '../users/users.service';
import { WorkingGroupsService } from '../working-groups/working-groups.service';
import { type ActionItemHead, ActionItemsRepository, type NewActionItem } from './action-items.repository';
import {
  ActionItemDetailView,
  ActionItemQuery,
  ActionItemTally,
  ActionItemView,
  ChangeStatusDto,
  CreateActionItemDto,
  CreateMilestoneDto,
  MilestoneView,
  PositionView,
  UpdateActionItemDto,
  UpdateMilestoneDto,
} from './dto/roadmap.dto';
import type { ActionItem } from './entities/action-item.entity';
import type { ConstituencyPosition } from './entities/constituency-position.entity';
import type { Milestone } from './entities/milestone.entity';
import { ChannelsService } from '../realtime/channels.service';
import { CommitmentEvents } from './commitment-events';
import { PositionsRepository } from './positions.repository';
import { RoadmapsRepository } from './roadmaps.repository';
import type { Constituency, Stance } from '../shared/enums';
import { allowedTransitions, canTransition, completionLevel, consensusOf, isOverdue, NEEDS_REASON, progressFrom, progressOf } from './rules';

export const toMilestoneView = (m: Milestone): MilestoneView => ({
  id: m.id,
  title: m.title,
  dueDate: m.dueDate,
  completedAt: m.completedAt ? m.completedAt.toISOString() : null,
  position: m.position,
});

/** A position with its organization, and its author's name from the names looked up for the positions shown. */
export const toPositionView = (
  p: ConstituencyPosition,
  authors: Map<string, string>,
  translations: Map<string, TranslationView[]> = new Map(),
): PositionView => ({
  id: p.id,
  organization: toOrganizationView(p.organization),
  stance: p.stance,
  statement: p.statement,
  author: p.authorId ? { id: p.authorId, displayName: authors.get(p.authorId) ?? '' } : null,
  createdAt: p.createdAt.toISOString(),
  supersededAt: p.supersededAt ? p.supersededAt.toISOString() : null,
  translations: translations.get(p.id) ?? [],
});

/** For one commitment whose milestones and current positions (with their organizations) are read already. */
interface ReadAlready {
  milestones: { actionItemId: string; completedAt: Date | null }[];
  positions: ConstituencyPosition[];
}

interface Summary {
  milestones: { completedAt: Date | null }[];
  stances: { constituency: Organization['constituency']; stance: Stance }[];
  workingGroupName: LocalizedText | null;
}

@Injectable()
export class ActionItemsService {
  constructor(
    private readonly items: ActionItemsRepository,
    private readonly roadmaps: RoadmapsRepository,
    private readonly positions: PositionsRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly activity: ActivityService,
    private readonly events: CommitmentEvents,
    private readonly channels: ChannelsService,
    private readonly organizations: OrganizationReferences,
    private readonly workingGroups: WorkingGroupsService,
    private readonly decisions: DecisionsService,
    private readonly users: UsersService,
    private readonly translations: TranslationRecords,
  ) {}

  /** Translations added later to position statements (or, by kind, to status reasons), by text id. */
  async translationsOf(kind: 'position' | 'status_reason', ids: string[]): Promise<Map<string, TranslationView[]>> {
    return this.translations.of(kind, ids);
  }

  /** The commitments a person's organization leads or supports, for their list of channels. */
  async ofOrganization(user: AuthUser): Promise<MyThing[]> {
    return this.items.ofOrganization(user.organizationId);
  }

  /** Search over commitments (open to everyone signed in). */
  async search(request: SearchRequest): Promise<SearchAnswer> {
    return toThingAnswer('commitment', await this.items.search(request), request);
  }

  /** Titles and roadmaps of commitments, by id. */
  async titles(ids: string[]): Promise<Map<string, { title: LocalizedText; roadmapId: string }>> {
    return new Map((await this.items.titles([...new Set(ids)])).map((i) => [i.id, { title: i.title, roadmapId: i.roadmapId }]));
  }

  /** A roadmap's commitments, as much as a dashboard row names, in the list's default order; null when no roadmap. */
  headsInRoadmap(roadmapId: string): Promise<ActionItemHead[] | null> {
    return this.items.headsInRoadmap(roadmapId);
  }

  /**
   * A roadmap's commitments with what its progress dashboard counts and names (status, progress, completion level,
   * consensus, overdue, working group, lead organization), by the same rules as the list view, from one query and
   * the working groups' names; null when there is no such roadmap.
   */
  async tallyInRoadmap(roadmapId: string): Promise<ActionItemTally[] | null> {
    const rows = await this.items.tallyRowsInRoadmap(roadmapId);
    if (!rows) return null;
    const groupNames = await this.workingGroups.namesOf(rows.map((r) => r.workingGroupId));
    return rows.map((row) => {
      const progress = progressFrom(row.milestonesTotal, row.milestonesDone, row.progressManual);
      return {
        id: row.id,
        title: row.title,
        dueDate: row.dueDate,
        status: row.status,
        progress,
        completionLevel: row.status === 'completed' ? 'completed' : completionLevel(progress),
        consensus: consensusOf(row.stances),
        overdue: isOverdue(row),
        workingGroup: row.workingGroupId ? { id: row.workingGroupId, name: groupNames.get(row.workingGroupId) ?? {} } : null,
        leadOrganization: row.leadOrganization,
      };
    });
  }

  /**
   * Milestones, current positions, supporters and working group names for many items, in four queries at once, then
   * the organizations they name in one more.
   */
  private async summaries(items: ActionItem[], read?: ReadAlready): Promise<Map<string, Summary>> {
    const ids = items.map((i) => i.id);
    const out = new Map<string, Summary>(ids.map((id) => [id, { milestones: [], stances: [], workingGroupName: null }]));
    if (!ids.length) return out;
    const [milestones, positions, groupNames, supporters] = await Promise.all([
      read?.milestones ?? this.items.milestoneCompletions(ids),
      read?.positions ?? this.positions.currentOf(ids),
      this.workingGroups.namesOf(items.map((i) => i.workingGroupId)),
      this.items.supporters(ids),
    ]);
    // By English name, the order supporters are listed in; positions read with their organization need no other.
    const organizations = await this.organizations.findMany([
      ...positions.filter((p) => !p.organization).map((p) => p.organizationId),
      ...supporters.map((s) => s.organizationId),
    ]);
    const organizationById = new Map(organizations.map((o) => [o.id, o]));
    const rank = new Map(organizations.map((o, index) => [o.id, index]));
    for (const item of items) item.supportingOrganizations = [];
    const byId = new Map(items.map((i) => [i.id, i]));
    for (const s of [...supporters].sort((a, b) => (rank.get(a.organizationId) ?? 0) - (rank.get(b.organizationId) ?? 0))) {
      const organization = organizationById.get(s.organizationId);
      if (organization) byId.get(s.actionItemId)!.supportingOrganizations.push(organization);
    }
    for (const m of milestones) out.get(m.actionItemId)!.milestones.push({ completedAt: m.completedAt });
    for (const p of positions) {
      const organization = p.organization ?? organizationById.get(p.organizationId);
      if (organization) out.get(p.actionItemId)!.stances.push({ constituency: organization.constituency, stance: p.stance });
    }
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
      voteResult: item.voteResult ?? null,
      createdAt: item.createdAt.toISOString(),
      updatedAt: item.updatedAt.toISOString(),
    };
  }

  async views(items: ActionItem[], read?: ReadAlready): Promise<ActionItemView[]> {
    const summaries = await this.summaries(items, read);
    return items.map((item) => this.toView(item, summaries.get(item.id)!));
  }

  async list(query: ActionItemQuery): Promise<{ items: ActionItemView[] }> {
    return { items: await this.views(await this.items.findMany(query)) };
  }

  /** The commitments promoted from a roundtable's decisions (for its record). */
  async promotedFrom(roundtableId: string): Promise<ActionItemView[]> {
    return this.views(await this.items.findByOriginRoundtable(roundtableId));
  }

  async exists(id: string): Promise<boolean> {
    return /^[0-9a-f-]{36}$/i.test(id) && this.items.exists(id);
  }

  /** A commitment's title (for naming its discussion in notifications), or null when there is none. */
  async titleOf(id: string): Promise<LocalizedText | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    return (await this.items.titles([id]))[0]?.title ?? null;
  }

  async find(id: string, tx?: Tx): Promise<ActionItem> {
    return orNotFound(await this.items.findWithLead(id, tx), 'Action item');
  }

  /** Staff, and members of the lead organization, move the commitment along. */
  private canDrive(user: AuthUser, item: ActionItem): boolean {
    return isStaff(user) || (user.role === 'member' && user.organizationId === item.leadOrganizationId);
  }

  async get(user: AuthUser, id: string): Promise<ActionItemDetailView> {
    const item = await this.find(id);
    // Its milestones and positions are read once, in full, and its summary made from them; what depends on nothing
    // else is read at the same time.
    const [milestones, positions, reasonTranslations] = await Promise.all([
      this.items.milestones(id),
      this.positions.currentWithOrganizations(id),
      item.statusReason ? this.translations.of('status_reason', [id]).then((byId) => byId.get(id) ?? []) : Promise.resolve([]),
    ]);
    const [[view], authors, translations] = await Promise.all([
      this.views([item], { milestones, positions }),
      this.authorNames(positions.map((p) => p.authorId)),
      this.translations.of(
        'position',
        positions.map((p) => p.id),
      ),
    ]);
    return {
      ...view,
      statusReasonTranslations: reasonTranslations,
      milestoneList: milestones.map(toMilestoneView),
      positions: positions.map((p) => toPositionView(p, authors, translations)),
      can: { changeStatus: this.canDrive(user, item), edit: isStaff(user), statePosition: user.role !== 'observer' },
    };
  }

  async authorNames(ids: (string | null)[]): Promise<Map<string, string>> {
    return this.users.displayNames(ids);
  }

  private async checkReferences(tx: Tx, refs: { leadOrganizationId?: string; supportingOrganizationIds?: string[]; workingGroupId?: string | null }) {
    if (refs.leadOrganizationId && !(await this.organizations.exists(refs.leadOrganizationId, tx))) {
      throw badRequest('leadOrganizationId', 'leadOrganizationId does not name an existing organization');
    }
    if (refs.supportingOrganizationIds?.length) {
      if (!(await this.organizations.allExist(refs.supportingOrganizationIds, tx))) {
        throw badRequest('supportingOrganizationIds', 'supportingOrganizationIds names an organization that does not exist');
      }
    }
    if (refs.workingGroupId) {
      if (!(await this.workingGroups.exists(refs.workingGroupId, tx)))
        throw badRequest('workingGroupId', 'workingGroupId does not name an existing working group');
    }
  }

  async create(user: AuthUser, dto: CreateActionItemDto): Promise<ActionItemDetailView> {
    const id = await this.unitOfWork.run(async (tx) => {
      if (!(await this.roadmaps.exists(dto.roadmapId, tx))) throw badRequest('roadmapId', 'roadmapId does not name an existing roadmap');
      await this.checkReferences(tx, dto);
      let origin: { roundtableId: string; text: LocalizedText } | null = null;
      if (dto.originDecisionId) origin = await this.decisions.claimForCommitment(tx, user, dto.originDecisionId);
      const title = dto.title ? cleanLocalizedText(dto.title) : origin!.text;
      const itemId = await this.items.insert(
        tx,
        {
          roadmapId: dto.roadmapId,
          title,
          description: cleanLocalizedText(dto.description),
          workingGroupId: dto.workingGroupId ?? null,
          leadOrganizationId: dto.leadOrganizationId,
          originRoundtableId: origin?.roundtableId ?? null,
          originDecisionId: dto.originDecisionId ?? null,
          dueDate: dto.dueDate ?? null,
          priority: dto.priority ?? 'medium',
          policyArea: dto.policyArea,
          progressManual: dto.progress ?? 0,
          createdById: user.id,
        },
        [...new Set(dto.supportingOrganizationIds ?? [])],
      );
      if (dto.originDecisionId) {
        await this.decisions.linkCommitment(tx, dto.originDecisionId, itemId);
        await this.activity.record(tx, {
          actorId: user.id,
          action: 'decision.promoted',
          entityType: 'roundtable',
          entityId: origin!.roundtableId,
          changes: { decisionId: dto.originDecisionId, actionItemId: itemId },
        });
      }
      await this.channels.ensureChannel('action_item', itemId, tx);
      await this.activity.recordBy(tx, user, 'action_item.created', itemId, {
        title,
        roadmapId: dto.roadmapId,
        status: 'proposed',
        originDecisionId: dto.originDecisionId ?? null,
      });
      return itemId;
    });
    return this.get(user, id);
  }

  async update(user: AuthUser, id: string, dto: UpdateActionItemDto): Promise<ActionItemDetailView> {
    await this.unitOfWork.run(async (tx) => {
      const item = await this.lock(tx, id);
      await this.checkReferences(tx, dto);
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
      await this.items.update(tx, id, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
      if (dto.supportingOrganizationIds) {
        const before = await this.items.supporterIds(tx, id);
        const after = [...new Set(dto.supportingOrganizationIds)].sort();
        if (JSON.stringify(before) !== JSON.stringify(after)) {
          await this.items.replaceSupporters(tx, id, after);
          changes.supportingOrganizationIds = { from: before, to: after };
        }
      }
      if (Object.keys(changes).length) {
        await this.activity.recordBy(tx, user, 'action_item.updated', id, dto.reason ? { ...changes, reason: dto.reason } : changes);
      }
    });
    return this.get(user, id);
  }

  private async lock(tx: Tx, id: string): Promise<ActionItem> {
    return orNotFound(await this.items.findByIdForUpdate(tx, id), 'Action item');
  }

  async changeStatus(user: AuthUser, id: string, dto: ChangeStatusDto): Promise<ActionItemDetailView> {
    const moved = await this.unitOfWork.run(async (tx) => {
      const item = await this.lock(tx, id);
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
      await this.items.update(tx, id, { status: dto.status, statusReason: reason });
      await this.activity.recordBy(tx, user, 'action_item.status_changed', id, { status: { from: item.status, to: dto.status }, reason });
      await this.events.notifyStatusChanged(tx, user, item, item.status, dto.status, reason);
      return { item, from: item.status };
    });
    const detail = await this.get(user, id);
    await this.events.statusChanged(user, moved.item, detail);
    return detail;
  }

  async history(id: string) {
    await this.find(id);
    return this.activity.list({ entityType: 'action_item', entityId: id, limit: 200 });
  }

  // Milestones

  private async assertCanEditMilestones(tx: Tx, user: AuthUser, id: string): Promise<ActionItem> {
    const item = await this.lock(tx, id);
    if (!this.canDrive(user, item)) throw forbidden('Only facilitators and members of the lead organization edit milestones');
    return item;
  }

  async listMilestones(id: string): Promise<{ items: MilestoneView[] }> {
    await this.find(id);
    const rows = await this.items.milestones(id);
    return { items: rows.map(toMilestoneView) };
  }

  async addMilestone(user: AuthUser, id: string, dto: CreateMilestoneDto): Promise<MilestoneView> {
    return this.unitOfWork.run(async (tx) => {
      await this.assertCanEditMilestones(tx, user, id);
      const next = await this.items.nextMilestonePosition(tx, id);
      const milestone = await this.items.insertMilestone(tx, {
        actionItemId: id,
        title: cleanLocalizedText(dto.title),
        dueDate: dto.dueDate ?? null,
        position: next,
      });
      await this.activity.record(tx, {
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
    return this.unitOfWork.run(async (tx) => {
      await this.assertCanEditMilestones(tx, user, id);
      const milestone = orNotFound(await this.items.findMilestone(tx, id, milestoneId), 'Milestone');
      const next: Partial<Milestone> = {};
      if (dto.title) next.title = cleanLocalizedText(dto.title);
      if (dto.dueDate !== undefined) next.dueDate = dto.dueDate;
      if (dto.completed !== undefined && dto.completed !== (milestone.completedAt !== null)) {
        next.completedAt = dto.completed ? new Date() : null;
      }
      const changes = diff(milestone, next);
      Object.assign(milestone, next);
      await this.items.saveMilestone(tx, milestone);
      if (Object.keys(changes).length) {
        await this.activity.record(tx, {
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
    await this.unitOfWork.run(async (tx) => {
      await this.assertCanEditMilestones(tx, user, id);
      const milestone = orNotFound(await this.items.findMilestone(tx, id, milestoneId), 'Milestone');
      await this.items.deleteMilestone(tx, milestoneId);
      await this.activity.record(tx, {
        actorId: user.id,
        action: 'milestone.removed',
        entityType: 'action_item',
        entityId: id,
        changes: { milestoneId, title: milestone.title },
      });
    });
  }

  // ---- for the votes module ----

  /** Those who may vote on the commitment, per constituency: members of the organizations leading or supporting it. */
  async electorate(id: string, tx?: Tx): Promise<Partial<Record<Constituency, number>>> {
    return Object.fromEntries((await this.items.countVoters(id, tx)).map((r) => [r.constituency, r.n]));
  }

  /** Each person who may vote on the commitment, with their constituency. */
  async voters(id: string): Promise<{ userId: string; constituency: Constituency }[]> {
    return this.items.voters(id);
  }

  /** The constituency of a person who may vote on the commitment, or null. */
  async voterConstituency(id: string, userId: string, tx?: Tx): Promise<Constituency | null> {
    return this.items.voterConstituency(id, userId, tx);
  }

  /** Inside the votes module's transaction: the commitment a vote is opened on, locked (404 when there is none). */
  async findForVote(tx: Tx, id: string): Promise<Pick<ActionItem, 'id' | 'status' | 'voteResult'>> {
    return orNotFound(await this.items.lockForVote(tx, id), 'Action item');
  }

  /** Inside the votes module's transaction: writes a closed vote's outcome and tallies onto the commitment. */
  async recordVoteResult(tx: Tx, id: string, result: NonNullable<ActionItem['voteResult']>): Promise<void> {
    await this.items.update(tx, id, { voteResult: result });
  }

  /**
   * For the demo loader, inside its transaction: writes a commitment with its supporters, milestones and positions as
   * given (no checks, no activity), and marks the decision it came from as promoted.
   */
  async importCommitment(
    tx: Tx,
    input: {
      item: NewActionItem;
      supportingOrganizationIds: string[];
      milestones: Pick<Milestone, 'title' | 'position' | 'completedAt'>[];
      positions: Pick<ConstituencyPosition, 'organizationId' | 'stance' | 'statement' | 'authorId'>[];
    },
  ): Promise<string> {
    const id = await this.items.insert(tx, input.item, input.supportingOrganizationIds);
    if (input.item.originDecisionId) await this.decisions.linkCommitment(tx, input.item.originDecisionId, id, false);
    await this.items.insertMilestones(
      tx,
      input.milestones.map((milestone) => ({ ...milestone, actionItemId: id, dueDate: null })),
    );
    await this.positions.insert(
      tx,
      input.positions.map((position) => ({ ...position, actionItemId: id })),
    );
    return id;
  }
}
