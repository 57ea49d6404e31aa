import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { headlineSql, matchesVectorSql, rankVectorSql, type SearchText } from '../common/search-text';
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

export interface MessageHits {
  rows: MessageHitRow[];
  /** Hits the searcher may see (MESSAGE_COUNT_CAP when capped). */
  total: number;
  /** More than MESSAGE_COUNT_CAP hits: total is a lower bound and the rows are the newest, not the best ranked. */
  capped: boolean;
}

/**
 * Counting stops past this many hits. Ranking every hit of a word that stands in tens of thousands of messages costs
 * more than a reader gains (nobody pages that far): such a search says "200+" and shows the newest hits first. Counting
 * 200 rather than 1,000 hits takes about a quarter off the p95 of bench:search (README, "Search, unread and the desk").
 */
export const MESSAGE_COUNT_CAP = 200;

/**
 * Search over messages (read-only, the messages and channels tables, and authors' names from the users table as
 * the message history does). Rights are part of the query: only channels the searcher may read are matched or counted.
 */
@Injectable()
export class MessageSearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  async search(s: MessageSearch): Promise<MessageHits> {
    const params: unknown[] = [s.text.query, s.text.like];
    const matches = await this.matchSql(s.text, params);
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
    const where = `m.removed_at IS NULL AND ${matches} AND ${readable.sql}
                   ${filters.map((f) => `AND ${f}`).join(' ')}`;
    const [{ n }]: { n: number }[] = await this.dataSource.query(
      // The readable channels as a list first, so that PostgreSQL can intersect the channel index with the text
      // indexes and fetch only rows of those channels (rather than every match, to drop most of them).
      `SELECT count(*)::int AS n FROM (
         SELECT 1 FROM messages m JOIN channels c ON c.id = m.channel_id
          WHERE ${where} AND m.channel_id = ANY (ARRAY(SELECT c.id FROM channels c WHERE ${readable.sql}))
          LIMIT ${MESSAGE_COUNT_CAP + 1}) x`,
      params,
    );
    const capped = n > MESSAGE_COUNT_CAP;
    const score = rankVectorSql('m.body_tsv', 'm.body', '$1', '$2');
    params.push(s.take);
    const rows: MessageHitRow[] = await this.dataSource.query(
      `WITH hits AS (
         SELECT m.id, m.channel_id, c.kind, c.ref_id, m.seq, m.body, m.created_at, m.author_id, ${capped ? '0::real' : score} AS score
           FROM messages m JOIN channels c ON c.id = m.channel_id
          WHERE ${where}
          ORDER BY ${capped ? 'm.created_at DESC, m.id' : 'score DESC, m.created_at DESC, m.id'}
          LIMIT $${params.length}
       )
       SELECT h.id, h.channel_id, h.kind, h.ref_id, h.seq::text AS seq, h.body, h.created_at, h.author_id, h.score,
              u.display_name AS author_name, ${headlineSql('h.body', '$1')} AS headline
         FROM hits h JOIN users u ON u.id = h.author_id
        ORDER BY h.score DESC, h.created_at DESC, h.id`,
      params,
    );
    return { rows, total: capped ? MESSAGE_COUNT_CAP : n, capped };
  }

  /**
   * How a message matches, using one index where one suffices: a run of Chinese characters through the two-character
   * index (then checked as an exact run), English words through the English vector alone; anything else (a mix, or
   * only words full-text search ignores, such as "the" or "#12") through both the vector and the substring.
   * Adds its parameters to `params` ($1 is the query, $2 the pattern; each path names both, typed, as the ranking
   * uses them and the count gets the same parameters).
   */
  private async matchSql(text: SearchText, params: unknown[]): Promise<string> {
    if (text.bigrams) {
      params.push(text.bigrams);
      return `(m.body_cjk @@ $${params.length}::tsquery AND m.body ILIKE $2 AND $1::text IS NOT NULL)`;
    }
    if (text.latin) {
      const [{ words }]: { words: number }[] = await this.dataSource.query(`SELECT numnode(websearch_to_tsquery('english', $1)) AS words`, [text.query]);
      if (words > 0) return `(m.body_tsv @@ websearch_to_tsquery('english', $1) AND $2::text IS NOT NULL)`;
    }
    return matchesVectorSql('m.body_tsv', 'm.body', '$1', '$2');
  }
}
