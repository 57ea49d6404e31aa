import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { headlineSql, matchesSql, rankSql, type SearchText } from '../common/search-text';
import type { ChannelKind } from './entities/channel.entity';
import type { ReadableScope } from './channel-access.registry';
import { readableChannelsSql } from './readable-channels';

export interface MessageHitRow {
  id: string;
  channel_id: string;
  kind: ChannelKind;
  ref_id: string | null;
  seq: string;
  body: string;
  created_at: Date;
  author_id: string;
  author_name: string;
  score: number;
  headline: string | null;
  total: string;
}

export interface MessageSearch {
  text: SearchText;
  scopes: Map<ChannelKind, ReadableScope>;
  channelId: string | null;
  authorId: string | null;
  from: string | null;
  to: string | null;
  take: number;
}

/**
 * Search over messages (read-only, the messages and channels tables, and authors' names from the users table as
 * the message history does). Rights are part of the query: only channels the searcher may read are matched or counted.
 */
@Injectable()
export class MessageSearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  async search(s: MessageSearch): Promise<MessageHitRow[]> {
    const params: unknown[] = [s.text.query, s.text.like];
    const readable = readableChannelsSql(s.scopes, 'c', params.length + 1);
    params.push(...readable.params);
    const filters: string[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      filters.push(sql(`$${params.length}`));
    };
    if (s.channelId) add((p) => `m.channel_id = ${p}`, s.channelId);
    if (s.authorId) add((p) => `m.author_id = ${p}`, s.authorId);
    if (s.from) add((p) => `m.created_at >= ${p}::date`, s.from);
    if (s.to) add((p) => `m.created_at < ${p}::date + 1`, s.to);
    params.push(s.take);
    return this.dataSource.query(
      `WITH hits AS (
         SELECT m.id, m.channel_id, c.kind, c.ref_id, m.seq, m.body, m.created_at, m.author_id,
                ${rankSql('m.body', '$1', '$2')} AS score, count(*) OVER () AS total
           FROM messages m JOIN channels c ON c.id = m.channel_id
          WHERE m.removed_at IS NULL AND ${matchesSql('m.body', '$1', '$2')} AND ${readable.sql}
                ${filters.map((f) => `AND ${f}`).join(' ')}
          ORDER BY score DESC, m.created_at DESC, m.id
          LIMIT $${params.length}
       )
       SELECT h.id, h.channel_id, h.kind, h.ref_id, h.seq::text AS seq, h.body, h.created_at, h.author_id, h.score, h.total::text AS total,
              u.display_name AS author_name, ${headlineSql('h.body', '$1')} AS headline
         FROM hits h JOIN users u ON u.id = h.author_id
        ORDER BY h.score DESC, h.created_at DESC, h.id`,
      params,
    );
  }
}
