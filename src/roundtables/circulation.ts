import type { MeetingFacts } from '../mail/templates';
import type { Roundtable } from './entities/roundtable.entity';

/** A roundtable as its agenda and minutes mails describe it: title, times and zone of the venue, place, sender. */
export function meetingFacts(r: Roundtable, by: string): MeetingFacts {
  return {
    title: r.title,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    timeZone: r.timeZone,
    city: r.locationCity,
    place: [r.locationVenue, r.locationCity, r.locationOnline ? (r.locationUrl ?? 'Online') : null].filter(Boolean).join(', '),
    by,
  };
}

/** "2026-12-10 18:00 UTC+8" in the venue's zone, for the in-app notification's title (the mail says it more fully). */
export function venueStamp(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'shortOffset',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const offset = get('timeZoneName').replace('GMT', 'UTC');
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${offset === 'UTC+0' ? 'UTC' : offset}`;
}
