/** Rules for what a message body may hold and whom it mentions: plain functions, unit-tested beside this file. */
import { withoutBidiControls } from '../common/text-safety';

export const MAX_BODY_LENGTH = 4000;
export const MAX_MENTIONS = 20;
const MENTION_WINDOW = 80;

// C0 controls except tab (\t) and newline (\n), DEL, and the C1 block. Carriage returns are folded first.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: a body may not hold them.
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/**
 * CRLF becomes LF, bidirectional override and isolate controls are dropped (they could make a message read in another
 * order than it was written) and the ends are trimmed; the body is otherwise stored exactly as written (never as HTML).
 */
export function normalizeBody(value: unknown): unknown {
  return typeof value === 'string' ? withoutBidiControls(value.replace(/\r\n/g, '\n')).trim() : value;
}

/** Length in characters as PostgreSQL counts them (code points, so one emoji is one character). */
export const characterCount = (text: string) => [...text].length;

/** Why a (normalized) body is refused, or null when it is fine. */
export function bodyProblem(body: unknown, field = 'body'): string | null {
  if (typeof body !== 'string') return `${field} must be a string`;
  if (body.length === 0) return `${field} must not be empty`;
  if (characterCount(body) > MAX_BODY_LENGTH) return `${field} must be at most ${MAX_BODY_LENGTH} characters`;
  if (FORBIDDEN_CONTROL.test(body)) return `${field} must not contain control characters (only newline and tab are allowed)`;
  return null;
}

/**
 * The text following each `@` that starts a mention (at the start or after a non-word character, so that
 * `someone@example.org` is not one), lower-cased and cut to a window long enough for any display name.
 */
export function mentionSegments(body: string): string[] {
  const segments: string[] = [];
  for (let i = body.indexOf('@'); i !== -1 && segments.length < MAX_MENTIONS; i = body.indexOf('@', i + 1)) {
    const before = i === 0 ? '' : body[i - 1];
    if (before && /[\p{L}\p{N}_.+-]/u.test(before)) continue;
    const segment = body.slice(i + 1, i + 1 + MENTION_WINDOW).toLowerCase();
    if (segment.trim()) segments.push(segment);
  }
  return segments;
}

export interface MentionCandidate {
  id: string;
  displayName: string;
  email: string;
}

const isHan = (ch: string) => /\p{Script=Han}/u.test(ch);

/** True when `name` is at the start of `segment` and ends on a word boundary (Chinese names need no space after). */
function namedAt(segment: string, name: string): boolean {
  if (!name || !segment.startsWith(name)) return false;
  const next = segment.slice(name.length, name.length + 1);
  if (!next) return true;
  const last = [...name].pop()!;
  if (isHan(last)) return true;
  return !/[\p{L}\p{N}_]/u.test(next);
}

/**
 * Resolves mention segments to users: each segment names the candidate whose display name or email local part
 * matches it longest (so "@Li Wei" prefers "Li Wei" over "Li"). Returns distinct user ids in order of mention.
 */
export function resolveMentions(segments: string[], candidates: MentionCandidate[]): string[] {
  const ids: string[] = [];
  for (const segment of segments) {
    let best: { id: string; length: number } | null = null;
    for (const c of candidates) {
      for (const name of [c.displayName.trim().toLowerCase(), c.email.split('@')[0].toLowerCase()]) {
        if (namedAt(segment, name) && (!best || name.length > best.length)) best = { id: c.id, length: name.length };
      }
    }
    if (best && !ids.includes(best.id)) ids.push(best.id);
  }
  return ids;
}

/** How much of a quoted message a reply shows. */
export const QUOTE_EXCERPT_LENGTH = 160;

/** The beginning of a quoted message, on one line, cut at a whole character with an ellipsis when longer. */
export function quoteExcerpt(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length > QUOTE_EXCERPT_LENGTH ? `${chars.slice(0, QUOTE_EXCERPT_LENGTH - 1).join('')}…` : line;
}
