/** Reporting periods as the API writes them: a year `2020`, a quarter `2020-Q3` or a month `2020-07`. */

export type PeriodType = 'year' | 'quarter' | 'month';
export const PERIOD_TYPES: readonly PeriodType[] = ['year', 'quarter', 'month'];

export interface Period {
  /** The canonical text, e.g. 2020-Q3. */
  period: string;
  type: PeriodType;
  year: number;
  /** The quarter (1–4) or the month (1–12); 0 for a year. */
  part: number;
  /** First and last day, YYYY-MM-DD. */
  start: string;
  end: string;
}

/** The server's range (src/indicators/periods.ts). */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

const YEAR = /^(\d{4})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const iso = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
/** Day 0 of the next month is the last day of this one. */
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Reads a period (lower-case `q` is fine); null when the text is not one. */
export function parsePeriod(text: string): Period | null {
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

/** The period text for a type, a year and a quarter or month (ignored for a year). */
export function buildPeriod(type: PeriodType, year: number, part = 1): string {
  if (type === 'year') return String(year);
  if (type === 'quarter') return `${year}-Q${part}`;
  return `${year}-${pad(part)}`;
}

/** The type of a period text, or null. */
export const periodTypeOf = (text: string): PeriodType | null => parsePeriod(text)?.type ?? null;

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A period for readers: "2024", "Q3 2024", "Jul 2024" in English; "2024年", "2024年第3季度", "2024年7月" in Chinese.
 * Text that is not a period is returned as it is.
 */
export function formatPeriod(text: string, locale: string): string {
  const p = parsePeriod(text);
  if (!p) return text;
  const zh = locale.toLowerCase().startsWith('zh');
  if (p.type === 'year') return zh ? `${p.year}年` : String(p.year);
  if (p.type === 'quarter') return zh ? `${p.year}年第${p.part}季度` : `Q${p.part} ${p.year}`;
  let f = monthFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
    monthFormats.set(locale, f);
  }
  return f.format(new Date(Date.UTC(p.year, p.part - 1, 1)));
}

/** Milliseconds since the epoch at the start of a YYYY-MM-DD day (UTC). */
export const dayTime = (date: string): number => Date.parse(`${date.slice(0, 10)}T00:00:00Z`);

/**
 * Where a period sits on a time axis: the end of its last day. Trajectories are judged at the end of the latest
 * period, so points and the baseline→target line share one clock.
 */
export function periodTime(text: string): number | null {
  const p = parsePeriod(text);
  return p ? dayTime(p.end) + 86_400_000 - 1 : null;
}

/** Orders periods by start, then the shorter period first (2020-01 before 2020-Q1 before 2020). */
export function comparePeriods(a: string, b: string): number {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  if (!pa || !pb) return a.localeCompare(b);
  if (pa.start !== pb.start) return pa.start < pb.start ? -1 : 1;
  return pa.end < pb.end ? -1 : pa.end > pb.end ? 1 : 0;
}

/** Whether the period has begun on `today` (YYYY-MM-DD): the server refuses values for periods still to come. */
export function periodHasBegun(text: string, today: string): boolean {
  const p = parsePeriod(text);
  return p !== null && p.start <= today;
}

/** Years offered in pickers, newest first. */
export function recentYears(today: string, count = 15): number[] {
  const year = Number(today.slice(0, 4));
  return Array.from({ length: count }, (_, i) => year - i).filter((y) => y >= MIN_YEAR);
}
