import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Repository } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import { Notification } from './entities/notification.entity';

/** The notifications table: the only door to it. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectRepository(Notification) private readonly notifications: Repository<Notification>) {}

  /** Stores one, inside the caller's transaction when given. */
  insert(tx: Tx | null, row: { userId: string; kind: string; payload: Record<string, unknown> }): Promise<Notification> {
    const m = tx ?? this.notifications.manager;
    return m.save(m.create(Notification, row));
  }

  /** A user's notifications, newest first, before the (createdAt text, id) cursor when given. */
  page(userId: string, options: { limit: number; unreadOnly: boolean; before?: { at: string; id: string } }): Promise<Notification[]> {
    const qb = this.notifications
      .createQueryBuilder('n')
      .where('n.userId = :userId', { userId })
      .orderBy('n.createdAt', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(options.limit);
    if (options.unreadOnly) qb.andWhere('n.readAt IS NULL');
    if (options.before) {
      // The cursor keeps the exact timestamp text from the database, so no row is skipped or repeated.
      qb.andWhere('(n.createdAt, n.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid))', options.before);
    }
    return qb.getMany();
  }

  /** created_at as the database writes it (microseconds, which a JavaScript Date would lose). */
  async exactCreatedAt(id: string): Promise<string> {
    const [row] = await this.notifications.query<Array<{ at: string }>>(`SELECT created_at::text AS at FROM notifications WHERE id = $1`, [id]);
    return row.at;
  }

  unreadCount(userId: string): Promise<number> {
    return this.notifications.countBy({ userId, readAt: IsNull() });
  }

  /** Marks the user's unread ones read: those of `ids`, or all. */
  async markRead(userId: string, ids?: string[]): Promise<void> {
    const where = ids ? { userId, readAt: IsNull(), id: In(ids) } : { userId, readAt: IsNull() };
    await this.notifications.update(where, { readAt: () => 'now()' });
  }

  /** Those of the ids that are still unread. */
  async unreadAmong(ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await this.notifications.find({ where: { id: In(ids), readAt: IsNull() }, select: { id: true } });
    return rows.map((r) => r.id);
  }

  /** A user's unread notifications written after `since` (all when null), oldest first, at most `limit`. */
  unreadSince(userId: string, since: Date | null, limit: number): Promise<Notification[]> {
    const qb = this.notifications
      .createQueryBuilder('n')
      .where('n.userId = :userId AND n.readAt IS NULL', { userId })
      .orderBy('n.createdAt', 'ASC')
      .limit(limit);
    if (since) qb.andWhere('n.createdAt > :since', { since });
    return qb.getMany();
  }
}
