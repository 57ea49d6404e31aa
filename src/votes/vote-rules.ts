import { CONSTITUENCIES, TRIPARTITE, VOTE_ANSWERS, type Constituency, type VoteKind, type VoteRule } from '../shared/enums';

/*
 * How a vote is counted and decided, as plain functions: tallies per constituency, the quorum of the three ILO
 * constituents, and the adoption rules. Tripartite dialogue decides by the agreement of the three groups, not by a
 * head count: under tripartite_majority a text the workers' side rejects is not adopted, however many others vote for it.
 */

/** One person's ballot as counted: their constituency (when they voted) and what they chose. */
export interface CountedBallot {
  constituency: Constituency;
  choices: readonly string[];
}

/** The votes of one group (or of everyone): how many people voted, and how many chose each answer. */
export interface GroupTally {
  voters: number;
  counts: Record<string, number>;
}

export interface Tally {
  /** Every constituency, including those where nobody voted. */
  byConstituency: Record<Constituency, GroupTally>;
  total: GroupTally;
}

/** The answers a vote offers: fixed for yes_no_abstain and consent, the options' keys for choice. */
export function answersOf(kind: VoteKind, optionKeys: readonly string[] = []): string[] {
  return kind === 'choice' ? [...optionKeys] : [...VOTE_ANSWERS[kind]];
}

const emptyGroup = (answers: readonly string[]): GroupTally => ({ voters: 0, counts: Object.fromEntries(answers.map((a) => [a, 0])) });

/**
 * Counts ballots per constituency and overall. Each ballot is one person's latest (a changed vote replaces the
 * earlier one before it gets here), so a person counts once however often they changed their mind. Choices that are
 * not answers of the vote are ignored.
 */
export function tallyBallots(answers: readonly string[], ballots: readonly CountedBallot[]): Tally {
  const byConstituency = Object.fromEntries(CONSTITUENCIES.map((c) => [c, emptyGroup(answers)])) as Record<Constituency, GroupTally>;
  const total = emptyGroup(answers);
  for (const ballot of ballots) {
    const group = byConstituency[ballot.constituency];
    if (!group) continue;
    group.voters += 1;
    total.voters += 1;
    for (const choice of new Set(ballot.choices)) {
      if (!(choice in total.counts)) continue;
      group.counts[choice] += 1;
      total.counts[choice] += 1;
    }
  }
  return { byConstituency, total };
}

/** A count made in the database: per constituency, how many voted (choice null) or how many chose `choice`. */
export interface BallotCount {
  constituency: Constituency;
  choice: string | null;
  n: number;
}

/** The same tally as tallyBallots, from counts made in the database (each voter counted once per answer). */
export function tallyCounts(answers: readonly string[], counts: readonly BallotCount[]): Tally {
  const byConstituency = Object.fromEntries(CONSTITUENCIES.map((c) => [c, emptyGroup(answers)])) as Record<Constituency, GroupTally>;
  const total = emptyGroup(answers);
  for (const { constituency, choice, n } of counts) {
    const group = byConstituency[constituency];
    if (!group) continue;
    if (choice === null) {
      group.voters += n;
      total.voters += n;
    } else if (choice in total.counts) {
      group.counts[choice] += n;
      total.counts[choice] += n;
    }
  }
  return { byConstituency, total };
}

/** The turnout alone (who voted, per group), for a tally hidden until the vote closes. */
export function turnoutOnly(tally: Tally): Tally {
  const hide = (g: GroupTally): GroupTally => ({ voters: g.voters, counts: {} });
  return {
    byConstituency: Object.fromEntries(CONSTITUENCIES.map((c) => [c, hide(tally.byConstituency[c])])) as Record<Constituency, GroupTally>,
    total: hide(tally.total),
  };
}

export interface QuorumGroup {
  constituency: Constituency;
  eligible: number;
  voted: number;
  /** How many of the group must vote: at least one, or the set share of its eligible voters. */
  needed: number;
  met: boolean;
}

