import type { ActionItem } from '../api/types';
import { type ActionItemFeed, followActionItem, followRoadmap, type RoadmapFeed } from './useLiveActionItems';

type Handler = (event: { id: string; actionItem?: unknown; by?: string }) => void;

/** A connection that joins when told to, and pushes what the test says. */
function fakeConnection() {
  const handlers = new Set<Handler>();
  const joined: Array<{ channelId: string; onJoined: () => void }> = [];
  const left: string[] = [];
  const connection = {
    on: (_event: string, handler: Handler) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    join: (channelId: string, subscriber: { onJoined: () => void }) => {
      joined.push({ channelId, onJoined: subscriber.onJoined });
      return () => left.push(channelId);
    },
  } as unknown as ActionItemFeed;
  return { connection, joined, left, push: (event: Parameters<Handler>[0]) => handlers.forEach((h) => h(event)), handlers };
}

const item = (consensus: string) => ({ id: 'item-1', consensus, status: 'proposed' }) as unknown as ActionItem;
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A read that answers when the test says so. */
function deferredRead() {
  let answer: (value: ActionItem) => void = () => undefined;
  const read = jest.fn(() => new Promise<ActionItem>((resolve) => (answer = resolve)));
  return { read, answer: (value: ActionItem) => answer(value) };
}

/** followActionItem on a fake connection, recording the changes it hands over ([consensus, author]). */
function following() {
  const feed = fakeConnection();
  const changes: Array<[string, string | undefined]> = [];
  const { read, answer } = deferredRead();
  followActionItem(
    feed.connection,
    'item-1',
    () => Promise.resolve({ id: 'channel-1' }),
    (i, by) => changes.push([i.consensus, by]),
    read,
  );
  return { feed, changes, read, answer };
}

describe('followActionItem (a commitment page following its item live)', () => {
  it('reads the item again once in the room, so a change made before the join is not missed', async () => {
    const { feed, changes, read, answer } = following();
    await settle();
    expect(feed.joined.map((j) => j.channelId)).toEqual(['channel-1']);
    expect(read).not.toHaveBeenCalled();
    feed.joined[0].onJoined();
    answer(item('partial'));
    await settle();
    expect(changes).toEqual([['partial', undefined]]);
    // A reconnection joins again, and reads again.
    feed.joined[0].onJoined();
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('drops the read when a live change arrived while it was under way (the read could be older)', async () => {
    const { feed, changes, answer } = following();
    await settle();
    feed.joined[0].onJoined();
    feed.push({ id: 'item-1', actionItem: item('full'), by: 'employer' });
    feed.push({ id: 'item-2', actionItem: item('none'), by: 'someone' });
    answer(item('partial'));
    await settle();
    expect(changes).toEqual([['full', 'employer']]);
  });

  it('stops: no more changes, the room is left, and a read still under way is not handed over', async () => {
    const feed = fakeConnection();
    const changes: string[] = [];
    const { read, answer } = deferredRead();
    const stop = followActionItem(
      feed.connection,
      'item-1',
      () => Promise.resolve({ id: 'channel-1' }),
      (i) => changes.push(i.consensus),
      read,
    );
    await settle();
    feed.joined[0].onJoined();
    stop();
    answer(item('partial'));
    feed.push({ id: 'item-1', actionItem: item('full') });
    await settle();
    expect(changes).toEqual([]);
    expect(feed.left).toEqual(['channel-1']);
    expect(feed.handlers.size).toBe(0);
  });

  it('does not join when stopped before the channel was found', async () => {
    const feed = fakeConnection();
    const stop = followActionItem(
      feed.connection,
      'item-1',
      () => Promise.resolve({ id: 'channel-1' }),
      () => undefined,
      () => Promise.resolve(item('none')),
    );
    stop();
    await settle();
    expect(feed.joined).toEqual([]);
  });
});

describe('followRoadmap (a board following its roadmap live)', () => {
  const card = (id: string, roadmapId = 'roadmap-1') => ({ id, roadmapId, status: 'proposed' }) as unknown as ActionItem;

  function fakeRoadmapConnection() {
    const handlers = new Set<Handler>();
    const watching: Array<() => void> = [];
    let unwatched = 0;
    const connection = {
      on: (_event: string, handler: Handler) => {
        handlers.add(handler);
        return () => handlers.delete(handler);
      },
      watchRoadmap: (_roadmapId: string, onWatching: () => void) => {
        watching.push(onWatching);
        return () => unwatched++;
      },
    } as unknown as RoadmapFeed;
    return { connection, watching, unwatched: () => unwatched, push: (event: Parameters<Handler>[0]) => handlers.forEach((h) => h(event)) };
  }

  it("hands over its own roadmap's changes, and the list read again each time the roadmap is followed", async () => {
    const feed = fakeRoadmapConnection();
    const changed: string[] = [];
    const lists: string[][] = [];
    let answer: (items: ActionItem[]) => void = () => undefined;
    const reread = jest.fn(() => new Promise<ActionItem[]>((resolve) => (answer = resolve)));
    followRoadmap(feed.connection, 'roadmap-1', (i) => changed.push(i.id), { reread, onReread: (items) => lists.push(items.map((i) => i.id)) });
    feed.push({ id: 'a', actionItem: card('a') });
    feed.push({ id: 'x', actionItem: card('x', 'roadmap-2') });
    expect(changed).toEqual(['a']);
    feed.watching[0]();
    answer([card('a'), card('b')]);
    await settle();
    expect(lists).toEqual([['a', 'b']]);
  });

  it('drops a read that a live change overtook, and stops cleanly', async () => {
    const feed = fakeRoadmapConnection();
    const lists: string[][] = [];
    let answer: (items: ActionItem[]) => void = () => undefined;
    const stop = followRoadmap(feed.connection, 'roadmap-1', () => undefined, {
      reread: () => new Promise<ActionItem[]>((resolve) => (answer = resolve)),
      onReread: (items) => lists.push(items.map((i) => i.id)),
    });
    feed.watching[0]();
    feed.push({ id: 'a', actionItem: card('a') });
    answer([card('old')]);
    await settle();
    expect(lists).toEqual([]);
    feed.watching[0]();
    stop();
    answer([card('late')]);
    await settle();
    expect(lists).toEqual([]);
    expect(feed.unwatched()).toBe(1);
  });
});
