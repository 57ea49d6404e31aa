import { roundtableMail, venueAndReaderTime } from './templates';

const suzhou = { timeZone: 'Asia/Shanghai', city: 'Suzhou' };
const deadline = new Date('2031-12-10T10:00:00.000Z');

describe('times in circulated agendas and minutes', () => {
  it('names the venue’s zone, and adds the reader’s time when their offset differs', () => {
    expect(venueAndReaderTime(deadline, null, suzhou, 'Asia/Shanghai', 'en')).toBe('10 December 2031, 18:00 Suzhou (UTC+8)');
    expect(venueAndReaderTime(deadline, null, suzhou, 'Asia/Hong_Kong', 'en')).toBe('10 December 2031, 18:00 Suzhou (UTC+8)');
    expect(venueAndReaderTime(deadline, null, suzhou, 'Europe/Zurich', 'en')).toBe(
      '10 December 2031, 18:00 Suzhou (UTC+8) · 10 December 2031, 11:00 Zurich (UTC+1), your time',
    );
    expect(venueAndReaderTime(deadline, null, suzhou, 'UTC', 'en')).toBe('10 December 2031, 18:00 Suzhou (UTC+8) · 10 December 2031, 10:00 UTC, your time');
    expect(venueAndReaderTime(deadline, null, { timeZone: 'Europe/London', city: 'London' }, 'UTC', 'en')).toBe('10 December 2031, 10:00 London (UTC)');
    expect(venueAndReaderTime(deadline, null, suzhou, 'America/New_York', 'zh')).toBe(
      '2031年12月10日, 18:00 Suzhou (UTC+8) · 您的时间：2031年12月10日, 05:00 New York (UTC-5)',
    );
  });

  it('gives a span over two days its end date, in the venue’s zone', () => {
    const start = new Date('2031-12-10T14:00:00.000Z');
    const end = new Date('2031-12-11T02:00:00.000Z');
    expect(venueAndReaderTime(start, end, suzhou, null, 'en')).toBe('10 December 2031, 22:00 – 11 December 2031 10:00 Suzhou (UTC+8)');
  });

  it('renders nothing special for a mail detail of another kind (the plain notification mail is used then)', () => {
    const detail = {
      kind: 'minutes.adopted',
      meeting: { title: { en: 'T' }, startsAt: deadline, endsAt: deadline, timeZone: 'UTC', city: null, place: '', by: 'A' },
      adoptedAt: deadline,
      objections: 0,
    };
    expect(roundtableMail('en', 'minutes.circulated', detail, null, null)).toBeNull();
    expect(roundtableMail('en', 'minutes.adopted', undefined, null, null)).toBeNull();
    expect(roundtableMail('en', 'minutes.adopted', detail, null, 'http://x/r')?.subject).toBe('Minutes adopted: T');
  });
});
