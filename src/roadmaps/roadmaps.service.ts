import { Injectable } from '@nestjs/common';
import { ActivityService, diff } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, notFound, orNotFound } from '../common/errors';
import { cleanLocalizedText, type LocalizedText } from '../common/localized-text';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import { OrganizationReferences, toOrganizationView } from '../organizations/organization-references.service';
import { ActionItemsRepository } from './action-items.repository';
import { ActionItemsService } from './action-items.service';
import { ActionItemTally, ActionItemView, CreateRoadmapDto, RoadmapView, UpdateRoadmapDto } from './dto/roadmap.dto';
import type { Roadmap } from './entities/roadmap.entity';
import { PositionsRepository } from './positions.repository';
import { RoadmapsRepository } from './roadmaps.repository';
import { ACTION_ITEM_STATUSES, COMPLETION_LEVELS, CONSENSUS_STATES } from '../shared/enums';

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Counts by status, completion level and consensus, overdue items and average progress, over some commitments. */
export function tally(items: Pick<ActionItemView, 'status' | 'completionLevel' | 'consensus' | 'overdue' | 'progress'>[]) {
  const byStatus = zeroes(ACTION_ITEM_STATUSES);
  const byCompletionLevel = zeroes(COMPLETION_LEVELS);
  const byConsensus = zeroes(CONSENSUS_STATES);
  for (const item of items) {
    byStatus[item.status]++;
    byCompletionLevel[item.completionLevel]++;
    byConsensus[item.consensus]++;
  }
  const live = items.filter((i) => i.status !== 'dropped');
  return {
    total: items.length,
    byStatus,
    overdue: items.filter((i) => i.overdue).length,
    // Dropped commitments are not expected to progress, so they do not pull the average down.
    averageProgress: live.length ? Math.round(live.reduce((sum, i) => sum + i.progress, 0) / live.length) : 0,
    byCompletionLevel,
    byConsensus,
  };
}

const csvCell = (value: string | number | boolean | null | undefined) => {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote always; neutralise spreadsheet formulas in user text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
};

@Injectable()
export class RoadmapsService {
  constructor(
    private readonly roadmaps: RoadmapsRepository,
    private readonly items: ActionItemsRepository,
    private readonly positions: PositionsRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly activity: ActivityService,
    private readonly actionItems: ActionItemsService,
    private readonly organizations: OrganizationReferences,
  ) {}

