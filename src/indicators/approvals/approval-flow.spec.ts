import { approveMove, awaitedLevel, submitMove, unlockMove } from './approval-flow';

describe('approval up the levels', () => {
  it('goes submitted → city approved → locked, each by its own level', () => {
    expect(submitMove(null)).toMatchObject({ ok: true, state: 'submitted' });
    expect(approveMove('submitted', ['city'])).toMatchObject({ ok: true, state: 'city_approved', step: 'city_approved' });
    expect(approveMove('city_approved', ['province'])).toMatchObject({ ok: true, state: 'locked', step: 'province_approved' });
  });

  it('refuses the wrong level with 403 naming the level awaited', () => {
    expect(approveMove('submitted', ['province'])).toEqual({
      ok: false,
      status: 403,
      message: 'This period awaits city-level approval: you approve at province level',
    });
    expect(approveMove('city_approved', ['city'])).toMatchObject({ ok: false, status: 403 });
    expect(approveMove('submitted', [])).toMatchObject({ ok: false, status: 403 });
  });

  it('lets one person holding both levels approve each step in turn', () => {
    expect(approveMove('submitted', ['city', 'province'])).toMatchObject({ ok: true, state: 'city_approved' });
    expect(approveMove('city_approved', ['city', 'province'])).toMatchObject({ ok: true, state: 'locked' });
  });

  it('refuses approving what awaits nothing (409)', () => {
    expect(approveMove(null, ['city'])).toMatchObject({ ok: false, status: 409 });
    expect(approveMove('locked', ['province'])).toMatchObject({ ok: false, status: 409 });
    expect(approveMove('reopened', ['city'])).toMatchObject({ ok: false, status: 409 });
    expect(awaitedLevel('locked')).toBeNull();
  });

  it('submits again only after an unlock', () => {
    expect(submitMove('submitted')).toMatchObject({ ok: false, status: 409 });
    expect(submitMove('locked')).toMatchObject({ ok: false, status: 409 });
    expect(unlockMove('locked')).toMatchObject({ ok: true, state: 'reopened' });
    expect(submitMove('reopened')).toMatchObject({ ok: true, state: 'submitted' });
    expect(unlockMove('submitted')).toMatchObject({ ok: false, status: 409 });
  });
});
