/**
 * The one way text is matched in search, shared by every module that offers its rows to search (each in its own
 * repository, over its own tables): English full-text search (stems, "quoted phrases", -excluded words) or, for
 * Chinese and any other run of characters, a case-insensitive substring (served by pg_trgm indexes on large tables).
 */

/** Marks a highlighted stretch in a headline from PostgreSQL; never present in stored text (control characters). */
export const HIT_START = '\u0002';
export const HIT_END = '\u0003';

export interface SearchText {
  /** The query as typed, for websearch_to_tsquery. */
  query: string;
  /** An ILIKE pattern for the query as one run of characters (quotes dropped, wildcards escaped). */
  like: string;
  /** The plain run of characters the pattern looks for. */
  needle: string;
  /**
   * For a run of two or more Chinese characters only: its overlapping two-character sequences as a tsquery
   * ('安全' & '全培'), all of which a message holding the run has; null otherwise.
   */
  bigrams: string | null;
  /** No Chinese character in it: English full-text search alone decides (when it has any word to look for). */
  latin: boolean;
}

/** Chinese (and other CJK) ideographs, as the messages' two-character index keeps them (migration MessageChineseBigrams). */
const IDEOGRAPHS = /^[\u3400-\u9fff\uf900-\ufaff]+$/;
const HAS_IDEOGRAPH = /[\u3400-\u9fff\uf900-\ufaff]/;

export function searchText(q: string): SearchText {
  const needle = q.replace(/["“”]/g, '').replace(/\s+/g, ' ').trim();
  const pairs = IDEOGRAPHS.test(needle) && needle.length >= 2 ? [...new Set(Array.from(needle.slice(1), (c, i) => needle[i] + c))] : null;
  return {
    query: q,
    needle,
    like: `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    bigrams: pairs ? pairs.map((pair) => `'${pair}'`).join(' & ') : null,
    latin: !HAS_IDEOGRAPH.test(needle),
  };
}

/** SQL: the text expression matches the query ($query: the query, $like: the pattern). */
export const matchesSql = (text: string, query: string, like: string) =>
  `(to_tsvector('english', ${text}) @@ websearch_to_tsquery('english', ${query}) OR ${text} ILIKE ${like})`;

/** SQL: as matchesSql, for a table that stores the text's English vector (`vector`) beside the text. */
export const matchesVectorSql = (vector: string, text: string, query: string, like: string) =>
  `(${vector} @@ websearch_to_tsquery('english', ${query}) OR ${text} ILIKE ${like})`;

/** SQL: as rankSql, from a stored vector. */
export const rankVectorSql = (vector: string, text: string, query: string, like: string) =>
  `(ts_rank(${vector}, websearch_to_tsquery('english', ${query})) + CASE WHEN ${text} ILIKE ${like} THEN 0.5 ELSE 0 END)`;

/** SQL: how well it matches (full-text rank, and a bonus for the exact run of characters). */
export const rankSql = (text: string, query: string, like: string) =>
  `(ts_rank(to_tsvector('english', ${text}), websearch_to_tsquery('english', ${query})) + CASE WHEN ${text} ILIKE ${like} THEN 0.5 ELSE 0 END)`;

/** SQL: an English headline of the text with the matched words between HIT_START and HIT_END. */
export const headlineSql = (text: string, query: string) =>
  `ts_headline('english', ${text}, websearch_to_tsquery('english', ${query}), 'StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=28, MinWords=12, HighlightAll=false')`;

export interface SnippetPart {
  text: string;
  /** True for the words that matched. */
  hit: boolean;
}

const AROUND = 60;

/**
 * The snippet shown for a hit, as plain parts (never HTML): PostgreSQL's headline when it marked a word; otherwise
 * the stretch around the first place the needle occurs (Chinese), with that place marked.
 */
export function toSnippet(headline: string | null, fullText: string, needle: string): SnippetPart[] {
  if (headline && headline.includes(HIT_START)) {
    const parts: SnippetPart[] = [];
    for (const piece of headline.split(HIT_START)) {
      const [hit, rest] = piece.includes(HIT_END) ? piece.split(HIT_END, 2) : [null, piece];
      if (hit !== null && hit !== '') parts.push({ text: hit, hit: true });
      if (rest) parts.push({ text: rest, hit: false });
    }
    return merge(parts);
  }
  const at = needle ? fullText.toLowerCase().indexOf(needle.toLowerCase()) : -1;
  if (at < 0) return [{ text: clip(fullText, 0, AROUND * 2), hit: false }];
  const start = Math.max(0, at - AROUND);
  const end = Math.min(fullText.length, at + needle.length + AROUND);
  return merge([
    { text: (start > 0 ? '…' : '') + fullText.slice(start, at), hit: false },
    { text: fullText.slice(at, at + needle.length), hit: true },
    { text: fullText.slice(at + needle.length, end) + (end < fullText.length ? '…' : ''), hit: false },
  ]);
}

const clip = (text: string, start: number, length: number) => text.slice(start, start + length) + (text.length > start + length ? '…' : '');

function merge(parts: SnippetPart[]): SnippetPart[] {
  const out: SnippetPart[] = [];
  for (const part of parts) {
    if (!part.text) continue;
    const last = out[out.length - 1];
    if (last && last.hit === part.hit) last.text += part.text;
    else out.push({ ...part });
  }
  return out;
}

/** SQL: both languages of a { en, zh } jsonb column as one text. */
export const bothLanguagesSql = (column: string) => `(coalesce(${column}->>'en', '') || ' ' || coalesce(${column}->>'zh', ''))`;
