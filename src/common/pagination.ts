import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { badRequest } from './errors';
import { Omittable } from './validation';

/** The text a query value reads as: a repeated parameter (an array) reads as its values joined by commas. */
const queryText = (value: unknown): string =>
  Array.isArray(value) ? value.join(',') : typeof value === 'string' || typeof value === 'number' ? String(value) : '';

export const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(queryText(value)) ? Number(value) : value;

/** limit/cursor paging; the cursor is opaque to clients. */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer' })
  @Omittable()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @Omittable()
  @IsString()
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const encodeCursor = (value: Record<string, unknown>) => Buffer.from(JSON.stringify(value)).toString('base64url');
export function decodeCursor<T>(cursor: string | undefined): T | null {
  if (!cursor) return null;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
  } catch {
    return null;
  }
}

/** What a cursor field holds: a uuid, a PostgreSQL timestamp as the API wrote it, or a bigint id (as text). */
export type CursorField = 'uuid' | 'timestamp' | 'bigint';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/;
const BIGINT_MAX = 9223372036854775807n;

/** A timestamp PostgreSQL reads: the shape the API writes, and a real date and time (no 31 February). */
function isTimestamp(text: string): boolean {
  const m = TIMESTAMP.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59;
}

const FIELD_CHECKS: Record<CursorField, (value: unknown) => boolean> = {
  uuid: (value) => typeof value === 'string' && UUID.test(value),
  timestamp: (value) => typeof value === 'string' && isTimestamp(value),
  bigint: (value) => typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= BIGINT_MAX,
};

/**
 * Reads a cursor the API handed out, checking each of its fields is what the API put there: null without a cursor,
 * and a 400 naming `cursor` for anything else (a cursor is opaque, but it comes from the client).
 */
export function readCursor<K extends string>(cursor: string | undefined, fields: Record<K, CursorField>): Record<K, string> | null {
  if (!cursor) return null;
  const decoded = decodeCursor<Record<string, unknown>>(cursor);
  const ok =
    decoded !== null &&
    typeof decoded === 'object' &&
    !Array.isArray(decoded) &&
    (Object.entries(fields) as [K, CursorField][]).every(([name, kind]) => FIELD_CHECKS[kind](decoded[name]));
  if (!ok) throw badRequest('cursor', 'cursor is malformed; pass back the nextCursor of a previous page');
  return decoded as Record<K, string>;
}
