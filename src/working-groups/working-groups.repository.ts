import type { Sex } from '../shared/enums';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryPrepared } from '../database/prepared';
import type { Tx } from '../database/unit-of-work';
import type { LocalizedText } from '../common/localized-text';
import type { Constituency } from '../organizations/entities/organization.entity';
import { WorkingGroupMember } from './entities/working-group-member.entity';
import { WorkingGroup, type WorkingGroupStatus } from './entities/working-group.entity';

/** Microsecond-exact text of a timestamp, so that keyset cursors never skip or repeat a row. */
const exactTime = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export interface WorkingGroupFilter {
  status?: WorkingGroupStatus;
  formedByRoundtableId?: string;
  q?: string;
  /** Keyset position: rows created before this moment and id. */
  before?: { createdAt: string; id: string };
  limit: number;
}

/**
 * Working groups and their members. A group is read with its chair and the chair's organization, a member with
 * their user and organization (the relations the entities declare).
 */
@Injectable()
export class WorkingGroupsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Asked at every post in a group's discussion (ChannelsService.authorizePost, reused a moment): one prepared query. */
  async chairAndMembership(workingGroupId: string, userId: string): Promise<{ chairId: string; member: boolean } | null> {
    const [group] = await queryPrepared<{ chairId: string; member: boolean }>(
      this.dataSource,
      'working_group_access',
      `SELECT g.chair_id AS "chairId",
              EXISTS (SELECT 1 FROM working_group_members m WHERE m.working_group_id = g.id AND m.user_id = $2) AS member
         FROM working_groups g WHERE g.id = $1`,
      [workingGroupId, userId],
    );
    return group ?? null;
  }

  async findById(id: string, tx: Tx = this.dataSource.manager, lock = false): Promise<WorkingGroup | null> {
    return tx.findOne(WorkingGroup, { where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
  }

  async exists(id: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(WorkingGroup, { id });
  }

  async namesOf(ids: string[]): Promise<{ id: string; name: LocalizedText }[]> {
    if (!ids.length) return [];
    // Read with every list of commitments and every commitment page: a prepared statement, not the find API, which
    // builds the SQL and maps the rows into entities at every call.
    return queryPrepared(this.dataSource, 'working_group_names', 'SELECT id, name FROM working_groups WHERE id = ANY($1::uuid[])', [ids]);
  }

  async findWithChair(id: string): Promise<WorkingGroup | null> {
    return this.dataSource.manager.findOne(WorkingGroup, { where: { id }, relations: { chair: { organization: true } } });
  }

  /** Newest first, with chairs, and each row's exact creation time as its keyset key. */
  async findPage(filter: WorkingGroupFilter): Promise<{ rows: WorkingGroup[]; sortKeys: Map<string, string> }> {
    const qb = this.dataSource.manager
      .createQueryBuilder(WorkingGroup, 'g')
      .innerJoinAndSelect('g.chair', 'c')
      .innerJoinAndSelect('c.organization', 'co')
      .addSelect(exactTime('g.created_at'), 'sort_key')
      .orderBy('g.createdAt', 'DESC')
      .addOrderBy('g.id', 'DESC')
      .limit(filter.limit);
    if (filter.status) qb.andWhere('g.status = :status', { status: filter.status });
    if (filter.formedByRoundtableId) qb.andWhere('g.formed_by_roundtable_id = :rt', { rt: filter.formedByRoundtableId });
    if (filter.q) {
      qb.andWhere("(g.name->>'en' ILIKE :q OR g.name->>'zh' ILIKE :q)", { q: `%${filter.q.replace(/[\\%_]/g, '\\$&')}%` });
    }
    if (filter.before) {
      qb.andWhere('(g.created_at, g.id) < (CAST(:cursorC AS timestamptz), CAST(:cursorId AS uuid))', {
        cursorC: filter.before.createdAt,
        cursorId: filter.before.id,
      });
    }
    const { entities, raw } = await qb.getRawAndEntities<{ g_id: string; sort_key: string }>();
    return { rows: entities, sortKeys: new Map(raw.map((row) => [row.g_id, row.sort_key])) };
  }

  async insert(tx: Tx, row: Pick<WorkingGroup, 'name' | 'mandate' | 'chairId' | 'formedByRoundtableId' | 'status' | 'createdById'>): Promise<WorkingGroup> {
    return tx.save(tx.create(WorkingGroup, row));
  }

  /** A plain INSERT (no reload of the row), for bulk writers such as the demo loader. */
  async insertReturningId(
    tx: Tx,
    row: Pick<WorkingGroup, 'name' | 'mandate' | 'chairId' | 'formedByRoundtableId' | 'status' | 'createdById'>,
  ): Promise<string> {
    return (await tx.insert(WorkingGroup, row)).identifiers[0].id as string;
  }

  async update(tx: Tx, id: string, changes: Partial<WorkingGroup>): Promise<void> {
    await tx.update(WorkingGroup, { id }, changes);
  }

  // ---- members ----

  /** Each member of the groups with their organization's constituency. */
  async memberConstituencies(groupIds: string[]): Promise<{ groupId: string; userId: string; constituency: Constituency; sex: Sex | null }[]> {
    if (!groupIds.length) return [];
    return this.dataSource.manager
      .createQueryBuilder(WorkingGroupMember, 'm')
      .innerJoin('m.user', 'u')
      .innerJoin('u.organization', 'o')
      .select('m.working_group_id', 'groupId')
      .addSelect('m.user_id', 'userId')
      .addSelect('o.constituency', 'constituency')
      .addSelect('u.sex', 'sex')
      .where('m.working_group_id IN (:...ids)', { ids: groupIds })
      .getRawMany<{ groupId: string; userId: string; constituency: Constituency; sex: Sex | null }>();
  }

  /** By name, with users and organizations; only the given users when userIds is set. */
  async membersWithPeople(groupId: string, userIds?: string[]): Promise<WorkingGroupMember[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(WorkingGroupMember, 'm')
      .innerJoinAndSelect('m.user', 'u')
      .innerJoinAndSelect('u.organization', 'o')
      .where('m.workingGroupId = :id', { id: groupId })
      .orderBy('u.displayName');
    if (userIds) qb.andWhere('m.userId IN (:...userIds)', { userIds });
    return qb.getMany();
  }

  async memberIds(groupId: string): Promise<string[]> {
    return (await this.dataSource.manager.find(WorkingGroupMember, { where: { workingGroupId: groupId }, select: { userId: true } })).map((m) => m.userId);
  }

  async isMember(workingGroupId: string, userId: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(WorkingGroupMember, { workingGroupId, userId });
  }

  async insertMembers(tx: Tx, rows: Pick<WorkingGroupMember, 'workingGroupId' | 'userId' | 'addedById'>[]): Promise<void> {
    if (rows.length) await tx.insert(WorkingGroupMember, rows);
  }

  async deleteMember(tx: Tx, workingGroupId: string, userId: string): Promise<void> {
    await tx.delete(WorkingGroupMember, { workingGroupId, userId });
  }

  /** The groups a person chairs or belongs to. */
  ofPerson(userId: string): Promise<{ refId: string; title: LocalizedText }[]> {
    return this.dataSource.query(
      `SELECT g.id AS "refId", g.name AS title FROM working_groups g
        WHERE g.chair_id = $1 OR EXISTS (SELECT 1 FROM working_group_members m WHERE m.working_group_id = g.id AND m.user_id = $1)
        ORDER BY g.created_at DESC LIMIT 200`,
      [userId],
    );
  }
}
