import type { Constituency } from '../shared/enums';
import { answersOf, choicesProblem, type CountedBallot, decideVote, quorumOf, tallyBallots, tallyCounts, turnoutOnly } from './vote-rules';

const YNA = answersOf('yes_no_abstain');
const CONSENT = answersOf('consent');
const ballots = (constituency: Constituency, ...choices: string[]): CountedBallot[] => choices.map((c) => ({ constituency, choices: [c] }));
const everyone = { government: 5, employers: 5, workers: 5 };

describe('tallyBallots', () => {
  it('counts each answer per constituency and overall, every constituency present', () => {
    const tally = tallyBallots(YNA, [...ballots('government', 'yes', 'yes'), ...ballots('workers', 'no', 'abstain')]);
    expect(tally.byConstituency.government).toEqual({ voters: 2, counts: { yes: 2, no: 0, abstain: 0 } });
    expect(tally.byConstituency.workers).toEqual({ voters: 2, counts: { yes: 0, no: 1, abstain: 1 } });
    expect(tally.byConstituency.employers).toEqual({ voters: 0, counts: { yes: 0, no: 0, abstain: 0 } });
    expect(tally.byConstituency.academia.voters).toBe(0);
    expect(tally.total).toEqual({ voters: 4, counts: { yes: 2, no: 1, abstain: 1 } });
  });

  it('counts several options of one choice ballot, ignoring unknown answers and repeats', () => {
    const tally = tallyBallots(['1', '2', '3'], [{ constituency: 'employers', choices: ['1', '3', '3', '9'] }]);
    expect(tally.byConstituency.employers).toEqual({ voters: 1, counts: { '1': 1, '2': 0, '3': 1 } });
  });

  it('a secret ballot’s tally holds counts only, nothing about who chose what', () => {
    const withIds = [...ballots('government', 'yes'), ...ballots('employers', 'no')].map((b, i) => ({ ...b, voterId: `person-${i}` }));
    const tally = tallyBallots(YNA, withIds);
    expect(JSON.stringify(tally)).not.toMatch(/person-|voterId/);
    expect(turnoutOnly(tally).byConstituency.government).toEqual({ voters: 1, counts: {} });
    expect(turnoutOnly(tally).total).toEqual({ voters: 2, counts: {} });
  });
});

describe('tallyCounts', () => {
  it('makes from the database’s counts the tally that counting the ballots makes', () => {
    const counted = [...ballots('government', 'yes', 'yes', 'no'), ...ballots('workers', 'abstain'), { constituency: 'employers' as const, choices: ['no'] }];
    const counts = [
      { constituency: 'government' as const, choice: null, n: 3 },
      { constituency: 'government' as const, choice: 'yes', n: 2 },
      { constituency: 'government' as const, choice: 'no', n: 1 },
      { constituency: 'workers' as const, choice: null, n: 1 },
      { constituency: 'workers' as const, choice: 'abstain', n: 1 },
      { constituency: 'employers' as const, choice: null, n: 1 },
      { constituency: 'employers' as const, choice: 'no', n: 1 },
    ];
    expect(tallyCounts(YNA, counts)).toEqual(tallyBallots(YNA, counted));
    expect(tallyCounts(YNA, counts).total).toEqual({ voters: 5, counts: { yes: 2, no: 2, abstain: 1 } });
  });

  it('ignores answers the vote does not offer, and counts nobody when there are no counts', () => {
    const tally = tallyCounts(
      ['1', '2'],
      [
        { constituency: 'employers', choice: null, n: 1 },
        { constituency: 'employers', choice: '9', n: 1 },
      ],
    );
    expect(tally.byConstituency.employers).toEqual({ voters: 1, counts: { '1': 0, '2': 0 } });
    expect(tallyCounts(YNA, []).total).toEqual({ voters: 0, counts: { yes: 0, no: 0, abstain: 0 } });
  });
});

