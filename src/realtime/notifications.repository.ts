import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Repository } from 'typeorm';
import { queryPrepared } from '../database/prepared';
import type { Tx } from '../database/unit-of-work';
import { Notification } from './entities/notification.entity';

/** A notification with its created_at as the database writes it (microseconds, which a JavaScript Date would lose). */
export type NotificationRow = Notification & { exactCreatedAt: string };

/** The notifications table: the only door to it. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectRepository(Notification) private readonly notifications: Repository<Notification>) {}

  /** Stores one, inside the caller's transaction when given. */
  insert(tx: Tx | null, row: { userId: string; kind: string; payload: Record<string, unknown> }): Promise<Notification> {
    const m = tx ?? this.notifications.manager;
    return m.save(m.create(Notification, row));
  }

  /**
   * A user's notifications, newest first, before the (createdAt text, id) cursor when given. Read on every page
   * load (the bell), so a prepared statement of its own per variant.
   */
  page(userId: string, options: { limit: number; unreadOnly: boolean; before?: { at: string; id: string } }): Promise<NotificationRow[]> {
    const unread = options.unreadOnly ? 'AND n.read_at IS NULL' : '';
    // The cursor keeps the exact timestamp text from the database, so no row is skipped or repeated.
    const cursor = options.before ? 'AND (n.created_at, n.id) < ($3::timestamptz, $4::uuid)' : '';
    const values: unknown[] = [userId, options.limit];
    if (options.before) values.push(options.before.at, options.before.id);
    return queryPrepared<NotificationRow>(
      this.notifications.manager.connection,
      `notifications_page${options.unreadOnly ? '_unread' : ''}${options.before ? '_before' : ''}`,
      `SELECT n.id, n.user_id AS "userId", n.kind, n.payload, n.read_at AS "readAt", n.created_at AS "createdAt",
              n.created_at::text AS "exactCreatedAt"
         FROM notifications n WHERE n.user_id = $1 ${unread} ${cursor}
        ORDER BY n.created_at DESC, n.id DESC LIMIT $2`,
      values,
    );
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await queryPrepared<{ n: number }>(
      this.notifications.manager.connection,
      'notifications_unread_count',
      'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL',
      [userId],
    );
    return row.n;
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
