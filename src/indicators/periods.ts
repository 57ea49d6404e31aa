/** Reporting periods: a year `2020`, a quarter `2020-Q3` or a month `2020-07`. */

export type PeriodType = 'year' | 'quarter' | 'month';

export interface Period {
  /** The canonical text, e.g. 2020-Q3. */
  period: string;
  type: PeriodType;
  /** First and last day, YYYY-MM-DD. */
  start: string;
  end: string;
}

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

export const PERIOD_FORMAT_MESSAGE = 'must be a year (2020), a quarter (2020-Q3) or a month (2020-07)';

const YEAR = /^(\d{4})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const iso = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
/** Day 0 of the next month is the last day of this one. */
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Parses a period, or returns null when the text is not one. Lower-case `q` is accepted. */
export function parsePeriod(text: string): Period | null {
  const value = text.trim().toUpperCase();
  let m: RegExpMatchArray | null;
  let year: number;
  let first: number;
  let months: number;
  let type: PeriodType;
  if ((m = value.match(YEAR))) [year, first, months, type] = [Number(m[1]), 1, 12, 'year'];
  else if ((m = value.match(QUARTER))) [year, first, months, type] = [Number(m[1]), (Number(m[2]) - 1) * 3 + 1, 3, 'quarter'];
  else if ((m = value.match(MONTH))) [year, first, months, type] = [Number(m[1]), Number(m[2]), 1, 'month'];
  else return null;
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  const last = first + months - 1;
  return { period: value, type, start: iso(year, first, 1), end: iso(year, last, lastDay(year, last)) };
}

/** Null when the period is acceptable for an observation (a real period that has begun), else the message. */
export function periodProblem(text: string, today = new Date(), field = 'period'): string | null {
  const period = parsePeriod(text);
  if (!period) return `${field} ${PERIOD_FORMAT_MESSAGE}, with a year from ${MIN_YEAR} to ${MAX_YEAR}`;
  if (period.start > today.toISOString().slice(0, 10)) return `${field} ${period.period} has not begun yet`;
  return null;
}
