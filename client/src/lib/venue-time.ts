/**
 * A meeting time as "09:00 Suzhou (UTC+8) · 02:00 your time": in the venue's time zone, named by its city, and in
 * the reader's own when that differs.
 */
export function venueTime(iso: string, timeZone: string, city: string | null, locale: string, yourTime: string): string {
  const date = new Date(iso);
  const time = (zone?: string) => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }).format(date);
  const offset =
    new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'shortOffset' }).formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  const venue = `${time(timeZone)} ${city ?? timeZone} (${offset.replace('GMT', 'UTC')})`;
  const mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return time(mine) === time(timeZone) ? venue : `${venue} · ${time(mine)} ${yourTime}`;
}
