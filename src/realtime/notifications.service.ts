import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Repository } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { decodeCursor, encodeCursor } from '../common/pagination';
import type { MarkReadDto, NotificationQuery } from './dto/notification.dto';
import type { NotificationView } from './dto/views';
import { Notification } from './entities/notification.entity';
import { toNotificationView } from './realtime.emitter';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class NotificationsService {
  constructor(@InjectRepository(Notification) private readonly notifications: Repository<Notification>) {}

  /** The user's own notifications, newest first, with the number still unread. */
  async list(user: AuthUser, query: NotificationQuery): Promise<{ items: NotificationView[]; unreadCount: number; nextCursor: string | null }> {
    const limit = query.limit ?? 50;
    const qb = this.notifications
      .createQueryBuilder('n')
      .where('n.userId = :userId', { userId: user.id })
      .orderBy('n.createdAt', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(limit + 1);
    if (query.unread) qb.andWhere('n.readAt IS NULL');
    const cursor = decodeCursor<{ at: string; id: string }>(query.cursor);
    if (cursor && typeof cursor.id === 'string' && UUID.test(cursor.id) && !Number.isNaN(Date.parse(cursor.at))) {
      // The cursor keeps the exact timestamp text from the database, so no row is skipped or repeated.
      qb.andWhere('(n.createdAt, n.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid))', { at: cursor.at, id: cursor.id });
    }
    const [rows, unreadCount] = await Promise.all([qb.getMany(), this.unreadCount(user.id)]);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor({ at: await this.exactCreatedAt(last.id), id: last.id }) : null;
    return { items: page.map(toNotificationView), unreadCount, nextCursor };
  }

  private async exactCreatedAt(id: string): Promise<string> {
    const [row] = await this.notifications.query(`SELECT created_at::text AS at FROM notifications WHERE id = $1`, [id]);
    return row.at;
  }

  async unreadCount(userId: string): Promise<number> {
    return this.notifications.countBy({ userId, readAt: IsNull() });
  }

  /** Marks the given notifications (only the user's own; others' ids are ignored), or all of them, read. */
  async markRead(user: AuthUser, dto: MarkReadDto): Promise<{ unreadCount: number }> {
    const where = dto.ids ? { userId: user.id, readAt: IsNull(), id: In(dto.ids) } : { userId: user.id, readAt: IsNull() };
    if (!dto.ids || dto.ids.length) await this.notifications.update(where, { readAt: () => 'now()' });
    return { unreadCount: await this.unreadCount(user.id) };
  }
}
