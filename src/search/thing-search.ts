import { headlineSql, matchesSql, rankSql, toSnippet } from '../common/search-text';
import type { LocalizedText } from '../common/localized-text';
import type { SearchKind } from '../shared/enums';
import type { SearchAnswer, SearchRequest } from './search.registry';

/**
 * Search over things (roundtables, commitments, indicators) in one query: `candidates` selects every searchable
 * text of the things the searcher may see, as rows (id, title jsonb, field, text, created_at, extra jsonb); each
 * thing counts once, with its best-matching text. Parameters: $1 query, $2 pattern, $3 from, $4 to, $5 take; the
 * candidates' own start at $6.
 */
export const thingSearchSql = (candidates: string) => `
  WITH candidates AS (${candidates}),
  matched AS (
    SELECT DISTINCT ON (id) id, title, field, text, created_at, extra, ${rankSql('text', '$1', '$2')} AS score
      FROM candidates
     WHERE ${matchesSql('text', '$1', '$2')}
       AND ($3::date IS NULL OR created_at >= $3::date) AND ($4::date IS NULL OR created_at < $4::date + 1)
     ORDER BY id, score DESC
  ),
  ranked AS (
    SELECT *, count(*) OVER () AS total FROM matched ORDER BY score DESC, created_at DESC, id LIMIT $5
  )
  SELECT id, title, field, text, created_at, extra, score, total::text AS total, ${headlineSql('text', '$1')} AS headline
    FROM ranked ORDER BY score DESC, created_at DESC, id`;

export const thingSearchParams = (request: SearchRequest, ...own: unknown[]): unknown[] => [
  request.text.query,
  request.text.like,
  request.from,
  request.to,
  request.take,
  ...own,
];

export interface ThingHitRow {
  id: string;
  title: LocalizedText;
  field: string;
  text: string;
  created_at: Date;
  extra: Record<string, string> | null;
  score: number;
  total: string;
  headline: string | null;
}

export const toThingAnswer = (kind: SearchKind, rows: ThingHitRow[], request: SearchRequest): SearchAnswer => ({
  total: rows.length ? Number(rows[0].total) : 0,
  hits: rows.map((r) => ({
    score: Number(r.score),
    hit: {
      kind,
      id: r.id,
      title: r.title,
      field: r.field,
      snippet: toSnippet(r.headline, r.text.trim(), request.text.needle),
      createdAt: r.created_at.toISOString(),
      ...(r.extra ?? {}),
    },
  })),
});
