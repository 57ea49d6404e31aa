import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { encodeCursor, readCursor } from '../common/pagination';
import type { MarkReadDto, NotificationQuery } from './dto/notification.dto';
import type { NotificationView } from './dto/views';
import { NotificationsRepository } from './notifications.repository';
import { toNotificationView } from './realtime.emitter';

@Injectable()
export class NotificationsService {
  constructor(private readonly notifications: NotificationsRepository) {}

  /** The user's own notifications, newest first, with the number still unread. */
  async list(user: AuthUser, query: NotificationQuery): Promise<{ items: NotificationView[]; unreadCount: number; nextCursor: string | null }> {
    const limit = query.limit ?? 50;
    const cursor = readCursor(query.cursor, { at: 'timestamp', id: 'uuid' });
    const before = cursor ? { at: cursor.at, id: cursor.id } : undefined;
    const [rows, unreadCount] = await Promise.all([
      this.notifications.page(user.id, { limit: limit + 1, unreadOnly: query.unread === true, before }),
      this.unreadCount(user.id),
    ]);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor({ at: last.exactCreatedAt, id: last.id }) : null;
    return { items: page.map(toNotificationView), unreadCount, nextCursor };
  }

  async unreadCount(userId: string): Promise<number> {
    return this.notifications.unreadCount(userId);
  }

  /** Marks the given notifications (only the user's own; others' ids are ignored), or all of them, read. */
  async markRead(user: AuthUser, dto: MarkReadDto): Promise<{ unreadCount: number }> {
    if (!dto.ids || dto.ids.length) await this.notifications.markRead(user.id, dto.ids);
    return { unreadCount: await this.unreadCount(user.id) };
  }

  /** Those of the ids still unread (for mail: a notification seen in the app is not mailed). */
  async unreadAmong(ids: string[]): Promise<string[]> {
    return this.notifications.unreadAmong(ids);
  }

  /** A user's unread notifications since a point (for the digest). */
  async unreadSince(userId: string, since: Date | null, limit = 50): Promise<NotificationView[]> {
    return (await this.notifications.unreadSince(userId, since, limit)).map(toNotificationView);
  }
}
