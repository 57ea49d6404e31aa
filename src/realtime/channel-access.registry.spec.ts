import type { AuthUser } from '../auth/auth-user';
import type { Role } from '../users/entities/user.entity';
import { ChannelAccessRegistry } from './channel-access.registry';
import { TokenBucket } from './realtime.settings';

const user = (role: Role): AuthUser => ({
  id: `${role}-id`,
  email: `${role}@example.org`,
  displayName: role,
  role,
  locale: 'en',
  organizationId: 'org',
  constituency: 'workers',
});

describe('ChannelAccessRegistry', () => {
  it('opens the lobby to every reader, posting to all but observers, moderation to staff', async () => {
    const registry = new ChannelAccessRegistry();
    expect(await registry.resolve(user('observer'), 'lobby', null)).toEqual({ read: true, post: false, moderate: false });
    expect(await registry.resolve(user('member'), 'lobby', null)).toEqual({ read: true, post: true, moderate: false });
    expect(await registry.resolve(user('facilitator'), 'lobby', null)).toEqual({ read: true, post: true, moderate: true });
  });

  it('hides kinds nobody registered (fails closed)', async () => {
    expect(await new ChannelAccessRegistry().resolve(user('admin'), 'action_item', 'x')).toBeNull();
  });

  it('never lets anyone post or moderate where they cannot read; staff moderate what they read', async () => {
    const registry = new ChannelAccessRegistry();
    registry.register('roundtable', (_, refId) =>
      Promise.resolve(refId === 'hidden' ? null : { read: refId !== 'closed', post: true, moderate: refId === 'chaired' }),
    );
    expect(await registry.resolve(user('member'), 'roundtable', 'hidden')).toBeNull();
    expect(await registry.resolve(user('admin'), 'roundtable', 'closed')).toEqual({ read: false, post: false, moderate: false });
    expect(await registry.resolve(user('member'), 'roundtable', 'chaired')).toEqual({ read: true, post: true, moderate: true });
    expect(await registry.resolve(user('facilitator'), 'roundtable', 'open')).toEqual({ read: true, post: true, moderate: true });
  });

  it('register returns a function that restores the previous resolver', async () => {
    const registry = new ChannelAccessRegistry();
    const restore = registry.register('working_group', () => Promise.resolve({ read: true, post: true }));
    const restoreInner = registry.register('working_group', () => Promise.resolve(null));
    expect(await registry.resolve(user('member'), 'working_group', 'g')).toBeNull();
    restoreInner();
    expect(await registry.resolve(user('member'), 'working_group', 'g')).toMatchObject({ read: true });
    restore();
    expect(registry.has('working_group')).toBe(false);
  });
});

describe('TokenBucket', () => {
  it('allows a burst, then refills at its rate', () => {
    jest.useFakeTimers({ now: 0 });
    try {
      const bucket = new TokenBucket(2, 1);
      expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
      jest.setSystemTime(1_000);
      expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    } finally {
      jest.useRealTimers();
    }
  });
});
