import { ChannelsService } from '../realtime/channels.service';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { ActivityService, type ActivityView, diff } from '../activity/activity.service';
import { type AuthUser, isStaff } from '../auth/auth-user';
import { badRequest, conflict, forbidden, notFound } from '../common/errors';
import { cleanLocalizedText, type LocalizedText } from '../common/localized-text';
import { decodeCursor, encodeCursor, type Page } from '../common/pagination';
import { queryPrepared } from '../database/prepared';
import type { Constituency } from '../organizations/entities/organization.entity';
import { toOrganizationView } from '../organizations/organizations.service';
import { tripartiteBalance, type TripartiteBalance } from '../shared/balance';
import { RoundtablesService } from '../roundtables/roundtables.service';
import { User } from '../users/entities/user.entity';
import {
  AddMemberDto,
  CreateWorkingGroupDto,
  MemberView,
  UpdateWorkingGroupDto,
  WorkingGroupHistoryQuery,
  WorkingGroupQuery,
  WorkingGroupStatusDto,
  WorkingGroupView,
} from './dto/working-group.dto';
import { WorkingGroupMember } from './entities/working-group-member.entity';
import { WorkingGroup, type WorkingGroupStatus } from './entities/working-group.entity';
import { checkWorkingGroupMove } from './working-group-status';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Microsecond-exact text of a timestamp, so that keyset cursors never skip or repeat a row. */
const exactTime = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Admins and facilitators run working groups. */
const canManage = (user: AuthUser) => isStaff(user);
/** The chair also keeps the membership of their own group. */
const canManageMembers = (user: AuthUser, group: Pick<WorkingGroup, 'chairId'>) => canManage(user) || group.chairId === user.id;

interface GroupExtras {
  members: Constituency[];
  isMember: boolean;
  formedByTitle: LocalizedText | undefined;
}

/** Expects g.chair.organization loaded. */
const toWorkingGroupView = (g: WorkingGroup, user: AuthUser, extras: GroupExtras): WorkingGroupView => ({
  id: g.id,
  name: g.name,
  mandate: g.mandate,
  chair: { id: g.chair.id, displayName: g.chair.displayName, organization: toOrganizationView(g.chair.organization) },
  formedByRoundtableId: g.formedByRoundtableId,
  formedByRoundtable: g.formedByRoundtableId && extras.formedByTitle ? { id: g.formedByRoundtableId, title: extras.formedByTitle } : null,
  status: g.status,
  memberCount: extras.members.length,
  verdict: tripartiteBalance(extras.members).verdict,
  isMember: extras.isMember,
  canManage: canManage(user),
  canManageMembers: canManageMembers(user, g),
  createdAt: g.createdAt.toISOString(),
  updatedAt: g.updatedAt.toISOString(),
});

/** Expects m.user.organization loaded. */
const toMemberView = (m: WorkingGroupMember, group: WorkingGroup): MemberView => ({
  userId: m.userId,
  displayName: m.user.displayName,
  organization: toOrganizationView(m.user.organization),
  constituency: m.user.organization.constituency,
  isChair: m.userId === group.chairId,
  addedAt: m.createdAt.toISOString(),
});

/** Working groups are public within the platform: every signed-in user reads them. */
@Injectable()
export class WorkingGroupsService {
  constructor(
    @InjectRepository(WorkingGroup) private readonly groups: Repository<WorkingGroup>,
    private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
    private readonly roundtables: RoundtablesService,
    private readonly channels: ChannelsService,
  ) {}

  /**
   * For the realtime module: null when the group does not exist; members, the chair and admins may post.
   * moderate (the chair, admins and facilitators) is extra, for channel moderation.
   */
  async access(user: AuthUser, workingGroupId: string): Promise<{ read: boolean; post: boolean; moderate: boolean } | null> {
    if (!UUID.test(workingGroupId)) return null;
    // Asked at every post in a group's discussion (ChannelsService.authorizePost, reused a moment): one prepared query.
    const [group] = await queryPrepared<{ chairId: string; member: boolean }>(
      this.dataSource,
      'working_group_access',
      `SELECT g.chair_id AS "chairId",
              EXISTS (SELECT 1 FROM working_group_members m WHERE m.working_group_id = g.id AND m.user_id = $2) AS member
         FROM working_groups g WHERE g.id = $1`,
      [workingGroupId, user.id],
    );
    if (!group) return null;
    const post = user.role === 'admin' || group.chairId === user.id || group.member;
    return { read: true, post, moderate: canManageMembers(user, group) };
  }

