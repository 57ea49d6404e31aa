import type { DataSource } from 'typeorm';
import type { NotificationsRepository } from './notifications.repository';
import { RealtimeEmitter } from './realtime.emitter';
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
