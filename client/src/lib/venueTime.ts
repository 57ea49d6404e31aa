/**
 * Times of a meeting in its venue's time zone and in the reader's, with Intl. Reading a form's wall time in a zone is
 * in roundtables/zonedInput.ts, with date-fns-tz, which only the forms need.
 */
import { formatter } from '../i18n/format';

/** The reader's (browser's) IANA time zone, e.g. Europe/Zurich. */
export const readerTimeZone = (): string => formatter('en-US', {}).resolvedOptions().timeZone || 'UTC';

/** Every IANA zone the browser knows, the reader's first when it is missing from the list. */
export function timeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  const list = supported.length ? supported : ['UTC', 'Asia/Shanghai', 'Europe/Zurich'];
  const mine = readerTimeZone();
  return list.includes(mine) ? list : [mine, ...list];
}

/** "UTC+8" (or "UTC" itself) for the zone at that moment. */
export function utcOffset(iso: string | Date, timeZone: string): string {
  const part = formatter('en-US', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(new Date(iso))
    .find((p) => p.type === 'timeZoneName');
  return `UTC${part?.value.replace('GMT', '') ?? ''}`;
}

/** The city a zone is named after (Asia/Shanghai → Shanghai). */
export const zoneCity = (timeZone: string) => (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');

/** The calendar day of an instant in the zone, as "2027-03-10". */
export function zonedDay(iso: string | Date, timeZone: string): string {
  const parts = formatter('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const timeFormat = (locale: string, timeZone: string, withDate: boolean) =>
  formatter(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(withDate ? { dateStyle: undefined, day: 'numeric', month: 'short', year: 'numeric' } : {}),
  });

/** The time (with its date when asked) in the venue's zone and in the reader's, each formatted for the locale. */
export function venueAndReaderTimes(iso: string, timeZone: string, locale: string, withDate = false) {
  const at = new Date(iso);
  const reader = readerTimeZone();
  return {
    venue: timeFormat(locale, timeZone, withDate).format(at),
    reader: timeFormat(locale, reader, withDate).format(at),
    offset: utcOffset(at, timeZone),
    readerZone: reader,
  };
}
