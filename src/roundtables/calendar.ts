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

/** A complete VCALENDAR holding one VEVENT, with CRLF line endings. */
export function toICalendar(event: CalendarEvent, prodId = '-//GreenTable//Roundtables//EN'): string {
  // eslint-disable-next-line no-control-regex -- control characters (line breaks too) are stripped on purpose
  const oneLine = (s: string) => s.replace(/[\x00-\x1f\x7f]/g, '');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${oneLine(prodId)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${oneLine(event.uid)}`,
    `DTSTAMP:${icalUtc(event.stamp)}`,
    `DTSTART:${icalUtc(event.start)}`,
    `DTEND:${icalUtc(event.end)}`,
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
