/** A single event, in the terms of RFC 5545 (iCalendar). */
export interface CalendarEvent {
  uid: string;
  /** When this iCalendar object was produced. */
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  status: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
  lastModified?: Date;
  /** The venue's IANA zone: times are written in it (TZID, with its VTIMEZONE); UTC or absent: in UTC (Z). */
  timeZone?: string;
  /** Raised each time the time or place changes, so calendars take an update over what they hold. */
  sequence?: number;
  /** iTIP method: PUBLISH (a file to import), REQUEST (an invitation or its update), CANCEL. */
  method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  /** For REQUEST and CANCEL: who invites, and who is invited. */
  organizer?: { name: string; email: string };
  attendee?: { name: string; email: string };
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** 20250102T030405Z */
export const icalUtc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

/** TEXT values: backslash, semicolon and comma are escaped, newlines become \n, other controls are dropped. */
export function escapeText(text: string): string {
  return (
    text
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // eslint-disable-next-line no-control-regex -- control characters are not allowed in iCalendar TEXT: dropped on purpose
      .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')
  );
}

/**
 * Folds a content line so that no physical line exceeds 75 octets (CRLF excluded), continuing with a space.
 * Splits between characters, never inside a multi-byte UTF-8 sequence, so Chinese text stays valid.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > MAX_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(CRLF);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The zone's offset from UTC at a point in time, in minutes (e.g. 480 for Asia/Shanghai). */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** 20310402T090000: the wall-clock time in the zone. */
export function icalLocal(d: Date, timeZone: string): string {
  const local = new Date(d.getTime() + zoneOffsetMinutes(timeZone, d) * 60000);
  return `${local.getUTCFullYear()}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}T${pad(local.getUTCHours())}${pad(local.getUTCMinutes())}${pad(local.getUTCSeconds())}`;
}

const offsetText = (minutes: number) => `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;

/**
 * A VTIMEZONE for the zone around the given times: each change of offset (found from the platform's zone data) from
 * a year before to a year after becomes an observance of its own, and the offset before them a first one.
 */
export function vtimezone(timeZone: string, from: Date, to: Date): string[] {
  const start = from.getTime() - 366 * 86400000;
  const end = to.getTime() + 366 * 86400000;
  const transitions: { at: number; before: number; after: number }[] = [];
  const step = 86400000;
  let previous = zoneOffsetMinutes(timeZone, new Date(start));
  for (let t = start + step; t <= end; t += step) {
    const current = zoneOffsetMinutes(timeZone, new Date(t));
    if (current === previous) continue;
    let lo = t - step;
    let hi = t;
    while (hi - lo > 60000) {
      const mid = Math.floor((lo + hi) / 2 / 60000) * 60000;
      if (zoneOffsetMinutes(timeZone, new Date(mid)) === previous) lo = mid;
      else hi = mid;
    }
    transitions.push({ at: hi, before: previous, after: current });
    previous = current;
  }
  const initial = zoneOffsetMinutes(timeZone, new Date(start));
  const observance = (kind: 'STANDARD' | 'DAYLIGHT', localStart: string, fromOffset: number, toOffset: number) => [
    `BEGIN:${kind}`,
    `DTSTART:${localStart}`,
    `TZOFFSETFROM:${offsetText(fromOffset)}`,
    `TZOFFSETTO:${offsetText(toOffset)}`,
    `END:${kind}`,
  ];
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`, ...observance('STANDARD', '19700101T000000', initial, initial)];
  for (const t of transitions) {
    const local = new Date(t.at + t.before * 60000);
    const text = `${local.getUTCFullYear()}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}T${pad(local.getUTCHours())}${pad(local.getUTCMinutes())}00`;
    lines.push(...observance(t.after > t.before ? 'DAYLIGHT' : 'STANDARD', text, t.before, t.after));
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

/** A complete VCALENDAR holding one VEVENT, with CRLF line endings. */
export function toICalendar(event: CalendarEvent, prodId = '-//GreenTable//Roundtables//EN'): string {
  // eslint-disable-next-line no-control-regex -- control characters (line breaks too) are stripped on purpose
  const oneLine = (s: string) => s.replace(/[\x00-\x1f\x7f]/g, '');
  // A parameter value: quoted, without the characters a quoted value cannot hold.
  const quoted = (s: string) => `"${oneLine(s).replace(/"/g, "'")}"`;
  const zone = event.timeZone ?? 'UTC';
  const zoned = zone !== 'UTC' && zone !== 'Etc/UTC';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${oneLine(prodId)}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${event.method ?? 'PUBLISH'}`,
    ...(zoned ? vtimezone(zone, event.start, event.end) : []),
    'BEGIN:VEVENT',
    `UID:${oneLine(event.uid)}`,
    `DTSTAMP:${icalUtc(event.stamp)}`,
    zoned ? `DTSTART;TZID=${zone}:${icalLocal(event.start, zone)}` : `DTSTART:${icalUtc(event.start)}`,
    zoned ? `DTEND;TZID=${zone}:${icalLocal(event.end, zone)}` : `DTEND:${icalUtc(event.end)}`,
    ...(event.sequence !== undefined ? [`SEQUENCE:${event.sequence}`] : []),
    ...(event.organizer ? [`ORGANIZER;CN=${quoted(event.organizer.name)}:mailto:${oneLine(event.organizer.email)}`] : []),
    ...(event.attendee
      ? [`ATTENDEE;CN=${quoted(event.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${oneLine(event.attendee.email)}`]
      : []),
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    // URL is a URI value, not TEXT: it is not backslash-escaped.
    ...(event.url ? [`URL:${oneLine(event.url)}`] : []),
    `STATUS:${event.status}`,
    ...(event.lastModified ? [`LAST-MODIFIED:${icalUtc(event.lastModified)}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
