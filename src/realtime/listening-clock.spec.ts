import { listeningClock } from './realtime-io.adapter';

/** The shape of @socket.io/postgres-adapter's adapter that listeningClock reads: its PubSubClient and close(). */
const fakeAdapter = () => {
  const pubSub: { pool: object; channels: Set<string>; client?: object } = { pool: {}, channels: new Set(['socket.io#/']) };
  const adapter = {
    client: pubSub,
    closed: 0,
    close() {
      this.closed++;
    },
  };
  return { adapter, pubSub };
};

describe('listeningClock (how long the adapter has listened, for "this process is alone")', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-12-05T08:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('is null until the adapter listens, then counts from when its connection appeared', () => {
    const { adapter, pubSub } = fakeAdapter();
    const since = listeningClock(adapter)!;
    expect(since()).toBeNull();
    jest.advanceTimersByTime(1_000);
    pubSub.client = {};
    jest.advanceTimersByTime(250);
    const listening = since();
    expect(listening).toBe(Date.parse('2026-12-05T08:00:01.250Z'));
    jest.advanceTimersByTime(10_000);
    expect(since()).toBe(listening);
  });

  it('starts again after a reconnection, even one between two looks, and is null while disconnected', () => {
    const { adapter, pubSub } = fakeAdapter();
    const since = listeningClock(adapter)!;
    pubSub.client = {};
    const first = since();
    jest.advanceTimersByTime(5_000);
    pubSub.client = {}; // a new connection replaced the old one
    expect(since()).toBe(first! + 5_000);
    pubSub.client = undefined;
    expect(since()).toBeNull();
  });

  it('stops looking when the adapter closes, and closes it', () => {
    const { adapter } = fakeAdapter();
    listeningClock(adapter);
    expect(jest.getTimerCount()).toBe(1);
    adapter.close();
    expect(adapter.closed).toBe(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('gives up (null) on an adapter without the expected internals', () => {
    expect(listeningClock({ close() {} })).toBeNull();
    expect(listeningClock({ client: { pool: {} }, close() {} } as never)).toBeNull();
  });
});
