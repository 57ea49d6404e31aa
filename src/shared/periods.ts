/** Reporting periods: a year `2020`, a quarter `2020-Q3` or a month `2020-07`. */

export type PeriodType = 'year' | 'quarter' | 'month';
export const PERIOD_TYPES: readonly PeriodType[] = ['year', 'quarter', 'month'];

export interface Period {
  /** The canonical text, e.g. 2020-Q3. */
  period: string;
  type: PeriodType;
  /** First and last day, YYYY-MM-DD. */
  start: string;
  end: string;
}

/** A period with its year and its quarter (1–4) or month (1–12); part is 0 for a year. */
export interface PeriodParts extends Period {
  year: number;
  part: number;
}

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

export const PERIOD_FORMAT_MESSAGE = 'must be a year (2020), a quarter (2020-Q3) or a month (2020-07)';

const YEAR = /^(\d{4})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const iso = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
/** Day 0 of the next month is the last day of this one. */
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Reads a period with its year and part (lower-case `q` is fine); null when the text is not one. */
export function periodParts(text: string): PeriodParts | null {
  const value = text.trim().toUpperCase();
  let m: RegExpMatchArray | null;
  let type: PeriodType;
  let year: number;
  let part: number;
  let first: number;
  let months: number;
  if ((m = value.match(YEAR))) [type, year, part, first, months] = ['year', Number(m[1]), 0, 1, 12];
  else if ((m = value.match(QUARTER))) [type, year, part, first, months] = ['quarter', Number(m[1]), Number(m[2]), (Number(m[2]) - 1) * 3 + 1, 3];
  else if ((m = value.match(MONTH))) [type, year, part, first, months] = ['month', Number(m[1]), Number(m[2]), Number(m[2]), 1];
  else return null;
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  const last = first + months - 1;
  return { period: value, type, year, part, start: iso(year, first, 1), end: iso(year, last, lastDay(year, last)) };
}

/** Parses a period, or returns null when the text is not one. Lower-case `q` is accepted. */
export function parsePeriod(text: string): Period | null {
  const p = periodParts(text);
  return p && { period: p.period, type: p.type, start: p.start, end: p.end };
}

/** Null when the period is acceptable for an observation (a real period that has begun), else the message. */
export function periodProblem(text: string, today = new Date(), field = 'period'): string | null {
  const period = parsePeriod(text);
  if (!period) return `${field} ${PERIOD_FORMAT_MESSAGE}, with a year from ${MIN_YEAR} to ${MAX_YEAR}`;
  if (period.start > today.toISOString().slice(0, 10)) return `${field} ${period.period} has not begun yet`;
  return null;
}

/** Whether the period has begun on `today` (YYYY-MM-DD): the server refuses values for periods still to come. */
export function periodHasBegun(text: string, today: string): boolean {
  const p = parsePeriod(text);
  return p !== null && p.start <= today;
}

/** The period text for a type, a year and a quarter or month (ignored for a year). */
export function buildPeriod(type: PeriodType, year: number, part = 1): string {
  if (type === 'year') return String(year);
  if (type === 'quarter') return `${year}-Q${part}`;
  return `${year}-${pad(part)}`;
}

/** The type of a period text, or null. */
export const periodTypeOf = (text: string): PeriodType | null => parsePeriod(text)?.type ?? null;

/** Orders periods by start, then the shorter period first (2020-01 before 2020-Q1 before 2020). */
export function comparePeriods(a: string, b: string): number {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  if (!pa || !pb) return a.localeCompare(b);
  if (pa.start !== pb.start) return pa.start < pb.start ? -1 : 1;
  return pa.end < pb.end ? -1 : pa.end > pb.end ? 1 : 0;
}
