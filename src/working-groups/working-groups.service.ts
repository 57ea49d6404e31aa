import type { MyThing } from '../realtime/channel-access.registry';
import { ChannelsService } from '../realtime/channels.service';
import { Injectable } from '@nestjs/common';
import { ActivityService, type ActivityView, diff } from '../activity/activity.service';
import { type AuthUser, isStaff } from '../auth/auth-user';
import { badRequest, conflict, forbidden, notFound, orNotFound } from '../common/errors';
import { cleanLocalizedText, type LocalizedText } from '../common/localized-text';
import { encodeCursor, type Page, readCursor } from '../common/pagination';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import type { Constituency } from '../organizations/entities/organization.entity';
import { toOrganizationView } from '../organizations/organizations.service';
import { tripartiteBalance, type TripartiteBalance } from '../shared/balance';
import { genderBalance, type GenderBalance } from '../shared/gender-balance';
import type { Sex } from '../shared/enums';
import { RoundtablesService } from '../roundtables/roundtables.service';
import { UsersService } from '../users/users.service';
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
import type { WorkingGroupMember } from './entities/working-group-member.entity';
import type { WorkingGroup, WorkingGroupStatus } from './entities/working-group.entity';
import { checkWorkingGroupMove } from './working-group-status';
import { WorkingGroupsRepository } from './working-groups.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Admins and facilitators run working groups. */
const canManage = (user: AuthUser) => isStaff(user);
/** The chair also keeps the membership of their own group. */
const canManageMembers = (user: AuthUser, group: Pick<WorkingGroup, 'chairId'>) => canManage(user) || group.chairId === user.id;

interface GroupExtras {
  members: Constituency[];
  /** The same members with their self-declared sex, for the gender balance. */
  people: { constituency: Constituency; sex: Sex | null }[];
  isMember: boolean;
  formedByTitle: LocalizedText | undefined;
}

