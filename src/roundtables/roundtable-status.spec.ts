import { checkRoundtableMove } from './roundtable-status';

describe('checkRoundtableMove', () => {
  it('lets a roundtable go planned → open → concluded', () => {
    expect(checkRoundtableMove('planned', 'open', false)).toEqual({ ok: true, needsReason: false });
    expect(checkRoundtableMove('open', 'concluded', false)).toEqual({ ok: true, needsReason: false });
  });

  it('refuses skips, moves back and standing still, naming what is allowed', () => {
    expect(checkRoundtableMove('planned', 'concluded', true)).toEqual({ ok: false, problem: 'not_allowed', allowed: ['open'] });
    expect(checkRoundtableMove('open', 'planned', true)).toEqual({ ok: false, problem: 'not_allowed', allowed: ['concluded'] });
    expect(checkRoundtableMove('open', 'open', true)).toEqual({ ok: false, problem: 'not_allowed', allowed: ['concluded'] });
    expect(checkRoundtableMove('concluded', 'planned', true)).toEqual({ ok: false, problem: 'not_allowed', allowed: ['open'] });
  });

  it('reopening a concluded roundtable is for admins, and needs a reason', () => {
    expect(checkRoundtableMove('concluded', 'open', false)).toEqual({ ok: false, problem: 'admin_only' });
    expect(checkRoundtableMove('concluded', 'open', true)).toEqual({ ok: true, needsReason: true });
  });
});
