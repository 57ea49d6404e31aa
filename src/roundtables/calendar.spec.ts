import { escapeText, foldLine, icalUtc, toICalendar } from './calendar';

const event = {
  uid: 'abc@greentable',
  stamp: new Date('2025-01-02T03:04:05.678Z'),
  start: new Date('2025-03-10T01:30:00+08:00'),
  end: new Date('2025-03-10T09:00:00Z'),
  summary: 'Green jobs; skills, and wages',
  status: 'CONFIRMED' as const,
};

/** Unfolds per RFC 5545 §3.1: a CRLF followed by one space or tab is removed. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

describe('toICalendar', () => {
  it('writes one VEVENT inside a VCALENDAR, CRLF everywhere, times in UTC', () => {
    const ics = toICalendar(event);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.split('\r\n').slice(0, -1);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('BEGIN:VEVENT');
    expect(lines).toContain('UID:abc@greentable');
    expect(lines).toContain('DTSTAMP:20250102T030405Z');
    expect(lines).toContain('DTSTART:20250309T173000Z');
    expect(lines).toContain('DTEND:20250310T090000Z');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines.at(-2)).toBe('END:VEVENT');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
  });

  it('escapes TEXT values and leaves out what is not given', () => {
    const ics = toICalendar({ ...event, description: 'Line one\nC:\\path, two; three', location: 'Hall A, Suzhou' });
    expect(ics).toContain('SUMMARY:Green jobs\\; skills\\, and wages\r\n');
    expect(unfold(ics)).toContain('DESCRIPTION:Line one\\nC:\\\\path\\, two\\; three\r\n');
    expect(ics).toContain('LOCATION:Hall A\\, Suzhou\r\n');
    expect(toICalendar(event)).not.toMatch(/DESCRIPTION|LOCATION|URL:/);
  });

  it('keeps a URL unescaped', () => {
    expect(toICalendar({ ...event, url: 'https://meet.example/r?a=1,2' })).toContain('URL:https://meet.example/r?a=1,2\r\n');
  });

  it('folds long lines at 75 octets without splitting a Chinese character', () => {
    const summary = '江苏省绿色就业社会对话圆桌会议：生态工业园区的体面劳动与技能发展'.repeat(3);
    const ics = toICalendar({ ...event, summary, description: 'x'.repeat(300) });
    for (const line of ics.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(line).not.toContain('\uFFFD');
    }
    expect(unfold(ics)).toContain(`SUMMARY:${summary}\r\n`);
    expect(unfold(ics)).toContain(`DESCRIPTION:${'x'.repeat(300)}\r\n`);
  });
});

describe('helpers', () => {
  it('icalUtc drops separators and milliseconds', () => {
    expect(icalUtc(new Date('2030-12-31T23:59:59.999Z'))).toBe('20301231T235959Z');
  });

  it('escapeText handles CRLF and drops control characters', () => {
    expect(escapeText('a\r\nb\rc\u0007')).toBe('a\\nb\\nc');
  });

  it('foldLine leaves a short line alone and starts continuations with a space', () => {
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
    const folded = foldLine('A'.repeat(160)).split('\r\n');
    expect(folded.map((l) => l.length)).toEqual([75, 75, 12]);
    expect(folded[1].startsWith(' ')).toBe(true);
  });
});