describe('quorumOf', () => {
  it('needs at least one voter in each of the three groups by default', () => {
    const tally = tallyBallots(YNA, [...ballots('government', 'yes'), ...ballots('workers', 'abstain')]);
    const quorum = quorumOf(tally, everyone);
    expect(quorum.met).toBe(false);
    expect(quorum.failed).toEqual(['employers']);
  });

  it('a set share of each group’s eligible voters, rounded up', () => {
    const tally = tallyBallots(YNA, [...ballots('government', 'yes', 'yes'), ...ballots('employers', 'no', 'no', 'no'), ...ballots('workers', 'yes', 'no')]);
    const quorum = quorumOf(tally, { government: 4, employers: 5, workers: 5 }, 0.5);
    expect(quorum.groups.map((g) => [g.constituency, g.needed, g.met])).toEqual([
      ['government', 2, true],
      ['employers', 3, true],
      ['workers', 3, false],
    ]);
  });

  it('a group with nobody eligible fails it', () => {
    const quorum = quorumOf(tallyBallots(YNA, ballots('government', 'yes')), { government: 1, employers: 0, workers: 2 });
    expect(quorum.failed).toEqual(['employers', 'workers']);
    expect(quorum.groups[1]).toMatchObject({ eligible: 0, met: false });
  });
});

