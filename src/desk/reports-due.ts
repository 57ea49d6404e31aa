import { dueDate, periodsBetween, recentPeriods } from '../indicators/completeness/completeness';
import { parsePeriod, type PeriodType } from '../shared/periods';

/** A report shows on the desk from this many days before its due day (as the reminders go out), and stays once overdue. */
export const DUE_SOON_DAYS = 7;

const DAY_MS = 86_400_000;

export interface ReportingCalendar {
  id: string;
  frequency: PeriodType;
  dueDays: number;
}

export interface ExpectedReport {
  indicatorId: string;
  period: string;
  periodStart: string;
  /** YYYY-MM-DD (UTC). */
  due: string;
  overdue: boolean;
}

/**
 * The reports an indicator's calendar expects of a park now: of the last two periods that have ended by `today`
 * (YYYY-MM-DD, UTC), those due within DUE_SOON_DAYS or already overdue. Whether the park has reported them is the
 * database's to say.
 */
export function expectedReports(calendars: readonly ReportingCalendar[], today: string): ExpectedReport[] {
  const soon = new Date(Date.parse(`${today}T00:00:00Z`) + DUE_SOON_DAYS * DAY_MS).toISOString().slice(0, 10);
  return calendars.flatMap((c) => {
    const [from, to] = recentPeriods(c.frequency, today, 2);
    return periodsBetween(c.frequency, from, to, 2).flatMap((text) => {
      const period = parsePeriod(text)!;
      const due = dueDate(period.end, c.dueDays);
      if (due > soon) return [];
      return [{ indicatorId: c.id, period: period.period, periodStart: period.start, due, overdue: due < today }];
    });
  });
}