  private async findGroup(manager: EntityManager, id: string, lock = false): Promise<WorkingGroup> {
    const group = await manager.findOne(WorkingGroup, { where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    if (!group) throw notFound('Working group');
    return group;
  }

  /** Each group's members' constituencies, and whether the viewer is one of them. */
  private async extras(user: AuthUser, groups: WorkingGroup[]): Promise<Map<string, GroupExtras>> {
    const ids = groups.map((g) => g.id);
    const rows = ids.length
      ? await this.dataSource.manager
          .createQueryBuilder(WorkingGroupMember, 'm')
          .innerJoin('m.user', 'u')
          .innerJoin('u.organization', 'o')
          .select('m.working_group_id', 'groupId')
          .addSelect('m.user_id', 'userId')
          .addSelect('o.constituency', 'constituency')
          .where('m.working_group_id IN (:...ids)', { ids })
          .getRawMany<{ groupId: string; userId: string; constituency: Constituency }>()
      : [];
    const titles = await this.roundtables.titlesVisibleTo(
      user,
      groups.map((g) => g.formedByRoundtableId).filter((id): id is string => id !== null),
    );
    return new Map(
      groups.map((g) => {
        const mine = rows.filter((r) => r.groupId === g.id);
        return [
          g.id,
          {
            members: mine.map((r) => r.constituency),
            isMember: mine.some((r) => r.userId === user.id),
            formedByTitle: g.formedByRoundtableId ? titles.get(g.formedByRoundtableId) : undefined,
          },
        ];
      }),
    );
  }

  async list(user: AuthUser, query: WorkingGroupQuery): Promise<Page<WorkingGroupView>> {
    const limit = query.limit ?? 50;
    const qb = this.groups
      .createQueryBuilder('g')
      .innerJoinAndSelect('g.chair', 'c')
      .innerJoinAndSelect('c.organization', 'co')
      .addSelect(exactTime('g.created_at'), 'sort_key')
      .orderBy('g.createdAt', 'DESC')
      .addOrderBy('g.id', 'DESC')
      .limit(limit + 1);
    if (query.status) qb.andWhere('g.status = :status', { status: query.status });
    if (query.formedByRoundtableId) qb.andWhere('g.formed_by_roundtable_id = :rt', { rt: query.formedByRoundtableId });
    if (query.q) {
      qb.andWhere("(g.name->>'en' ILIKE :q OR g.name->>'zh' ILIKE :q)", { q: `%${query.q.replace(/[\\%_]/g, '\\$&')}%` });
    }
    if (query.cursor) {
      const cursor = decodeCursor<{ c?: unknown; id?: unknown }>(query.cursor);
      if (typeof cursor?.c !== 'string' || Number.isNaN(Date.parse(cursor.c)) || typeof cursor.id !== 'string' || !UUID.test(cursor.id)) {
        throw badRequest('cursor', 'cursor is malformed; pass back the nextCursor of a previous page');
      }
      qb.andWhere('(g.created_at, g.id) < (CAST(:cursorC AS timestamptz), CAST(:cursorId AS uuid))', { cursorC: cursor.c, cursorId: cursor.id });
    }
    const { entities, raw } = await qb.getRawAndEntities<{ g_id: string; sort_key: string }>();
    const page = entities.slice(0, limit);
    const sortKeys = new Map(raw.map((row) => [row.g_id, row.sort_key]));
    const extras = await this.extras(user, page);
    const last = page[page.length - 1];
    return {
      items: page.map((g) => toWorkingGroupView(g, user, extras.get(g.id)!)),
      nextCursor: entities.length > limit ? encodeCursor({ c: sortKeys.get(last.id), id: last.id }) : null,
    };
  }

  async get(user: AuthUser, id: string): Promise<WorkingGroupView> {
    const group = await this.groups.findOne({ where: { id }, relations: { chair: { organization: true } } });
    if (!group) throw notFound('Working group');
    const extras = await this.extras(user, [group]);
    return toWorkingGroupView(group, user, extras.get(id)!);
  }

  private async checkChair(manager: EntityManager, chairId: string) {
    if (!(await manager.existsBy(User, { id: chairId, active: true }))) throw badRequest('chairId', 'chairId does not name an active user');
  }

  /** A group may only point at a roundtable its creator can see, so that it cannot reveal a hidden one. */
  private async checkRoundtable(actor: AuthUser, roundtableId: string | null | undefined) {
    if (roundtableId && !(await this.roundtables.access(actor, roundtableId))) {
      throw badRequest('formedByRoundtableId', 'formedByRoundtableId does not name a roundtable you can see');
    }
  }

  private async ensureMember(manager: EntityManager, actor: AuthUser, workingGroupId: string, userId: string): Promise<boolean> {
    if (await manager.existsBy(WorkingGroupMember, { workingGroupId, userId })) return false;
    await manager.insert(WorkingGroupMember, { workingGroupId, userId, addedById: actor.id });
    return true;
  }

  async create(actor: AuthUser, dto: CreateWorkingGroupDto): Promise<WorkingGroupView> {
    await this.checkRoundtable(actor, dto.formedByRoundtableId);
    const id = await this.dataSource.transaction(async (manager) => {
      await this.checkChair(manager, dto.chairId);
      const group = await manager.save(
        manager.create(WorkingGroup, {
          name: cleanLocalizedText(dto.name),
          mandate: cleanLocalizedText(dto.mandate),
          chairId: dto.chairId,
          formedByRoundtableId: dto.formedByRoundtableId ?? null,
          status: 'active',
          createdById: actor.id,
        }),
      );
      await this.ensureMember(manager, actor, group.id, dto.chairId);
      await this.channels.ensureChannel('working_group', group.id, manager);
      await this.activity.record(manager, {
        actorId: actor.id,
        action: 'working_group.created',
        entityType: 'working_group',
        entityId: group.id,
        changes: { name: group.name, mandate: group.mandate, chairId: group.chairId, formedByRoundtableId: group.formedByRoundtableId },
      });
      return group.id;
    });
    return this.get(actor, id);
  }

  /** Applies a status move inside the caller's transaction: 409 naming the allowed moves, 403 for a non-admin reopening. */
  private async moveStatus(manager: EntityManager, actor: AuthUser, group: WorkingGroup, to: WorkingGroupStatus, reason?: string) {
    const from = group.status;
    const check = checkWorkingGroupMove(from, to, actor.role === 'admin');
    if (!check.ok && check.problem === 'not_allowed') {
      throw conflict(`Cannot move from ${from} to ${to}; allowed: ${check.allowed.join(', ')}`, { allowed: check.allowed });
    }
    if (!check.ok) throw forbidden('Only an admin can reactivate a closed working group');
    await manager.update(WorkingGroup, { id: group.id }, { status: to });
    const why = reason?.trim();
    await this.activity.record(manager, {
      actorId: actor.id,
      action: 'working_group.status_changed',
      entityType: 'working_group',
      entityId: group.id,
      changes: { status: { from, to }, ...(why ? { reason: why } : {}) },
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateWorkingGroupDto): Promise<WorkingGroupView> {
    await this.dataSource.transaction(async (manager) => {
      const group = await this.findGroup(manager, id, true);
      if (dto.chairId && dto.chairId !== group.chairId) await this.checkChair(manager, dto.chairId);
      if (dto.formedByRoundtableId && dto.formedByRoundtableId !== group.formedByRoundtableId) {
        await this.checkRoundtable(actor, dto.formedByRoundtableId);
      }
      // A status given in PATCH follows the same rules as POST /status; repeating the current one changes nothing.
      if (dto.status !== undefined && dto.status !== group.status) {
        const check = checkWorkingGroupMove(group.status, dto.status, actor.role === 'admin');
        if (!check.ok && check.problem === 'admin_only') throw forbidden('Only an admin can reactivate a closed working group');
      }
      const next = {
        name: dto.name ? cleanLocalizedText(dto.name) : undefined,
        mandate: dto.mandate ? cleanLocalizedText(dto.mandate) : undefined,
        chairId: dto.chairId,
        formedByRoundtableId: dto.formedByRoundtableId,
      };
      const changes = diff(group, next);
      if (Object.keys(changes).length) {
        await manager.update(WorkingGroup, { id }, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
        if (dto.chairId) await this.ensureMember(manager, actor, id, dto.chairId);
        await this.activity.record(manager, { actorId: actor.id, action: 'working_group.updated', entityType: 'working_group', entityId: id, changes });
      }
      if (dto.status !== undefined && dto.status !== group.status) await this.moveStatus(manager, actor, group, dto.status);
    });
    return this.get(actor, id);
  }

  async changeStatus(actor: AuthUser, id: string, dto: WorkingGroupStatusDto): Promise<WorkingGroupView> {
    await this.dataSource.transaction(async (manager) => {
      const group = await this.findGroup(manager, id, true);
      await this.moveStatus(manager, actor, group, dto.status, dto.reason);
    });
    return this.get(actor, id);
  }

  private async memberViews(group: WorkingGroup, userIds?: string[]): Promise<MemberView[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(WorkingGroupMember, 'm')
      .innerJoinAndSelect('m.user', 'u')
      .innerJoinAndSelect('u.organization', 'o')
      .where('m.workingGroupId = :id', { id: group.id })
      .orderBy('u.displayName');
    if (userIds) qb.andWhere('m.userId IN (:...userIds)', { userIds });
    return (await qb.getMany()).map((m) => toMemberView(m, group));
  }

  async members(user: AuthUser, id: string): Promise<{ items: MemberView[] }> {
    const group = await this.findGroup(this.dataSource.manager, id);
    const items = await this.memberViews(group);
    // The chair first, then by name.
    return { items: [...items.filter((m) => m.isChair), ...items.filter((m) => !m.isChair)] };
  }

  async addMember(actor: AuthUser, id: string, dto: AddMemberDto): Promise<MemberView> {
    const group = await this.dataSource.transaction(async (manager) => {
      const group = await this.findGroup(manager, id, true);
      if (!canManageMembers(actor, group)) throw forbidden('Only facilitators, admins and the chair can change the members');
      if (!(await manager.existsBy(User, { id: dto.userId, active: true }))) throw badRequest('userId', 'userId does not name an active user');
      if (!(await this.ensureMember(manager, actor, id, dto.userId))) throw conflict('This user is already a member');
      await this.activity.record(manager, {
        actorId: actor.id,
        action: 'working_group.member_added',
        entityType: 'working_group',
        entityId: id,
        changes: { userId: dto.userId },
      });
      return group;
    });
    const [view] = await this.memberViews(group, [dto.userId]);
    return view;
  }

  async removeMember(actor: AuthUser, id: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const group = await this.findGroup(manager, id, true);
      if (!canManageMembers(actor, group)) throw forbidden('Only facilitators, admins and the chair can change the members');
      if (!(await manager.existsBy(WorkingGroupMember, { workingGroupId: id, userId }))) throw notFound('Member');
      if (group.chairId === userId) throw conflict('The chair cannot leave the group; appoint another chair first');
      await manager.delete(WorkingGroupMember, { workingGroupId: id, userId });
      await this.activity.record(manager, {
        actorId: actor.id,
        action: 'working_group.member_removed',
        entityType: 'working_group',
        entityId: id,
        changes: { userId },
      });
    });
    // A former member leaves the group's discussion room at once; they may rejoin to read, but no longer post.
    await this.channels.evict(userId, { kind: 'working_group', refId: id });
  }

  async balance(user: AuthUser, id: string): Promise<TripartiteBalance> {
    const group = await this.findGroup(this.dataSource.manager, id);
    const extras = await this.extras(user, [group]);
    return tripartiteBalance(extras.get(id)!.members);
  }

  async history(user: AuthUser, id: string, query: WorkingGroupHistoryQuery): Promise<Page<ActivityView>> {
    await this.findGroup(this.dataSource.manager, id);
    return this.activity.list({ entityType: 'working_group', entityId: id, limit: query.limit, cursor: query.cursor });
  }
}