/** Expects g.chair.organization loaded. */
const toWorkingGroupView = (g: WorkingGroup, user: AuthUser, extras: GroupExtras): WorkingGroupView => ({
  id: g.id,
  name: g.name,
  mandate: g.mandate,
  chair: { id: g.chair.id, displayName: g.chair.displayName, organization: toOrganizationView(g.chair.organization) },
  // Only when the viewer may see that roundtable: a private roundtable's id is not given away through its groups.
  formedByRoundtableId: extras.formedByTitle ? g.formedByRoundtableId : null,
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
    private readonly groups: WorkingGroupsRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly activity: ActivityService,
    private readonly roundtables: RoundtablesService,
    private readonly channels: ChannelsService,
    private readonly users: UsersService,
  ) {}

  /**
   * For the realtime module: null when the group does not exist; members, the chair and admins may post.
   * moderate (the chair, admins and facilitators) is extra, for channel moderation.
   */
  async access(user: AuthUser, workingGroupId: string): Promise<{ read: boolean; post: boolean; moderate: boolean } | null> {
    if (!UUID.test(workingGroupId)) return null;
    const group = await this.groups.chairAndMembership(workingGroupId, user.id);
    if (!group) return null;
    const post = user.role === 'admin' || group.chairId === user.id || group.member;
    return { read: true, post, moderate: canManageMembers(user, group) };
  }

  private async findGroup(tx: Tx | undefined, id: string, lock = false): Promise<WorkingGroup> {
    return orNotFound(await this.groups.findById(id, tx, lock), 'Working group');
  }

  /** The groups a person chairs or belongs to, for their list of channels. */
  async ofPerson(user: AuthUser): Promise<MyThing[]> {
    return this.groups.ofPerson(user.id);
  }

  /** For other modules checking a reference they are given. */
  async exists(id: string, tx?: Tx): Promise<boolean> {
    return this.groups.exists(id, tx);
  }

  /** Names of the given groups; unknown ids are left out. */
  async namesOf(ids: (string | null)[]): Promise<Map<string, LocalizedText>> {
    const unique = [...new Set(ids.filter((id): id is string => !!id))];
    return new Map((await this.groups.namesOf(unique)).map((g) => [g.id, g.name]));
  }

  /** Ids of the group's members who are still active. */
  async activeMemberIds(id: string): Promise<string[]> {
    return this.users.activeAmong(await this.groups.memberIds(id));
  }

  /** Each group's members' constituencies, and whether the viewer is one of them. */
  private async extras(user: AuthUser, groups: WorkingGroup[]): Promise<Map<string, GroupExtras>> {
    const ids = groups.map((g) => g.id);
    const rows = await this.groups.memberConstituencies(ids);
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
            people: mine.map((r) => ({ constituency: r.constituency, sex: r.sex })),
            isMember: mine.some((r) => r.userId === user.id),
            formedByTitle: g.formedByRoundtableId ? titles.get(g.formedByRoundtableId) : undefined,
          },
        ];
      }),
    );
  }

  async list(user: AuthUser, query: WorkingGroupQuery): Promise<Page<WorkingGroupView>> {
    const limit = query.limit ?? 50;
    const cursor = readCursor(query.cursor, { c: 'timestamp', id: 'uuid' });
    const before = cursor ? { createdAt: cursor.c, id: cursor.id } : undefined;
    // Filtering by a roundtable the viewer cannot see finds nothing, rather than telling which groups it formed.
    if (query.formedByRoundtableId && !(await this.roundtables.access(user, query.formedByRoundtableId))) return { items: [], nextCursor: null };
    const { rows: entities, sortKeys } = await this.groups.findPage({
      status: query.status,
      formedByRoundtableId: query.formedByRoundtableId,
      q: query.q,
      before,
      limit: limit + 1,
    });
    const page = entities.slice(0, limit);
    const extras = await this.extras(user, page);
    const last = page[page.length - 1];
    return {
      items: page.map((g) => toWorkingGroupView(g, user, extras.get(g.id)!)),
      nextCursor: entities.length > limit ? encodeCursor({ c: sortKeys.get(last.id), id: last.id }) : null,
    };
  }

  async get(user: AuthUser, id: string): Promise<WorkingGroupView> {
    const group = orNotFound(await this.groups.findWithChair(id), 'Working group');
    const extras = await this.extras(user, [group]);
    return toWorkingGroupView(group, user, extras.get(id)!);
  }

  private async checkChair(tx: Tx, chairId: string) {
    if (!(await this.users.isActive(chairId, tx))) throw badRequest('chairId', 'chairId does not name an active user');
  }

  /** A group may only point at a roundtable its creator can see, so that it cannot reveal a hidden one. */
  private async checkRoundtable(actor: AuthUser, roundtableId: string | null | undefined) {
    if (roundtableId && !(await this.roundtables.access(actor, roundtableId))) {
      throw badRequest('formedByRoundtableId', 'formedByRoundtableId does not name a roundtable you can see');
    }
  }

  private async ensureMember(tx: Tx, actor: AuthUser, workingGroupId: string, userId: string): Promise<boolean> {
    if (await this.groups.isMember(workingGroupId, userId, tx)) return false;
    await this.groups.insertMembers(tx, [{ workingGroupId, userId, addedById: actor.id }]);
    return true;
  }

  async create(actor: AuthUser, dto: CreateWorkingGroupDto): Promise<WorkingGroupView> {
    await this.checkRoundtable(actor, dto.formedByRoundtableId);
    const id = await this.unitOfWork.run(async (tx) => {
      await this.checkChair(tx, dto.chairId);
      const group = await this.groups.insert(tx, {
        name: cleanLocalizedText(dto.name),
        mandate: cleanLocalizedText(dto.mandate),
        chairId: dto.chairId,
        formedByRoundtableId: dto.formedByRoundtableId ?? null,
        status: 'active',
        createdById: actor.id,
      });
      await this.ensureMember(tx, actor, group.id, dto.chairId);
      await this.channels.ensureChannel('working_group', group.id, tx);
      await this.activity.recordBy(tx, actor, 'working_group.created', group.id, {
        name: group.name,
        mandate: group.mandate,
        chairId: group.chairId,
        formedByRoundtableId: group.formedByRoundtableId,
      });
      return group.id;
    });
    return this.get(actor, id);
  }

  /** Applies a status move inside the caller's transaction: 409 naming the allowed moves, 403 for a non-admin reopening. */
  private async moveStatus(tx: Tx, actor: AuthUser, group: WorkingGroup, to: WorkingGroupStatus, reason?: string) {
    const from = group.status;
    const check = checkWorkingGroupMove(from, to, actor.role === 'admin');
    if (!check.ok && check.problem === 'not_allowed') {
      throw conflict(`Cannot move from ${from} to ${to}; allowed: ${check.allowed.join(', ')}`, { allowed: check.allowed });
    }
    if (!check.ok) throw forbidden('Only an admin can reactivate a closed working group');
    await this.groups.update(tx, group.id, { status: to });
    const why = reason?.trim();
    await this.activity.recordBy(tx, actor, 'working_group.status_changed', group.id, { status: { from, to }, ...(why ? { reason: why } : {}) });
  }

  async update(actor: AuthUser, id: string, dto: UpdateWorkingGroupDto): Promise<WorkingGroupView> {
    await this.unitOfWork.run(async (tx) => {
      const group = await this.findGroup(tx, id, true);
      if (dto.chairId && dto.chairId !== group.chairId) await this.checkChair(tx, dto.chairId);
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
        await this.groups.update(tx, id, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
        if (dto.chairId) await this.ensureMember(tx, actor, id, dto.chairId);
        await this.activity.recordBy(tx, actor, 'working_group.updated', id, changes);
      }
      if (dto.status !== undefined && dto.status !== group.status) await this.moveStatus(tx, actor, group, dto.status);
    });
    return this.get(actor, id);
  }

  async changeStatus(actor: AuthUser, id: string, dto: WorkingGroupStatusDto): Promise<WorkingGroupView> {
    await this.unitOfWork.run(async (tx) => {
      const group = await this.findGroup(tx, id, true);
      await this.moveStatus(tx, actor, group, dto.status, dto.reason);
    });
    return this.get(actor, id);
  }

  private async memberViews(group: WorkingGroup, userIds?: string[]): Promise<MemberView[]> {
    return (await this.groups.membersWithPeople(group.id, userIds)).map((m) => toMemberView(m, group));
  }

  async members(user: AuthUser, id: string): Promise<{ items: MemberView[] }> {
    const group = await this.findGroup(undefined, id);
    const items = await this.memberViews(group);
    // The chair first, then by name.
    return { items: [...items.filter((m) => m.isChair), ...items.filter((m) => !m.isChair)] };
  }

  async addMember(actor: AuthUser, id: string, dto: AddMemberDto): Promise<MemberView> {
    const group = await this.unitOfWork.run(async (tx) => {
      const group = await this.findGroup(tx, id, true);
      if (!canManageMembers(actor, group)) throw forbidden('Only facilitators, admins and the chair can change the members');
      if (!(await this.users.isActive(dto.userId, tx))) throw badRequest('userId', 'userId does not name an active user');
      if (!(await this.ensureMember(tx, actor, id, dto.userId))) throw conflict('This user is already a member');
      await this.activity.recordBy(tx, actor, 'working_group.member_added', id, { userId: dto.userId });
      return group;
    });
    const [view] = await this.memberViews(group, [dto.userId]);
    return view;
  }

  async removeMember(actor: AuthUser, id: string, userId: string): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const group = await this.findGroup(tx, id, true);
      if (!canManageMembers(actor, group)) throw forbidden('Only facilitators, admins and the chair can change the members');
      if (!(await this.groups.isMember(id, userId, tx))) throw notFound('Member');
      if (group.chairId === userId) throw conflict('The chair cannot leave the group; appoint another chair first');
      await this.groups.deleteMember(tx, id, userId);
      await this.activity.recordBy(tx, actor, 'working_group.member_removed', id, { userId });
    });
    // A former member leaves the group's discussion room at once; they may rejoin to read, but no longer post.
    await this.channels.evict(userId, { kind: 'working_group', refId: id });
  }

  async balance(user: AuthUser, id: string): Promise<TripartiteBalance & { gender: GenderBalance }> {
    const group = await this.findGroup(undefined, id);
    const extras = await this.extras(user, [group]).then((all) => all.get(id)!);
    return { ...tripartiteBalance(extras.members), gender: genderBalance(extras.people) };
  }

  async history(user: AuthUser, id: string, query: WorkingGroupHistoryQuery): Promise<Page<ActivityView>> {
    await this.findGroup(undefined, id);
    return this.activity.list({ entityType: 'working_group', entityId: id, limit: query.limit, cursor: query.cursor });
  }

  /** For the demo loader, inside its transaction: writes a group and its members as given (no checks, no activity). */
  async importGroup(
    tx: Tx,
    group: Pick<WorkingGroup, 'name' | 'mandate' | 'chairId' | 'formedByRoundtableId' | 'status' | 'createdById'>,
    memberIds: string[],
  ): Promise<string> {
    const id = await this.groups.insertReturningId(tx, group);
    await this.groups.insertMembers(
      tx,
      memberIds.map((userId) => ({ workingGroupId: id, userId, addedById: group.createdById })),
    );
    return id;
  }
}