  private async views(rows: Roadmap[]): Promise<RoadmapView[]> {
    const byId = await this.items.countByRoadmap(rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      description: r.description,
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      ownerOrganization: toOrganizationView(r.ownerOrganization),
      itemCount: byId.get(r.id) ?? 0,
      public: r.isPublic,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  async list(): Promise<{ items: RoadmapView[] }> {
    const rows = await this.roadmaps.listWithOwners();
    return { items: await this.views(rows) };
  }

  async exists(id: string): Promise<boolean> {
    return this.roadmaps.exists(id);
  }

  private async find(id: string): Promise<Roadmap> {
    return orNotFound(await this.roadmaps.findWithOwner(id), 'Roadmap');
  }

  async get(id: string): Promise<RoadmapView> {
    return (await this.views([await this.find(id)]))[0];
  }

  /** The roadmaps published on the public portal, latest period first. */
  async listPublic(): Promise<RoadmapView[]> {
    return this.views(await this.roadmaps.listWithOwners({ publicOnly: true }));
  }

  /** A published roadmap; 404 when there is none or it is not published (a reader cannot tell which). */
  async getPublic(id: string): Promise<RoadmapView> {
    const roadmap = await this.roadmaps.findWithOwner(id);
    if (!roadmap?.isPublic) throw notFound('Roadmap');
    return (await this.views([roadmap]))[0];
  }

  async create(user: AuthUser, dto: CreateRoadmapDto): Promise<RoadmapView> {
    if (dto.periodEnd < dto.periodStart) throw badRequest('periodEnd', 'periodEnd must not be before periodStart');
    const id = await this.unitOfWork.run(async (tx) => {
      if (!(await this.organizations.exists(dto.ownerOrganizationId, tx))) {
        throw badRequest('ownerOrganizationId', 'ownerOrganizationId does not name an existing organization');
      }
      const roadmap = await this.roadmaps.insert(tx, {
        title: cleanLocalizedText(dto.title),
        description: cleanLocalizedText(dto.description),
        periodStart: dto.periodStart,
        periodEnd: dto.periodEnd,
        ownerOrganizationId: dto.ownerOrganizationId,
        createdById: user.id,
      });
      await this.activity.recordBy(tx, user, 'roadmap.created', roadmap.id, { title: roadmap.title, period: `${dto.periodStart}–${dto.periodEnd}` });
      return roadmap.id;
    });
    return this.get(id);
  }

  async update(user: AuthUser, id: string, dto: UpdateRoadmapDto): Promise<RoadmapView> {
    await this.unitOfWork.run(async (tx) => {
      const roadmap = orNotFound(await this.roadmaps.findByIdForUpdate(tx, id), 'Roadmap');
      const start = dto.periodStart ?? roadmap.periodStart;
      const end = dto.periodEnd ?? roadmap.periodEnd;
      if (end < start) throw badRequest('periodEnd', 'periodEnd must not be before periodStart');
      if (dto.ownerOrganizationId && !(await this.organizations.exists(dto.ownerOrganizationId, tx))) {
        throw badRequest('ownerOrganizationId', 'ownerOrganizationId does not name an existing organization');
      }
      const next = {
        title: dto.title ? cleanLocalizedText(dto.title) : undefined,
        description: dto.description ? cleanLocalizedText(dto.description) : undefined,
        periodStart: dto.periodStart,
        periodEnd: dto.periodEnd,
        ownerOrganizationId: dto.ownerOrganizationId,
        isPublic: dto.public,
      };
      const { isPublic, ...changes } = diff(roadmap, next);
      await this.roadmaps.update(tx, id, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
      if (Object.keys(changes).length) {
        await this.activity.recordBy(tx, user, 'roadmap.updated', id, changes);
      }
      // Publishing is its own entry in the audit log: who put the roadmap in front of the public, and who took it off.
      if (isPublic) {
        await this.activity.recordBy(tx, user, dto.public ? 'roadmap.published' : 'roadmap.unpublished', id, { public: { from: !dto.public, to: dto.public } });
      }
    });
    return this.get(id);
  }

  async progress(id: string) {
    const items = orNotFound(await this.actionItems.tallyInRoadmap(id), 'Roadmap');
    const group = <K>(keyOf: (i: ActionItemTally) => K, labelOf: (i: ActionItemTally) => unknown) => {
      const groups = new Map<K, ActionItemTally[]>();
      for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
      return [...groups.values()].map((members) => ({ ...(labelOf(members[0]) as object), ...tally(members) }));
    };
    return {
      roadmapId: id,
      ...tally(items),
      overdueItems: items
        .filter((i) => i.overdue)
        .map((i) => ({ id: i.id, title: i.title, dueDate: i.dueDate, status: i.status, leadOrganization: i.leadOrganization })),
      byWorkingGroup: group(
        (i) => i.workingGroup?.id ?? null,
        (i) => ({ workingGroup: i.workingGroup }),
      ),
      byLeadConstituency: group(
        (i) => i.leadOrganization.constituency,
        (i) => ({ constituency: i.leadOrganization.constituency }),
      ),
    };
  }

  /** The roadmap as a spreadsheet: one row per commitment, UTF-8 with a byte-order mark so Excel reads Chinese. */
  async exportCsv(id: string): Promise<{ filename: string; body: string }> {
    const roadmap = await this.find(id);
    const { items } = await this.actionItems.list({ roadmapId: id, limit: 10_000 });
    const positions = await this.currentPositions(items.map((i) => i.id));
    const header = [
      'id',
      'title_en',
      'title_zh',
      'status',
      'status_reason',
      'priority',
      'policy_area',
      'lead_organization',
      'lead_constituency',
      'supporting_organizations',
      'working_group',
      'due_date',
      'overdue',
      'progress',
      'completion_level',
      'consensus',
      'positions',
      'origin_roundtable_id',
      'origin_decision_id',
    ];
    const name = (t: LocalizedText | null | undefined) => t?.en ?? t?.zh ?? '';
    const lines = items.map((i) =>
      [
        i.id,
        i.title.en ?? '',
        i.title.zh ?? '',
        i.status,
        i.statusReason,
        i.priority,
        i.policyArea,
        name(i.leadOrganization.name),
        i.leadOrganization.constituency,
        i.supportingOrganizations.map((o) => name(o.name)).join('; '),
        name(i.workingGroup?.name),
        i.dueDate,
        i.overdue,
        i.progress,
        i.completionLevel,
        i.consensus,
        positions
          .filter((p) => p.action_item_id === i.id)
          .map((p) => `${name(p.name)} (${p.constituency}): ${p.stance}`)
          .join('; '),
        i.origin.roundtableId,
        i.origin.decisionId,
      ]
        .map(csvCell)
        .join(','),
    );
    const slug =
      (roadmap.title.en ?? 'roadmap')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'roadmap';
    return { filename: `${slug}-${roadmap.periodStart}-${roadmap.periodEnd}.csv`, body: '\uFEFF' + [header.join(','), ...lines].join('\r\n') + '\r\n' };
  }

  /** The items' current positions with their organizations' names and constituencies, by constituency. */
  private async currentPositions(itemIds: string[]) {
    const rows = await this.positions.currentOf(itemIds);
    const organizations = new Map((await this.organizations.findMany(rows.map((p) => p.organizationId))).map((o) => [o.id, o]));
    return rows
      .filter((p) => organizations.has(p.organizationId))
      .map((p) => {
        const { name, constituency } = organizations.get(p.organizationId)!;
        return { action_item_id: p.actionItemId, name, constituency: constituency, stance: p.stance };
      })
      .sort((a, b) => (a.constituency < b.constituency ? -1 : a.constituency > b.constituency ? 1 : 0));
  }

  /** For the demo loader: whether a roadmap with this English title is there. */
  async existsWithTitle(title: string, tx?: Tx): Promise<boolean> {
    return this.roadmaps.existsWithEnglishTitle(title, tx);
  }

  /** For the demo loader, inside its transaction: writes a roadmap as given (no checks, no activity). */
  async importRoadmap(
    tx: Tx,
    row: Pick<Roadmap, 'title' | 'description' | 'periodStart' | 'periodEnd' | 'ownerOrganizationId' | 'createdById'>,
  ): Promise<string> {
    return (await this.roadmaps.insert(tx, row)).id;
  }
}
