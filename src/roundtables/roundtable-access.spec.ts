import type { AuthUser } from '../auth/auth-user';
import type { Role } from '../users/entities/user.entity';
import { canManageRoundtable, canPostInRoundtable, canSeeRoundtable } from './roundtable-access';

const user = (role: Role): AuthUser => ({
  id: 'u',
  email: 'u@example.org',
  displayName: 'U',
  role,
  locale: 'en',
  organizationId: 'o',
  constituency: 'workers',
});

describe('roundtable access', () => {
  it('hides a participants-only roundtable from everyone but its people and admins', () => {
    expect(canSeeRoundtable(user('facilitator'), 'participants', null)).toBe(false);
    expect(canSeeRoundtable(user('member'), 'participants', 'observer')).toBe(true);
    expect(canSeeRoundtable(user('admin'), 'participants', null)).toBe(true);
    expect(canSeeRoundtable(user('observer'), 'platform', null)).toBe(true);
  });

  it('lets admins and roundtable facilitators manage, whatever their platform role', () => {
    expect(canManageRoundtable(user('admin'), null)).toBe(true);
    expect(canManageRoundtable(user('member'), 'facilitator')).toBe(true);
    expect(canManageRoundtable(user('facilitator'), 'participant')).toBe(false);
    expect(canManageRoundtable(user('facilitator'), null)).toBe(false);
  });

  it('lets participants and facilitators post; observers and outsiders only read', () => {
    expect(canPostInRoundtable(user('member'), 'participant')).toBe(true);
    expect(canPostInRoundtable(user('member'), 'facilitator')).toBe(true);
    expect(canPostInRoundtable(user('member'), 'observer')).toBe(false);
    expect(canPostInRoundtable(user('facilitator'), null)).toBe(false);
    expect(canPostInRoundtable(user('admin'), null)).toBe(true);
  });
});
