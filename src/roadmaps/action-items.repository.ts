import type { LocalizedText } from '../common/localized-text';
import { Injectable } from '@nestjs/common';
import { bothLanguagesSql as both } from '../common/search-text';
import { thingSearchParams, thingSearchSql, type ThingHitRow } from '../search/thing-search';
import type { SearchRequest } from '../search/search.registry';
import { DataSource, In } from 'typeorm';
import { queryPrepared, queryPreparedUnlessIn } from '../database/prepared';
import type { Tx } from '../database/unit-of-work';
import { Organization } from '../organizations/entities/organization.entity';
import type { Constituency, Stance } from '../shared/enums';
import type { ActionItemQuery } from './dto/roadmap.dto';
import { ActionItem } from './entities/action-item.entity';
import { Milestone } from './entities/milestone.entity';

/** What a dashboard row names of a commitment. */
export type ActionItemHead = Pick<ActionItem, 'id' | 'title' | 'status' | 'leadOrganizationId'>;

/** What a progress dashboard counts of a commitment (ActionItemsRepository.tallyRowsInRoadmap). */
export type ActionItemTallyRow = Pick<ActionItem, 'id' | 'title' | 'status' | 'dueDate' | 'progressManual' | 'workingGroupId'> & {
  leadOrganization: Pick<Organization, 'id' | 'name' | 'constituency' | 'region'>;
  milestonesTotal: number;
  milestonesDone: number;
  stances: { constituency: Constituency; stance: Stance }[];
};

export type NewActionItem = Pick<
  ActionItem,
  | 'roadmapId'
  | 'title'
  | 'description'
  | 'workingGroupId'
  | 'leadOrganizationId'
  | 'originRoundtableId'
  | 'originDecisionId'
  | 'dueDate'
  | 'priority'
  | 'policyArea'
  | 'progressManual'
  | 'createdById'
> &
  Partial<Pick<ActionItem, 'status' | 'statusReason'>>;

/** A commitment's columns as the entity names them, with its lead organization's beside them. */
type ActionItemWithLeadRow = Omit<ActionItem, 'roadmap' | 'leadOrganization' | 'supportingOrganizations' | 'milestones'> & {
  leadName: Organization['name'];
  leadConstituency: Organization['constituency'];
  leadRegion: Organization['region'];
  leadCreatedAt: Date;
  leadUpdatedAt: Date;
};

/**
 * Commitments (action items), the organizations supporting them (action_item_supporters) and their milestones. An
 * item is read with its lead organization (ActionItem.leadOrganization), the many-to-one relation it declares.
 */
