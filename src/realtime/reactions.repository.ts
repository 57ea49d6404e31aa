import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ReactionRow {
  messageId: string;
  emoji: string;
  count: number;
  mine: boolean;
}

/** The message_reactions table: the only door to it. */
@Injectable()
export class ReactionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds a reaction (once: adding it again changes nothing); whether it was new, and the emoji's count now. */
  async add(messageId: string, userId: string, emoji: string): Promise<{ changed: boolean; count: number }> {
    const rows: { changed: boolean; count: string }[] = await this.dataSource.query(
      `WITH added AS (
         INSERT INTO message_reactions (message_id, user_id, emoji) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1
       )
       SELECT EXISTS (SELECT 1 FROM added) AS changed,
              ((SELECT count(*) FROM message_reactions WHERE message_id = $1 AND emoji = $3) + (SELECT count(*) FROM added))::text AS count`,
      [messageId, userId, emoji],
    );
    return { changed: rows[0].changed, count: Number(rows[0].count) };
  }

  /** Takes a reaction back (taking back one that is not there changes nothing); whether it was there, and the count now. */
  async remove(messageId: string, userId: string, emoji: string): Promise<{ changed: boolean; count: number }> {
    const rows: { changed: boolean; count: string }[] = await this.dataSource.query(
      `WITH removed AS (
         DELETE FROM message_reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3 RETURNING 1
       )
       SELECT EXISTS (SELECT 1 FROM removed) AS changed,
              ((SELECT count(*) FROM message_reactions WHERE message_id = $1 AND emoji = $3) - (SELECT count(*) FROM removed))::text AS count`,
      [messageId, userId, emoji],
    );
    return { changed: rows[0].changed, count: Number(rows[0].count) };
  }

  /**
   * The reactions of the given messages in one query, per message and emoji: how many, and whether the reader is
   * among them; emoji in the order they were first used on each message.
   */
  async ofMessages(messageIds: string[], readerId: string): Promise<ReactionRow[]> {
    if (!messageIds.length) return [];
    const rows: { message_id: string; emoji: string; count: string; mine: boolean }[] = await this.dataSource.query(
      `SELECT message_id, emoji, count(*)::text AS count, bool_or(user_id = $2) AS mine
         FROM message_reactions
        WHERE message_id = ANY ($1::uuid[])
        GROUP BY message_id, emoji
        ORDER BY message_id, min(created_at), emoji`,
      [messageIds, readerId],
    );
    return rows.map((r) => ({ messageId: r.message_id, emoji: r.emoji, count: Number(r.count), mine: r.mine }));
  }
}
