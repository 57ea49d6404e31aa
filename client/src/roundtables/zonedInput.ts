/**
 * A form's date and time fields (`<input type="datetime-local">`) read and written as wall time in a meeting's zone.
 * date-fns-tz turns a wall time into an instant across daylight-saving changes; only the forms need it, so it comes
 * with their scripts (the build's `dates` chunk), not with every page's.
 */
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';

/** "2027-03-10T09:00" for a datetime-local input showing the instant in the zone; "" for no value. */
export function toZonedInput(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : formatInTimeZone(d, timeZone, "yyyy-MM-dd'T'HH:mm");
}

/** The ISO instant of a datetime-local value read as wall time in the zone, or null when empty or invalid. */
export function fromZonedInput(value: string, timeZone: string): string | null {
  if (!value) return null;
  const d = fromZonedTime(value, timeZone);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
