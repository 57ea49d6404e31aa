import { fromZonedInput, toZonedInput } from '../roundtables/zonedInput';
import { venueAndReaderTimes, zonedDay } from './venueTime';

describe('zonedDay', () => {
  it("gives the instant's calendar day in the zone, which is not the UTC day on either side of midnight", () => {
    // 23:30 UTC on 9 March is already 10 March in Suzhou (UTC+8) and in Zurich (UTC+1); an hour earlier Zurich is
    // still on 9 March, and in New York 03:00 UTC on 10 March is still the evening of 9 March.
    expect(zonedDay('2027-03-09T23:30:00Z', 'Asia/Shanghai')).toBe('2027-03-10');
    expect(zonedDay('2027-03-09T23:30:00Z', 'Europe/Zurich')).toBe('2027-03-10');
    expect(zonedDay('2027-03-09T22:30:00Z', 'Europe/Zurich')).toBe('2027-03-09');
    expect(zonedDay('2027-03-10T03:00:00Z', 'America/New_York')).toBe('2027-03-09');
  });

  it('agrees with the day of the wall time a form shows for the same instant and zone', () => {
    for (const iso of ['2027-03-09T15:59:00Z', '2027-03-09T16:00:00Z', '2027-10-31T00:30:00Z'])
      for (const zone of ['Asia/Shanghai', 'Europe/Zurich', 'America/Los_Angeles']) expect(zonedDay(iso, zone)).toBe(toZonedInput(iso, zone).slice(0, 10));
  });
});

describe('zoned form input', () => {
  it("reads a wall time in the meeting's zone across a daylight-saving change, and writes it back", () => {
    // Zurich moves from UTC+1 to UTC+2 on 28 March 2027: 09:00 is 08:00 UTC before and 07:00 UTC after.
    expect(fromZonedInput('2027-03-27T09:00', 'Europe/Zurich')).toBe('2027-03-27T08:00:00.000Z');
    expect(fromZonedInput('2027-03-29T09:00', 'Europe/Zurich')).toBe('2027-03-29T07:00:00.000Z');
    expect(toZonedInput('2027-03-29T07:00:00.000Z', 'Europe/Zurich')).toBe('2027-03-29T09:00');
    expect(fromZonedInput('', 'Europe/Zurich')).toBeNull();
    expect(toZonedInput(null, 'Europe/Zurich')).toBe('');
  });
});

describe('venueAndReaderTimes', () => {
  it("shows the venue's time with its offset", () => {
    const times = venueAndReaderTimes('2019-12-10T01:00:00Z', 'Asia/Shanghai', 'en');
    expect(times.venue).toBe('09:00');
    expect(times.offset).toBe('UTC+8');
  });
});
