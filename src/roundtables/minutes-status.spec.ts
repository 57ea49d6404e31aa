import { checkMinutesMove, minutesEditable, takesCorrigenda } from './minutes-status';

describe('minutes moves', () => {
  it('go draft → circulated → adopted → locked, with withdrawal from circulation back to draft', () => {
    expect(checkMinutesMove('draft', 'circulated')).toEqual({ ok: true });
    expect(checkMinutesMove('circulated', 'draft')).toEqual({ ok: true });
    expect(checkMinutesMove('circulated', 'adopted')).toEqual({ ok: true });
    expect(checkMinutesMove('adopted', 'locked')).toEqual({ ok: true });
  });

  it('refuse skipping a step or going back after adoption, naming the moves allowed', () => {
    expect(checkMinutesMove('draft', 'adopted')).toEqual({ ok: false, allowed: ['circulated'] });
    expect(checkMinutesMove('adopted', 'circulated')).toEqual({ ok: false, allowed: ['locked'] });
    expect(checkMinutesMove('locked', 'draft')).toEqual({ ok: false, allowed: [] });
  });

  it('leave the text editable until adoption, and take corrigenda only while adopted', () => {
    expect(['draft', 'circulated', 'adopted', 'locked'].map((s) => minutesEditable(s as never))).toEqual([true, true, false, false]);
    expect(['draft', 'circulated', 'adopted', 'locked'].map((s) => takesCorrigenda(s as never))).toEqual([false, false, true, false]);
  });
});
