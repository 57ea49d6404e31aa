import { checkWorkingGroupMove } from './working-group-status';

describe('checkWorkingGroupMove', () => {
  it('lets facilitators close an active group', () => {
    expect(checkWorkingGroupMove('active', 'closed', false)).toEqual({ ok: true });
  });

  it('lets only admins reactivate a closed group', () => {
    expect(checkWorkingGroupMove('closed', 'active', false)).toEqual({ ok: false, problem: 'admin_only' });
    expect(checkWorkingGroupMove('closed', 'active', true)).toEqual({ ok: true });
  });

  it('refuses standing still, naming the allowed move', () => {
    expect(checkWorkingGroupMove('active', 'active', true)).toEqual({ ok: false, problem: 'not_allowed', allowed: ['closed'] });
    expect(checkWorkingGroupMove('closed', 'closed', true)).toEqual({ ok: false, problem: 'not_allowed', allowed: ['active'] });
  });
});
