import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/unit-of-work';

/** Unread messages and mentions are counted up to this many per channel (shown as "99+" from 100 on). */
export const UNREAD_COUNT_CAP = 100;

export interface UnreadSummary {
  channelId: string;
  /** Messages after the read position that are not the reader's own and not removed, counted up to UNREAD_COUNT_CAP. */
  unread: number;
  /** Of those, the ones that mention the reader. */
  mentions: number;
  /** The seq of the first unread message, or null when nothing is unread. */
  firstUnreadSeq: string | null;
  lastReadSeq: string;
}

/** The channel_reads table: the only door to it. */
@Injectable()
export class ReadPositionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Moves a person's read position forward to seq (never backwards: another device may have read further). */
  async markRead(userId: string, channelId: string, seq: string, tx?: Tx): Promise<string> {
    const rows: { last_read_seq: string }[] = await (tx ?? this.dataSource.manager).query(
      `INSERT INTO channel_reads (user_id, channel_id, last_read_seq) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, channel_id) DO UPDATE
         SET last_read_seq = greatest(channel_reads.last_read_seq, excluded.last_read_seq), updated_at = now()
       RETURNING last_read_seq`,
      [userId, channelId, seq],
    );
    return rows[0].last_read_seq;
  }

  /** Read positions and unread counts of one person in the given channels (one row per channel asked). */
  async unreadSummary(userId: string, channelIds: string[], tx?: Tx): Promise<UnreadSummary[]> {
    if (channelIds.length === 0) return [];
    const rows: { channel_id: string; last_read_seq: string; unread: string; mentions: string; first_unread_seq: string | null }[] = await (
      tx ?? this.dataSource.manager
    ).query(
      // Each count walks an index of the channel's live messages from the read position and stops at UNREAD_COUNT_CAP
      // (messages_unread holds the author, messages_mentioned only the messages that mention anyone), so a channel
      // with thousands unread costs no more than one with a hundred.
      `SELECT c.id AS channel_id, coalesce(r.last_read_seq, 0)::text AS last_read_seq, u.unread, u.first_unread_seq, mm.mentions
         FROM channels c
         LEFT JOIN channel_reads r ON r.channel_id = c.id AND r.user_id = $1
         CROSS JOIN LATERAL (
           SELECT count(*)::text AS unread, min(x.seq)::text AS first_unread_seq
             FROM (SELECT m.seq FROM messages m
                    WHERE m.channel_id = c.id AND m.seq > coalesce(r.last_read_seq, 0) AND m.author_id <> $1 AND m.removed_at IS NULL
                    ORDER BY m.seq LIMIT ${UNREAD_COUNT_CAP}) x
         ) u
         CROSS JOIN LATERAL (
           SELECT count(*)::text AS mentions
             FROM (SELECT 1 FROM messages m
                    WHERE m.channel_id = c.id AND m.seq > coalesce(r.last_read_seq, 0) AND m.removed_at IS NULL AND m.mentions <> '{}'
                      AND $1 = ANY (m.mentions)
                    LIMIT ${UNREAD_COUNT_CAP}) y
         ) mm
        WHERE c.id = ANY ($2::uuid[])`,
      [userId, channelIds],
    );
    return rows.map((r) => ({
      channelId: r.channel_id,
      unread: Number(r.unread),
      mentions: Number(r.mentions),
      firstUnreadSeq: r.first_unread_seq,
      lastReadSeq: r.last_read_seq,
    }));
  }

  /** Of the given channels, those the person has opened (has a read position in). */
  async opened(userId: string, channelIds: string[]): Promise<Set<string>> {
    if (channelIds.length === 0) return new Set();
    const rows: { channel_id: string }[] = await this.dataSource.query(
      `SELECT channel_id FROM channel_reads WHERE user_id = $1 AND channel_id = ANY ($2::uuid[])`,
      [userId, channelIds],
    );
    return new Set(rows.map((r) => r.channel_id));
  }

  /**
   * Of the given channels, those with a live message by someone else posted after `since` and after the person's
   * read position: what is new to them since then.
   */
  async newSince(userId: string, channelIds: string[], since: Date): Promise<Set<string>> {
    if (channelIds.length === 0) return new Set();
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT c.id FROM unnest($2::uuid[]) AS c(id)
         LEFT JOIN channel_reads r ON r.channel_id = c.id AND r.user_id = $1
        WHERE EXISTS (SELECT 1 FROM messages m
                       WHERE m.channel_id = c.id AND m.seq > coalesce(r.last_read_seq, 0) AND m.created_at > $3
                         AND m.author_id <> $1 AND m.removed_at IS NULL)`,
      [userId, channelIds, since],
    );
    return new Set(rows.map((r) => r.id));
  }
}