describe('decideVote', () => {
  const tripartite = { kind: 'yes_no_abstain', rule: 'tripartite_majority', quorumShare: 0 } as const;

  it('tripartite_majority: adopted with a majority in each of the three groups', () => {
    const tally = tallyBallots(YNA, [...ballots('government', 'yes'), ...ballots('employers', 'yes', 'no', 'yes'), ...ballots('workers', 'yes', 'abstain')]);
    expect(decideVote(tripartite, tally, everyone)).toMatchObject({ adopted: true, reasons: [] });
  });

  it('tripartite_majority: the employers’ side voting no defeats it, however many others vote yes', () => {
    const tally = tallyBallots(YNA, [
      ...ballots('government', ...Array.from({ length: 20 }, () => 'yes')),
      ...ballots('employers', 'no', 'no', 'yes'),
      ...ballots('workers', 'yes'),
    ]);
    const outcome = decideVote(tripartite, tally, { government: 20, employers: 3, workers: 1 });
    expect(outcome.adopted).toBe(false);
    expect(outcome.reasons).toEqual([{ code: 'no_majority', constituency: 'employers', message: 'No majority in the employers group: 1 for, 2 against' }]);
  });

  it('a tie in a group is no majority', () => {
    const tally = tallyBallots(YNA, [...ballots('government', 'yes'), ...ballots('employers', 'yes'), ...ballots('workers', 'yes', 'no')]);
    expect(decideVote(tripartite, tally, everyone).reasons).toEqual([expect.objectContaining({ code: 'tie', constituency: 'workers' })]);
    const simple = tallyBallots(YNA, [...ballots('government', 'yes'), ...ballots('employers', 'no'), ...ballots('workers', 'abstain')]);
    expect(decideVote({ ...tripartite, rule: 'simple_majority' }, simple, everyone).reasons).toEqual([
      expect.objectContaining({ code: 'tie', constituency: null }),
    ]);
  });

  it('a group that all abstained gives no majority (the quorum is met: abstaining is voting)', () => {
    const tally = tallyBallots(YNA, [...ballots('government', 'yes'), ...ballots('employers', 'yes'), ...ballots('workers', 'abstain', 'abstain')]);
    const outcome = decideVote(tripartite, tally, everyone);
    expect(outcome.quorum.met).toBe(true);
    expect(outcome.reasons).toEqual([{ code: 'no_majority', constituency: 'workers', message: 'No majority in the workers group: all abstained' }]);
  });

  it('a group with no voters fails the quorum, named', () => {
    const tally = tallyBallots(YNA, [...ballots('government', 'yes'), ...ballots('employers', 'yes')]);
    const outcome = decideVote(tripartite, tally, everyone);
    expect(outcome.adopted).toBe(false);
    expect(outcome.reasons[0]).toEqual({
      code: 'quorum_failed',
      constituency: 'workers',
      message: 'Quorum failed: 0 of 5 eligible in the workers group voted, 1 needed',
    });
  });

  it('a vote changed after the quorum was met is counted once, as changed', () => {
    const first: CountedBallot[] = [...ballots('government', 'yes'), ...ballots('employers', 'yes'), ...ballots('workers', 'yes')];
    expect(decideVote(tripartite, tallyBallots(YNA, first), everyone).adopted).toBe(true);
    // The workers' delegate changes to no: their latest ballot replaces the first.
    const changed = [...first.slice(0, 2), ...ballots('workers', 'no')];
    const tally = tallyBallots(YNA, changed);
    expect(tally.byConstituency.workers).toEqual({ voters: 1, counts: { yes: 0, no: 1, abstain: 0 } });
    const outcome = decideVote(tripartite, tally, everyone);
    expect(outcome.quorum.met).toBe(true);
    expect(outcome.reasons).toEqual([expect.objectContaining({ code: 'no_majority', constituency: 'workers' })]);
  });

  it('consensus under consent: a single block stops it, disagreement too; abstentions do not', () => {
    const consensus = { kind: 'consent', rule: 'consensus', quorumShare: 0 } as const;
    const agreed = tallyBallots(CONSENT, [...ballots('government', 'agree'), ...ballots('employers', 'abstain', 'agree'), ...ballots('workers', 'agree')]);
    expect(decideVote(consensus, agreed, everyone).adopted).toBe(true);
    const blocked = tallyBallots(CONSENT, [...ballots('government', 'agree'), ...ballots('employers', 'agree'), ...ballots('workers', 'agree', 'block')]);
    expect(decideVote(consensus, blocked, everyone).reasons).toEqual([
      { code: 'blocked', constituency: 'workers', message: 'Blocked by 1 of the workers group' },
    ]);
    const disagreed = tallyBallots(CONSENT, [...ballots('government', 'disagree'), ...ballots('employers', 'agree'), ...ballots('workers', 'agree')]);
    expect(decideVote(consensus, disagreed, everyone).reasons).toEqual([expect.objectContaining({ code: 'disagreement', constituency: 'government' })]);
    const allAbstain = tallyBallots(CONSENT, [...ballots('government', 'abstain'), ...ballots('employers', 'abstain'), ...ballots('workers', 'abstain')]);
    expect(decideVote(consensus, allAbstain, everyone).reasons).toEqual([expect.objectContaining({ code: 'no_support' })]);
  });

  it('a block under tripartite_majority counts against, like disagree', () => {
    const tally = tallyBallots(CONSENT, [
      ...ballots('government', 'agree'),
      ...ballots('employers', 'block', 'agree', 'disagree'),
      ...ballots('workers', 'agree'),
    ]);
    expect(decideVote({ kind: 'consent', rule: 'tripartite_majority', quorumShare: 0 }, tally, everyone).reasons).toEqual([
      expect.objectContaining({ code: 'no_majority', constituency: 'employers' }),
    ]);
  });

  it('simple_majority counts heads across everyone (abstentions aside)', () => {
    const tally = tallyBallots(YNA, [...ballots('government', 'yes', 'yes', 'yes'), ...ballots('employers', 'no'), ...ballots('workers', 'no')]);
    expect(decideVote({ ...tripartite, rule: 'simple_majority' }, tally, everyone).adopted).toBe(true);
  });

  it('a choice vote carries the options more than half of each group chose', () => {
    const spec = { kind: 'choice', rule: 'tripartite_majority', quorumShare: 0, optionKeys: ['1', '2'] } as const;
    const agreeing = tallyBallots(
      ['1', '2'],
      [
        { constituency: 'government', choices: ['1', '2'] },
        { constituency: 'employers', choices: ['2'] },
        { constituency: 'workers', choices: ['2'] },
      ],
    );
    expect(decideVote(spec, agreeing, everyone)).toMatchObject({ adopted: true, carried: ['2'] });
    const apart = tallyBallots(
      ['1', '2'],
      [
        { constituency: 'government', choices: ['1'] },
        { constituency: 'employers', choices: ['2'] },
        { constituency: 'workers', choices: ['2'] },
      ],
    );
    expect(decideVote(spec, apart, everyone)).toMatchObject({ adopted: false, carried: [], reasons: [expect.objectContaining({ code: 'no_common_option' })] });
  });
});

describe('choicesProblem', () => {
  it('names what is wrong with a ballot', () => {
    expect(choicesProblem('yes_no_abstain', YNA, 1, ['yes'])).toBeNull();
    expect(choicesProblem('yes_no_abstain', YNA, 1, [])).toMatch(/at least one/);
    expect(choicesProblem('yes_no_abstain', YNA, 1, ['maybe'])).toBe('choices must be among yes, no, abstain');
    expect(choicesProblem('yes_no_abstain', YNA, 3, ['yes', 'no'])).toBe('choices may name at most 1 answer');
    expect(choicesProblem('choice', ['1', '2', '3'], 2, ['1', '3'])).toBeNull();
    expect(choicesProblem('choice', ['1', '2', '3'], 2, ['1', '1'])).toMatch(/repeat/);
  });
});
