/**
 * Reporting periods as readers see them. Reading, building and ordering periods are the server's rules too, in
 * @shared/periods; this is what the web pages add: formats for readers, positions on a time axis, year pickers.
 */
import { MIN_YEAR, periodParts } from '@shared/periods';

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A period for readers: "2024", "Q3 2024", "Jul 2024" in English; "2024年", "2024年第3季度", "2024年7月" in Chinese.
 * Text that is not a period is returned as it is.
 */
export function formatPeriod(text: string, locale: string): string {
  const p = periodParts(text);
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
  const p = periodParts(text);
  return p ? dayTime(p.end) + 86_400_000 - 1 : null;
}

/** Years offered in pickers, newest first. */
export function recentYears(today: string, count = 15): number[] {
  const year = Number(today.slice(0, 4));
  return Array.from({ length: count }, (_, i) => year - i).filter((y) => y >= MIN_YEAR);
}
