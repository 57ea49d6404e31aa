import type { DataSource } from 'typeorm';
import type { NotificationsRepository } from './notifications.repository';
import { RealtimeEmitter } from './realtime.emitter';
import { trackHeard } from './realtime-io.adapter';
import type { RealtimeServer } from './realtime.types';

const emitter = () => new RealtimeEmitter({ subscribers: [] } as unknown as DataSource, {} as NotificationsRepository);
const serverWith = (adapter: object) => ({ of: () => ({ adapter }) }) as unknown as RealtimeServer;

describe('RealtimeEmitter.alone (may channel:join skip its second access check)', () => {
  it('is alone only with a heartbeat-tracking adapter that has heard from no other process', () => {
    const e = emitter();
    const nodesMap = new Map<string, number>();
    e.attach(serverWith({ nodesMap }));
    expect(e.alone()).toBe(true);
    nodesMap.set('other-process', Date.now());
    expect(e.alone()).toBe(false);
  });

  it('cannot tell (no) with an adapter that does not track processes, or before the server exists', () => {
    expect(emitter().alone()).toBe(false);
    const e = emitter();
    e.attach(serverWith({ rooms: new Map() }));
    expect(e.alone()).toBe(false);
  });
});

describe('RealtimeEmitter.aloneSince (may a join answer from an earlier join’s read of its channel)', () => {
  it('reads the adapter’s answer; with an adapter that cannot tell, or before the server exists, null', () => {
    const e = emitter();
    expect(e.aloneSince()).toBeNull();
    e.attach(serverWith({ nodesMap: new Map() }));
    expect(e.aloneSince()).toBeNull();
    const known = emitter();
    known.attach(serverWith({ aloneSince: () => 1234 }));
    expect(known.aloneSince()).toBe(1234);
  });

  it('trackHeard keeps the time of the last word from another process, also one forgotten at once (ADAPTER_CLOSE)', () => {
    const cluster = { nodesMap: new Map<string, number>([['before', 1]]) };
    const lastHeard = trackHeard(cluster);
    expect(cluster.nodesMap.get('before')).toBe(1);
    const heardAt = Date.now();
    cluster.nodesMap.set('other-process', heardAt);
    cluster.nodesMap.delete('other-process');
    expect(cluster.nodesMap.size).toBe(1);
    expect(lastHeard()).toBeGreaterThanOrEqual(heardAt);
  });
});
