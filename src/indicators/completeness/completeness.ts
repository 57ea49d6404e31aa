import { buildPeriod, parsePeriod, periodParts, type PeriodType } from '../../shared/periods';

/** A park's value for a period: reported by the due day, reported after it, not reported and overdue, or not due yet. */
export type CellStatus = 'on_time' | 'late' | 'missing' | 'not_due';

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The day (YYYY-MM-DD) `days` after `day`. */
export function addDays(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** The day a period's value is due: `dueDays` after the period's last day (YYYY-MM-DD). */
export function dueDate(periodEnd: string, dueDays: number): string {
  return addDays(periodEnd, dueDays);
}

/**
 * A cell with no value on `today` (YYYY-MM-DD, UTC): missing once its due day has passed, and not due until then (the
 * due day itself included).
 */
export function unreportedStatus(due: string, today: string): CellStatus {
  return today > due ? 'missing' : 'not_due';
}

/**
 * How the repository sends the periods a park reported: one character per value (each breakdown of a period is one),
 * whose code less 48 is twice the period's index among the matrix's periods, plus one when the value was first
 * reported (that UTC day) on or before the period's due day. So "1" is the first period on time, "6" the fourth late.
 * A period is on time when any of its values was; a matrix holds at most 120 periods (codes 48 to 287).
 *
 * A code per value, read by character codes, because the national matrix has ~30,000 cells: a string, a map entry and
 * a date per cell made most of that request's time (allocation and garbage collection), and formatting them most of
 * the query's.
 */
export const REPORTED_CODE_BASE = 48;

/** A park's row: `unreported` (each period's status with no value) with the periods in `reported` filled in. */
export function parkCells(unreported: readonly CellStatus[], reported: string | undefined): CellStatus[] {
  const cells = unreported.slice();
  if (!reported) return cells;
  for (let i = 0; i < reported.length; i++) {
    const code = reported.charCodeAt(i) - REPORTED_CODE_BASE;
    const index = code >> 1;
    if (code < 0 || index >= cells.length) throw new Error(`reported cells: malformed "${reported}"`);
    if (code & 1) cells[index] = 'on_time';
    else if (cells[index] !== 'on_time') cells[index] = 'late';
  }
  return cells;
}

export interface CompletenessRates {
  onTime: number;
  late: number;
  missing: number;
  notDue: number;
  /** Cells a value was expected for: reported ones, and missing ones. */
  expected: number;
  /** Reported / expected, and on time / expected; null when nothing was expected yet. */
  reportingRate: number | null;
  timelinessRate: number | null;
}

/** The counts of cells by status, summed over rows (a city's parks, every park) without gathering their cells. */
export class CellTally {
  onTime = 0;
  late = 0;
  missing = 0;
  notDue = 0;

  count(cell: CellStatus): void {
    if (cell === 'on_time') this.onTime++;
    else if (cell === 'late') this.late++;
    else if (cell === 'missing') this.missing++;
    else this.notDue++;
  }

  add(counts: Pick<CompletenessRates, 'onTime' | 'late' | 'missing' | 'notDue'>): void {
    this.onTime += counts.onTime;
    this.late += counts.late;
    this.missing += counts.missing;
    this.notDue += counts.notDue;
  }

  rates(): CompletenessRates {
    const { onTime, late, missing, notDue } = this;
    const expected = onTime + late + missing;
    const share = (n: number) => (expected ? Math.round((n / expected) * 1000) / 1000 : null);
    return { onTime, late, missing, notDue, expected, reportingRate: share(onTime + late), timelinessRate: share(onTime) };
  }
}

export function rates(cells: readonly CellStatus[]): CompletenessRates {
  const tally = new CellTally();
  for (const cell of cells) tally.count(cell);
  return tally.rates();
}

/** The periods of a frequency whose start lies from the start of `from` to the end of `to`, oldest first. */
export function periodsBetween(frequency: PeriodType, from: string, to: string, limit: number): string[] {
  const first = parsePeriod(from);
  const last = parsePeriod(to);
  if (!first || !last || first.start > last.end) return [];
  const [y, m] = first.start.split('-').map(Number);
  const out: string[] = [];
  let year = y;
  let part = frequency === 'year' ? 0 : frequency === 'quarter' ? Math.ceil(m / 3) : m;
  // A frequency coarser than `from` starts with the period holding it only if that period starts within the range.
  for (;;) {
    const text = frequency === 'year' ? String(year) : buildPeriod(frequency, year, part);
    const p = periodParts(text);
    if (!p || p.start > last.end || out.length >= limit) break;
    if (p.start >= first.start) out.push(p.period);
    if (frequency === 'year') year++;
    else if (part === (frequency === 'quarter' ? 4 : 12)) [year, part] = [year + 1, 1];
    else part++;
  }
  return out;
}

/** The last `count` periods of a frequency that have ended by `today`, as [from, to]. */
export function recentPeriods(frequency: PeriodType, today: string, count: number): [string, string] {
  const [y, m] = today.split('-').map(Number);
  let year = y;
  let part = frequency === 'year' ? 0 : frequency === 'quarter' ? Math.ceil(m / 3) : m;
  const step = () => {
    if (frequency === 'year') year--;
    else if (part === 1) [year, part] = [year - 1, frequency === 'quarter' ? 4 : 12];
    else part--;
  };
  step(); // the current period has not ended
  const to = frequency === 'year' ? String(year) : buildPeriod(frequency, year, part);
  for (let i = 1; i < count; i++) step();
  const from = frequency === 'year' ? String(year) : buildPeriod(frequency, year, part);
  return [from, to];
}
