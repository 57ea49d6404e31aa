import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { decodeCursor, encodeCursor, Page } from '../common/pagination';
import { Activity } from './entities/activity.entity';
import { ActivityQuery, ActivityView } from './dto/activity.dto';

export interface ActivityEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes?: Record<string, unknown>;
}

export { ActivityView };

/** Field-by-field differences between two versions of a record, for the audit trail. */
export function diff(before: object, after: object): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  for (const key of Object.keys(a)) {
    if (a[key] === undefined) continue;
    if (JSON.stringify(b[key]) !== JSON.stringify(a[key])) out[key] = { from: b[key] ?? null, to: a[key] };
  }
  return out;
}

@Injectable()
export class ActivityService {
  constructor(@InjectRepository(Activity) private readonly activity: Repository<Activity>) {}

  /** Records a change inside the caller's transaction, so the change and its record land together or not at all. */
  async record(manager: EntityManager, entry: ActivityEntry): Promise<void> {
    await manager.save(manager.create(Activity, { ...entry, changes: entry.changes ?? {} }), { reload: false });
  }

  async list(query: ActivityQuery): Promise<Page<ActivityView>> {
    const limit = query.limit ?? 50;
    const qb = this.activity.manager
      .createQueryBuilder()
      .select([
        'a.id AS id',
        'a.actor_id AS "actorId"',
        'u.display_name AS "actorName"',
        'a.action AS action',
        'a.entity_type AS "entityType"',
        'a.entity_id AS "entityId"',
        'a.changes AS changes',
        'a.created_at AS "createdAt"',
      ])
      .from('activity', 'a')
      .leftJoin('users', 'u', 'u.id = a.actor_id')
      .orderBy('a.id', 'DESC')
      .limit(limit + 1);
    if (query.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    const cursor = decodeCursor<{ id: string }>(query.cursor);
    if (cursor?.id && /^\d+$/.test(cursor.id)) qb.andWhere('a.id < :before', { before: cursor.id });
    const rows = await qb.getRawMany<ActivityView & { createdAt: Date }>();
    const items = rows.slice(0, limit).map((r) => ({ ...r, id: String(r.id), createdAt: new Date(r.createdAt).toISOString() }));
    return { items, nextCursor: rows.length > limit ? encodeCursor({ id: items[items.length - 1].id }) : null };
  }
}
