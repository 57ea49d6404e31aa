import { RealtimeSettings, SendRateLimit } from './realtime.settings';

describe('SendRateLimit (message writes per person)', () => {
  afterEach(() => jest.useRealTimers());

  it('shares one bucket between all of a person’s writes, and none between people', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const settings = Object.assign(new RealtimeSettings(), { writeBurst: 3, writesPerSecond: 2 });
    const limit = new SendRateLimit(settings);
    expect([1, 2, 3, 4].map(() => limit.take('wang'))).toEqual([true, true, true, false]);
    expect(limit.take('li')).toBe(true);
    jest.advanceTimersByTime(500); // one write back at 2 a second
    expect([limit.take('wang'), limit.take('wang')]).toEqual([true, false]);
  });

  it('starts afresh when the numbers change', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const settings = Object.assign(new RealtimeSettings(), { writeBurst: 1, writesPerSecond: 0.01 });
    const limit = new SendRateLimit(settings);
    expect([limit.take('wang'), limit.take('wang')]).toEqual([true, false]);
    settings.writeBurst = 2;
    expect([limit.take('wang'), limit.take('wang'), limit.take('wang')]).toEqual([true, true, false]);
  });

  it('tells what it let through once, and takes out what other processes let through (not below minus one burst)', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const settings = Object.assign(new RealtimeSettings(), { writeBurst: 4, writesPerSecond: 2 });
    const here = new SendRateLimit(settings);
    const there = new SendRateLimit(settings);
    expect(here.drain()).toBeNull();
    expect([here.take('wang'), here.take('wang'), here.take('li')]).toEqual([true, true, true]);
    const usage = here.drain();
    expect(usage).toEqual({ wang: 2, li: 1 });
    expect(here.drain()).toBeNull();
    there.debit(usage!);
    expect([there.take('wang'), there.take('wang'), there.take('wang')]).toEqual([true, true, false]);
    there.debit({ li: 1_000, bad: -5, worse: Number.NaN });
    expect(there.take('li')).toBe(false);
    jest.advanceTimersByTime(2_500); // from minus one burst (-4) back above 1 at 2 a second
    expect(there.take('li')).toBe(true);
    expect(there.take('bad')).toBe(true);
  });
});
