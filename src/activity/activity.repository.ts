import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import { Activity } from './entities/activity.entity';

export interface ActivityRow {
  id: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes: Record<string, unknown>;
  createdAt: Date;
}

export interface ActivityFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  /** Only entries older than this id (keyset paging, newest first). */
  beforeId?: string;
}

/** The audit trail's table. */
@Injectable()
export class ActivityRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Tx, entry: Pick<Activity, 'actorId' | 'action' | 'entityType' | 'entityId' | 'changes'>): Promise<void> {
    await tx.save(tx.create(Activity, entry), { reload: false });
  }

  /**
   * Newest first, with the actor's display name. The name is read with the entry (a join on users) because the log
   * is read page by page and the join keeps it one query; it is the one read of the users table outside its module.
   */
  async findPage(filter: ActivityFilter, limit: number): Promise<ActivityRow[]> {
    const qb = this.dataSource
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
      .limit(limit);
    if (filter.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.beforeId) qb.andWhere('a.id < :before', { before: filter.beforeId });
    return qb.getRawMany<ActivityRow>();
  }
}