export interface Quorum {
  met: boolean;
  groups: QuorumGroup[];
  /** The groups that fell short, in the order government, employers, workers. */
  failed: Constituency[];
}

/**
 * The quorum: each of government, employers and workers has at least one voter voting, or at least `share` (0–1)
 * of its eligible voters. A group with nobody eligible fails it. Abstaining counts as voting.
 */
export function quorumOf(tally: Tally, eligible: Partial<Record<Constituency, number>>, share = 0): Quorum {
  const groups = TRIPARTITE.map((constituency): QuorumGroup => {
    const count = eligible[constituency] ?? 0;
    const voted = tally.byConstituency[constituency].voters;
    const needed = Math.max(1, Math.ceil(share * count - 1e-9));
    return { constituency, eligible: count, voted, needed, met: count > 0 && voted >= needed };
  });
  const failed = groups.filter((g) => !g.met).map((g) => g.constituency);
  return { met: failed.length === 0, groups, failed };
}

export const OUTCOME_REASONS = ['quorum_failed', 'no_majority', 'tie', 'blocked', 'disagreement', 'no_support', 'no_common_option'] as const;
export type OutcomeReasonCode = (typeof OUTCOME_REASONS)[number];

/** Why a vote was not adopted: a code, the group concerned (when one is), and a sentence saying it. */
export interface OutcomeReason {
  code: OutcomeReasonCode;
  constituency: Constituency | null;
  message: string;
}

export interface VoteOutcome {
  adopted: boolean;
  /** Empty when adopted. */
  reasons: OutcomeReason[];
  quorum: Quorum;
  /** A choice vote: the options' keys that carried (in the order of the options). */
  carried: string[];
}

export interface VoteSpec {
  kind: VoteKind;
  rule: VoteRule;
  /** 0 (at least one voter per group) to 1 (all of them). */
  quorumShare: number;
  optionKeys?: readonly string[];
}

/** For yes_no_abstain and consent: which answers count for, which against (abstentions count for neither). */
const SIDES: Record<Exclude<VoteKind, 'choice'>, { support: string[]; against: string[] }> = {
  yes_no_abstain: { support: ['yes'], against: ['no'] },
  consent: { support: ['agree'], against: ['disagree', 'block'] },
};

const sum = (group: GroupTally, answers: string[]) => answers.reduce((n, a) => n + (group.counts[a] ?? 0), 0);
const reason = (code: OutcomeReasonCode, constituency: Constituency | null, message: string): OutcomeReason => ({ code, constituency, message });

/** A majority of the votes cast for or against: more for than against, abstentions aside. A tie is no majority. */
function majorityProblem(group: GroupTally, kind: Exclude<VoteKind, 'choice'>, constituency: Constituency | null): OutcomeReason | null {
  const support = sum(group, SIDES[kind].support);
  const against = sum(group, SIDES[kind].against);
  const who = constituency ? `the ${constituency} group` : 'the voters';
  if (support > against) return null;
  if (support === 0 && against === 0) {
    return reason('no_majority', constituency, `No majority in ${who}: ${group.voters ? 'all abstained' : 'nobody voted'}`);
  }
  if (support === against) return reason('tie', constituency, `No majority in ${who}: ${support} for, ${against} against`);
  return reason('no_majority', constituency, `No majority in ${who}: ${support} for, ${against} against`);
}

