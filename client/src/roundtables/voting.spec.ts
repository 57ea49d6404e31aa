import { answerKeys, clock, groupStanding, groupsLackingMajority, percent, turnTimer } from './voting';

describe('answerKeys', () => {
  it('offers the fixed answers, or the options of a choice vote in order', () => {
    expect(answerKeys('yes_no_abstain')).toEqual(['yes', 'no', 'abstain']);
    expect(answerKeys('consent')).toEqual(['agree', 'abstain', 'disagree', 'block']);
    expect(answerKeys('choice', [{ key: '1' }, { key: '2' }])).toEqual(['1', '2']);
  });
});

describe('groupStanding', () => {
  it('needs more for than against; abstentions count for neither side', () => {
    expect(groupStanding('yes_no_abstain', { voters: 3, counts: { yes: 1, no: 0, abstain: 2 } })).toEqual({
      standing: 'majority',
      support: 1,
      against: 0,
      abstain: 2,
    });
    expect(groupStanding('yes_no_abstain', { voters: 4, counts: { yes: 1, no: 3 } }).standing).toBe('against');
    expect(groupStanding('yes_no_abstain', { voters: 2, counts: { yes: 1, no: 1 } }).standing).toBe('tie');
  });

  it('says none when nobody voted, or all abstained', () => {
    expect(groupStanding('yes_no_abstain', { voters: 0, counts: {} }).standing).toBe('none');
    expect(groupStanding('consent', { voters: 2, counts: { abstain: 2 } }).standing).toBe('none');
  });

  it('counts a block as against under consent', () => {
    expect(groupStanding('consent', { voters: 3, counts: { agree: 1, disagree: 1, block: 1 } })).toEqual({
      standing: 'against',
      support: 1,
      against: 2,
      abstain: 0,
    });
  });

  it('for a choice vote, wants one option chosen by more than half of the group', () => {
    expect(groupStanding('choice', { voters: 3, counts: { '1': 2, '2': 1 } }).standing).toBe('majority');
    expect(groupStanding('choice', { voters: 2, counts: { '1': 1, '2': 1 } }).standing).toBe('against');
  });
});

describe('groupsLackingMajority', () => {
  it('names the tripartite groups without a majority for, including a group with no tally at all', () => {
    const tally: { constituency: 'government' | 'employers' | 'international'; voters: number; counts: Record<string, number> }[] = [
      { constituency: 'government', voters: 2, counts: { yes: 2 } },
      { constituency: 'employers', voters: 3, counts: { yes: 1, no: 2 } },
      { constituency: 'international', voters: 1, counts: { no: 1 } },
    ];
    expect(groupsLackingMajority('yes_no_abstain', tally)).toEqual(['employers', 'workers']);
  });
});

describe('percent', () => {
  it('rounds a share to a whole percentage; no share is null', () => {
    expect(percent(0.2857)).toBe('29%');
    expect(percent(1)).toBe('100%');
    expect(percent(0)).toBe('0%');
    expect(percent(null)).toBeNull();
  });
});

describe('clock', () => {
  it('reads seconds as minutes and seconds, with hours when there are any', () => {
    expect(clock(7)).toBe('0:07');
    expect(clock(245)).toBe('4:05');
    expect(clock(3723)).toBe('1:02:03');
    expect(clock(-3)).toBe('0:00');
  });
});

describe('turnTimer', () => {
  const start = '2026-12-04T10:00:00.000Z';
  it('runs from the start of the turn and counts down its limit', () => {
    expect(turnTimer({ startedAt: start, limitSeconds: 120 }, Date.parse(start) + 45_500)).toEqual({ elapsed: 45, left: 75, over: false });
  });
  it('is over once the limit is reached', () => {
    expect(turnTimer({ startedAt: start, limitSeconds: 60 }, Date.parse(start) + 61_000)).toEqual({ elapsed: 61, left: -1, over: true });
  });
  it('has no end without a limit', () => {
    expect(turnTimer({ startedAt: start, limitSeconds: null }, Date.parse(start) + 10_000)).toEqual({ elapsed: 10, left: null, over: false });
  });
});
