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
});