function decideAnswers(spec: VoteSpec, tally: Tally, kind: Exclude<VoteKind, 'choice'>): OutcomeReason[] {
  if (spec.rule === 'tripartite_majority') {
    return TRIPARTITE.map((c) => majorityProblem(tally.byConstituency[c], kind, c)).filter((r): r is OutcomeReason => r !== null);
  }
  if (spec.rule === 'simple_majority') {
    const problem = majorityProblem(tally.total, kind, null);
    return problem ? [problem] : [];
  }
  // consensus: nobody against (and under consent, no block); someone for.
  const reasons: OutcomeReason[] = [];
  for (const c of CONSTITUENCIES) {
    const group = tally.byConstituency[c];
    const blocks = kind === 'consent' ? (group.counts.block ?? 0) : 0;
    const against = kind === 'consent' ? (group.counts.disagree ?? 0) : (group.counts.no ?? 0);
    if (blocks) reasons.push(reason('blocked', c, `Blocked by ${blocks} of the ${c} group`));
    if (against) reasons.push(reason('disagreement', c, `${against} of the ${c} group ${kind === 'consent' ? 'disagreed' : 'voted no'}`));
  }
  if (!reasons.length && sum(tally.total, SIDES[kind].support) === 0) reasons.push(reason('no_support', null, 'Nobody voted for it'));
  return reasons;
}

/** An option carries in a group when more than half of the group's voters chose it. */
const carriesIn = (group: GroupTally, key: string) => group.voters > 0 && (group.counts[key] ?? 0) * 2 > group.voters;

function decideChoice(spec: VoteSpec, tally: Tally): { reasons: OutcomeReason[]; carried: string[] } {
  const keys = spec.optionKeys ?? [];
  if (spec.rule === 'simple_majority') {
    const carried = keys.filter((k) => carriesIn(tally.total, k));
    return { carried, reasons: carried.length ? [] : [reason('no_majority', null, 'No option was chosen by more than half of the voters')] };
  }
  if (spec.rule === 'tripartite_majority') {
    const reasons: OutcomeReason[] = [];
    for (const c of TRIPARTITE) {
      if (!keys.some((k) => carriesIn(tally.byConstituency[c], k))) {
        reasons.push(reason('no_majority', c, `No option was chosen by more than half of the ${c} group`));
      }
    }
    const carried = keys.filter((k) => TRIPARTITE.every((c) => carriesIn(tally.byConstituency[c], k)));
    if (!reasons.length && !carried.length) reasons.push(reason('no_common_option', null, 'The three groups chose different options'));
    return { carried, reasons };
  }
  // consensus on a choice: an option every voter chose.
  const carried = keys.filter((k) => tally.total.voters > 0 && tally.total.counts[k] === tally.total.voters);
  return { carried, reasons: carried.length ? [] : [reason('disagreement', null, 'No option was chosen by every voter')] };
}

/** The outcome of a closed vote: adopted only when the quorum is met and the rule is satisfied; otherwise every reason why. */
export function decideVote(spec: VoteSpec, tally: Tally, eligible: Partial<Record<Constituency, number>>): VoteOutcome {
  const quorum = quorumOf(tally, eligible, spec.quorumShare);
  const quorumReasons = quorum.groups
    .filter((g) => !g.met)
    .map((g) =>
      reason(
        'quorum_failed',
        g.constituency,
        g.eligible === 0
          ? `Quorum failed: the ${g.constituency} group has nobody eligible to vote`
          : `Quorum failed: ${g.voted} of ${g.eligible} eligible in the ${g.constituency} group voted, ${g.needed} needed`,
      ),
    );
  const decided = spec.kind === 'choice' ? decideChoice(spec, tally) : { reasons: decideAnswers(spec, tally, spec.kind), carried: [] };
  const reasons = [...quorumReasons, ...decided.reasons];
  return { adopted: reasons.length === 0, reasons, quorum, carried: reasons.length ? [] : decided.carried };
}

/** Checks one ballot's choices against the vote; a problem as a sentence, or null. */
export function choicesProblem(kind: VoteKind, answers: readonly string[], maxChoices: number, choices: readonly string[]): string | null {
  if (!choices.length) return 'choices must name at least one answer';
  if (new Set(choices).size !== choices.length) return 'choices must not repeat an answer';
  const unknown = choices.find((c) => !answers.includes(c));
  if (unknown !== undefined) return `choices must be among ${answers.join(', ')}`;
  const most = kind === 'choice' ? maxChoices : 1;
  if (choices.length > most) return `choices may name at most ${most} answer${most === 1 ? '' : 's'}`;
  return null;
}