@Injectable()
export class ActionItemsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A roadmap's commitments in the list's default order (due date, then creation), with as much as a dashboard row
   * names; null when there is no such roadmap. One plain query, for dashboards and lists that need no summaries.
   */
  async headsInRoadmap(roadmapId: string): Promise<ActionItemHead[] | null> {
    const rows: (Omit<ActionItemHead, 'id'> & { id: string | null })[] = await this.dataSource.query(
      `SELECT a.id, a.title, a.status, a.lead_organization_id AS "leadOrganizationId"
         FROM roadmaps r LEFT JOIN action_items a ON a.roadmap_id = r.id
        WHERE r.id = $1
        ORDER BY a.due_date ASC NULLS LAST, a.created_at ASC`,
      [roadmapId],
    );
    if (!rows.length) return null;
    return rows.filter((row): row is ActionItemHead => row.id !== null);
  }

  /**
   * What a roadmap's progress dashboard counts of each commitment, in the list's default order: its lead
   * organization, how many milestones it has and how many are done, and the constituencies and stances of the current
   * positions on it; null when there is no such roadmap. One plain query: the dashboard needs none of the list view's
   * supporters or texts.
   */
  async tallyRowsInRoadmap(roadmapId: string): Promise<ActionItemTallyRow[] | null> {
    const rows: (Omit<ActionItemTallyRow, 'id'> & { id: string | null })[] = await this.dataSource.query(
      `SELECT a.id, a.title, a.status, a.due_date::text AS "dueDate", a.progress_manual AS "progressManual",
              a.working_group_id AS "workingGroupId",
              json_build_object('id', lead.id, 'name', lead.name, 'constituency', lead.constituency, 'region', lead.region)
                AS "leadOrganization",
              m.total AS "milestonesTotal", m.done AS "milestonesDone",
              coalesce(p.stances, '[]'::json) AS stances
         FROM roadmaps r
         LEFT JOIN action_items a ON a.roadmap_id = r.id
         LEFT JOIN organizations lead ON lead.id = a.lead_organization_id
         LEFT JOIN LATERAL (SELECT count(*)::int AS total, count(ms.completed_at)::int AS done
                              FROM milestones ms WHERE ms.action_item_id = a.id) m ON true
         LEFT JOIN LATERAL (SELECT json_agg(json_build_object('constituency', o.constituency, 'stance', cp.stance)) AS stances
                              FROM constituency_positions cp JOIN organizations o ON o.id = cp.organization_id
                             WHERE cp.action_item_id = a.id AND cp.superseded_at IS NULL) p ON true
        WHERE r.id = $1
        ORDER BY a.due_date ASC NULLS LAST, a.created_at ASC`,
      [roadmapId],
    );
    if (!rows.length) return null;
    return rows.filter((row): row is ActionItemTallyRow => row.id !== null);
  }

  private withLead(tx: Tx = this.dataSource.manager) {
    // Only many-to-one joins here, so LIMIT counts items; supporters are loaded with the other summaries.
    return tx.createQueryBuilder(ActionItem, 'a').leftJoinAndSelect('a.leadOrganization', 'lead');
  }

  async findMany(query: ActionItemQuery): Promise<ActionItem[]> {
    const qb = this.withLead();
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
    return qb.getMany();
  }

  /** The commitments promoted from a roundtable's decisions, oldest first. */
  async findByOriginRoundtable(roundtableId: string): Promise<ActionItem[]> {
    return this.withLead().where('a.originRoundtableId = :roundtableId', { roundtableId }).orderBy('a.createdAt', 'ASC').getMany();
  }

  /** Asked before a commitment's positions, discussion and links are read: a prepared statement. */
  async exists(id: string): Promise<boolean> {
    return (await queryPrepared(this.dataSource, 'action_item_exists', 'SELECT 1 FROM action_items WHERE id = $1', [id])).length > 0;
  }

  /** Titles and roadmaps of some commitments. */
  async titles(ids: string[]): Promise<Pick<ActionItem, 'id' | 'title' | 'roadmapId'>[]> {
    if (!ids.length) return [];
    return this.dataSource.manager.find(ActionItem, { select: { id: true, title: true, roadmapId: true }, where: { id: In(ids) } });
  }

  /**
   * One commitment with its lead organization, made into the entities from one row. Outside a transaction it is the
   * commitment page's first read, so a prepared statement (TypeORM's query builder built the SQL and mapped the row
   * at every call, a tenth of the page's CPU in bench:api).
   */
  async findWithLead(id: string, tx?: Tx): Promise<ActionItem | null> {
    const sql = `SELECT a.id, a.created_at AS "createdAt", a.updated_at AS "updatedAt", a.created_by_id AS "createdById",
                        a.roadmap_id AS "roadmapId", a.title, a.description, a.working_group_id AS "workingGroupId",
                        a.lead_organization_id AS "leadOrganizationId", a.origin_roundtable_id AS "originRoundtableId",
                        a.origin_decision_id AS "originDecisionId", a.due_date::text AS "dueDate", a.priority,
                        a.policy_area AS "policyArea", a.status, a.status_reason AS "statusReason",
                        a.progress_manual AS "progressManual", a.vote_result AS "voteResult",
                        o.name AS "leadName", o.constituency AS "leadConstituency", o.region AS "leadRegion",
                        o.created_at AS "leadCreatedAt", o.updated_at AS "leadUpdatedAt"
                   FROM action_items a JOIN organizations o ON o.id = a.lead_organization_id
                  WHERE a.id = $1`;
    const [row] = await queryPreparedUnlessIn<ActionItemWithLeadRow>(this.dataSource, tx, 'action_item_with_lead', sql, [id]);
    if (!row) return null;
    const { leadName, leadConstituency, leadRegion, leadCreatedAt, leadUpdatedAt, ...item } = row;
    const leadOrganization = Object.assign(new Organization(), {
      id: item.leadOrganizationId,
      name: leadName,
      constituency: leadConstituency,
      region: leadRegion,
      createdAt: leadCreatedAt,
      updatedAt: leadUpdatedAt,
    });
    return Object.assign(new ActionItem(), item, { leadOrganization });
  }

  async findByIdForUpdate(tx: Tx, id: string): Promise<ActionItem | null> {
    return tx.findOne(ActionItem, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async countByRoadmap(roadmapIds: string[]): Promise<Map<string, number>> {
    if (!roadmapIds.length) return new Map();
    const rows = await this.dataSource.manager
      .createQueryBuilder(ActionItem, 'a')
      .select('a.roadmap_id', 'roadmapId')
      .addSelect('count(*)::int', 'n')
      .where('a.roadmap_id IN (:...roadmapIds)', { roadmapIds })
      .groupBy('a.roadmap_id')
      .getRawMany<{ roadmapId: string; n: number }>();
    return new Map(rows.map((r) => [r.roadmapId, r.n]));
  }

  /** Inserts the item and its supporters; returns the item's id. */
  async insert(tx: Tx, row: NewActionItem, supportingOrganizationIds: string[]): Promise<string> {
    const { identifiers } = await tx.insert(ActionItem, row);
    const id = identifiers[0].id as string;
    if (supportingOrganizationIds.length) {
      await tx.query('INSERT INTO action_item_supporters (action_item_id, organization_id) SELECT $1, unnest($2::uuid[])', [id, supportingOrganizationIds]);
    }
    return id;
  }

  async update(tx: Tx, id: string, changes: Partial<ActionItem>): Promise<void> {
    await tx.update(ActionItem, { id }, changes);
  }

  // ---- supporters ----

  /** (item, organization) pairs of the items' supporters. */
  async supporters(itemIds: string[], tx: Tx = this.dataSource.manager): Promise<{ actionItemId: string; organizationId: string }[]> {
    if (!itemIds.length) return [];
    // Read with every list of commitments and every commitment page.
    const text =
      'SELECT action_item_id AS "actionItemId", organization_id AS "organizationId" FROM action_item_supporters WHERE action_item_id = ANY($1::uuid[])';
    return queryPreparedUnlessIn(this.dataSource, tx, 'action_item_supporters_of', text, [itemIds]);
  }

  /** The item's supporting organizations' ids, sorted. */
  async supporterIds(tx: Tx, itemId: string): Promise<string[]> {
    const rows: { organization_id: string }[] = await tx.query('SELECT organization_id FROM action_item_supporters WHERE action_item_id = $1 ORDER BY 1', [
      itemId,
    ]);
    return rows.map((r) => r.organization_id);
  }

  async replaceSupporters(tx: Tx, itemId: string, organizationIds: string[]): Promise<void> {
    await tx.query('DELETE FROM action_item_supporters WHERE action_item_id = $1', [itemId]);
    if (organizationIds.length) {
      await tx.query('INSERT INTO action_item_supporters (action_item_id, organization_id) SELECT $1, unnest($2::uuid[])', [itemId, organizationIds]);
    }
  }

  // ---- milestones ----

  /** When each milestone of the items was completed (null: not yet). */
  async milestoneCompletions(itemIds: string[], tx: Tx = this.dataSource.manager): Promise<{ actionItemId: string; completedAt: Date | null }[]> {
    if (!itemIds.length) return [];
    return tx.query('SELECT action_item_id AS "actionItemId", completed_at AS "completedAt" FROM milestones WHERE action_item_id = ANY($1)', [itemIds]);
  }

  /** In their order. */
  async milestones(itemId: string): Promise<Milestone[]> {
    // Read on every commitment page: a prepared statement, the rows made into the entities.
    const rows = await queryPrepared<Omit<Milestone, 'actionItem' | 'actionItemId'>>(
      this.dataSource,
      'action_item_milestones',
      `SELECT id, title, due_date::text AS "dueDate", completed_at AS "completedAt", position, created_at AS "createdAt"
         FROM milestones WHERE action_item_id = $1 ORDER BY position ASC, created_at ASC`,
      [itemId],
    );
    return rows.map((row) => Object.assign(new Milestone(), row, { actionItemId: itemId }));
  }

  async nextMilestonePosition(tx: Tx, itemId: string): Promise<number> {
    const [{ next }] = await tx.query<{ next: number }[]>('SELECT coalesce(max(position) + 1, 0) AS next FROM milestones WHERE action_item_id = $1', [itemId]);
    return next;
  }

  async findMilestone(tx: Tx, itemId: string, milestoneId: string): Promise<Milestone | null> {
    return tx.findOneBy(Milestone, { id: milestoneId, actionItemId: itemId });
  }

  async insertMilestone(
    tx: Tx,
    row: Pick<Milestone, 'actionItemId' | 'title' | 'dueDate' | 'position'> & Partial<Pick<Milestone, 'completedAt'>>,
  ): Promise<Milestone> {
    return tx.save(tx.create(Milestone, row));
  }

  /** Several milestones at once (the demo loader). */
  async insertMilestones(tx: Tx, rows: Pick<Milestone, 'actionItemId' | 'title' | 'dueDate' | 'position' | 'completedAt'>[]): Promise<void> {
    if (rows.length) await tx.insert(Milestone, rows);
  }

  async saveMilestone(tx: Tx, milestone: Milestone): Promise<Milestone> {
    return tx.save(milestone);
  }

  async deleteMilestone(tx: Tx, milestoneId: string): Promise<void> {
    await tx.delete(Milestone, { id: milestoneId });
  }

  /** Search over every commitment's title and description (commitments are open to everyone signed in). */
  search(request: SearchRequest): Promise<ThingHitRow[]> {
    const candidates = `
      SELECT a.id, a.title, 'title' AS field, ${both('a.title')} AS text, a.created_at, jsonb_build_object('roadmapId', a.roadmap_id) AS extra
        FROM action_items a
      UNION ALL
      SELECT a.id, a.title, 'description', ${both('a.description')}, a.created_at, jsonb_build_object('roadmapId', a.roadmap_id)
        FROM action_items a`;
    return this.dataSource.query(thingSearchSql(candidates), thingSearchParams(request));
  }

  /** The commitments an organization leads or supports. */
  ofOrganization(organizationId: string): Promise<{ refId: string; title: LocalizedText }[]> {
    return this.dataSource.query(
      `SELECT a.id AS "refId", a.title FROM action_items a
        WHERE a.lead_organization_id = $1 OR EXISTS (SELECT 1 FROM action_item_supporters s WHERE s.action_item_id = a.id AND s.organization_id = $1)
        ORDER BY a.created_at DESC LIMIT 200`,
      [organizationId],
    );
  }

  // ---- its electorate (votes on the commitment) ----

  /**
   * The active members (not observers) of the organizations that lead or support the commitment, counted per
   * constituency of their organization.
   */
  async countVoters(id: string, tx: Tx = this.dataSource.manager): Promise<{ constituency: Constituency; n: number }[]> {
    return tx.query(
      `SELECT o.constituency, count(*)::int AS n
         FROM users u JOIN organizations o ON o.id = u.organization_id
        WHERE u.active AND u.role <> 'observer' AND u.organization_id IN (${TAKING_PART})
        GROUP BY o.constituency`,
      [id],
    );
  }

  /** Each person who may vote on the commitment (see countVoters), with their constituency. */
  async voters(id: string): Promise<{ userId: string; constituency: Constituency }[]> {
    return this.dataSource.manager.query(
      `SELECT u.id AS "userId", o.constituency
         FROM users u JOIN organizations o ON o.id = u.organization_id
        WHERE u.active AND u.role <> 'observer' AND u.organization_id IN (${TAKING_PART})`,
      [id],
    );
  }

  /** The constituency of a person who may vote on the commitment (see countVoters), or null. */
  async voterConstituency(id: string, userId: string, tx: Tx = this.dataSource.manager): Promise<Constituency | null> {
    const [row]: { constituency: Constituency }[] = await tx.query(
      `SELECT o.constituency
         FROM users u JOIN organizations o ON o.id = u.organization_id
        WHERE u.id = $2 AND u.active AND u.role <> 'observer' AND u.organization_id IN (${TAKING_PART})`,
      [id, userId],
    );
    return row?.constituency ?? null;
  }

  /** Locks the commitment (for a vote being opened on it) and reads it. */
  async lockForVote(tx: Tx, id: string): Promise<Pick<ActionItem, 'id' | 'status' | 'voteResult'> | null> {
    return tx.findOne(ActionItem, { where: { id }, select: { id: true, status: true, voteResult: true }, lock: { mode: 'pessimistic_write' } });
  }
}

/** The organizations taking part in the commitment $1: its lead and its supporters. */
const TAKING_PART = `SELECT lead_organization_id FROM action_items WHERE id = $1
                      UNION SELECT organization_id FROM action_item_supporters WHERE action_item_id = $1`;
