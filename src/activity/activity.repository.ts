import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import type { LocalizedText } from '../common/localized-text';
import { Activity } from './entities/activity.entity';

export interface ActivityRow {
  id: string;
  actorId: string | null;
  actorName: string | null;
  actorNameZh: string | null;
  actorOrganizationId: string | null;
  actorOrganizationName: LocalizedText | null;
  action: string;
  entityType: string;
  entityId: string;
  changes: Record<string, unknown>;
  createdAt: Date;
  /** The target's name or title as stored ({ en, zh }, or { en } for names kept in one form). */
  targetLabel: LocalizedText | null;
  /** For an observation: its period and park; for a park period's approval: the park and period. */
  targetPeriod: string | null;
  targetParkId: string | null;
  targetParkName: LocalizedText | null;
  /** For a message: where it was posted and its number there. */
  messageChannelKind: string | null;
  messageChannelRef: string | null;
  messageSeq: string | null;
  /** changes.userId, named. */
  subjectId: string | null;
  subjectName: string | null;
  subjectNameZh: string | null;
  subjectOrganizationId: string | null;
  subjectOrganizationName: LocalizedText | null;
}

export interface ActivityFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  /** Leave out entries whose action starts with this (sign-ins: 'auth.'). */
  withoutPrefix?: string;
  /** Only entries older than this id (keyset paging, newest first). */
  beforeId?: string;
}

const UUID = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;
/** A text column as a uuid when it holds one, else null (entity ids are text: 'demo' and import ids are not uuids). */
const asUuid = (expr: string) => `CASE WHEN ${expr} ~* ${UUID} THEN (${expr})::uuid END`;

/** Records with a name or title of their own, by the entity type the log gives them. */
const NAMED: Record<string, { table: string; label: string }> = {
  roundtable: { table: 'roundtables', label: 'title' },
  working_group: { table: 'working_groups', label: 'name' },
  roadmap: { table: 'roadmaps', label: 'title' },
  action_item: { table: 'action_items', label: 'title' },
  organization: { table: 'organizations', label: 'name' },
  park: { table: 'parks', label: 'name' },
  indicator: { table: 'indicators', label: 'name' },
};

/** The audit trail's table. */
@Injectable()
export class ActivityRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Tx, entry: Pick<Activity, 'actorId' | 'action' | 'entityType' | 'entityId' | 'changes'>): Promise<void> {
    await tx.save(tx.create(Activity, entry), { reload: false });
  }

  /**
   * Newest first, each entry with its actor (and their organization), the record it is about and the person it
   * concerns named. One query: the page of entries is chosen first, then each name is a join on a primary key, so a
   * page costs the same whatever the size of the log (no lookups per entry). These are the log's reads of other
   * modules' tables, for names only.
   */
  async findPage(filter: ActivityFilter, limit: number): Promise<ActivityRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.entityType) where.push(`a.entity_type = ${param(filter.entityType)}`);
    if (filter.entityId) where.push(`a.entity_id = ${param(filter.entityId)}`);
    if (filter.actorId) where.push(`a.actor_id = ${param(filter.actorId)}`);
    if (filter.action) where.push(`a.action = ${param(filter.action)}`);
    if (filter.withoutPrefix) where.push(`NOT starts_with(a.action, ${param(filter.withoutPrefix)})`);
    if (filter.beforeId) where.push(`a.id < ${param(filter.beforeId)}`);
    const named = Object.entries(NAMED);
    const sql = `
      WITH page AS MATERIALIZED (
        SELECT a.id, a.actor_id, a.action, a.entity_type, a.entity_id, a.changes, a.created_at,
               ${asUuid('a.entity_id')} AS ref,
               ${asUuid("a.changes->>'userId'")} AS subject_ref
        FROM activity a
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.id DESC
        LIMIT ${param(limit)}
      )
      SELECT p.id, p.actor_id AS "actorId", u.display_name AS "actorName", u.name_zh AS "actorNameZh",
             uo.id AS "actorOrganizationId", uo.name AS "actorOrganizationName",
             p.action, p.entity_type AS "entityType", p.entity_id AS "entityId", p.changes, p.created_at AS "createdAt",
             CASE p.entity_type
               ${named.map(([type, { label }], i) => `WHEN '${type}' THEN t${i}.${label}`).join('\n               ')}
               WHEN 'observation' THEN oi.name
               WHEN 'user' THEN jsonb_strip_nulls(jsonb_build_object('en', tu.display_name, 'zh', tu.name_zh))
               WHEN 'message' THEN jsonb_strip_nulls(jsonb_build_object('en', mu.display_name, 'zh', mu.name_zh))
               WHEN 'invitation' THEN jsonb_build_object('en', inv.email)
               WHEN 'document' THEN jsonb_build_object('en', doc.name)
               WHEN 'period_approval' THEN pap.name
             END AS "targetLabel",
             COALESCE(ob.period, pa.period) AS "targetPeriod",
             COALESCE(ob.park_id, pa.park_id) AS "targetParkId",
             COALESCE(obp.name, pap.name) AS "targetParkName",
             mc.kind AS "messageChannelKind", mc.ref_id AS "messageChannelRef", m.seq::text AS "messageSeq",
             su.id AS "subjectId", su.display_name AS "subjectName", su.name_zh AS "subjectNameZh",
             so.id AS "subjectOrganizationId", so.name AS "subjectOrganizationName"
      FROM page p
      LEFT JOIN users u ON u.id = p.actor_id
      LEFT JOIN organizations uo ON uo.id = u.organization_id
      LEFT JOIN users su ON su.id = p.subject_ref
      LEFT JOIN organizations so ON so.id = su.organization_id
      ${named.map(([type, { table }], i) => `LEFT JOIN ${table} t${i} ON p.entity_type = '${type}' AND t${i}.id = p.ref`).join('\n      ')}
      LEFT JOIN users tu ON p.entity_type = 'user' AND tu.id = p.ref
      LEFT JOIN invitations inv ON p.entity_type = 'invitation' AND inv.id = p.ref
      LEFT JOIN documents doc ON p.entity_type = 'document' AND doc.id = p.ref
      LEFT JOIN observations ob ON p.entity_type = 'observation' AND ob.id = p.ref
      LEFT JOIN indicators oi ON oi.id = ob.indicator_id
      LEFT JOIN parks obp ON obp.id = ob.park_id
      LEFT JOIN messages m ON p.entity_type = 'message' AND m.id = p.ref
      LEFT JOIN channels mc ON mc.id = m.channel_id
      LEFT JOIN users mu ON mu.id = m.author_id
      LEFT JOIN period_approvals pa ON p.entity_type = 'period_approval' AND pa.id = p.ref
      LEFT JOIN parks pap ON pap.id = pa.park_id
      ORDER BY p.id DESC`;
    return this.dataSource.query<ActivityRow[]>(sql, params);
  }
}
