import { CONSTITUENCIES, type Constituency } from '../shared/enums';
import type { BallotView, DecisionVoteResultView, MyBallotView, TallyView, VoteOutcomeView, VoteSummaryView } from './dto/vote.dto';
import type { VoteBallotRow } from './entities/vote-ballot.entity';
import type { Vote } from './entities/vote.entity';
import { type Tally, turnoutOnly } from './vote-rules';

/** While open, a secret ballot (always) or one the facilitator chose to hide shows only who has voted. */
export const isTallyHidden = (vote: Pick<Vote, 'status' | 'tallyHidden'>) => vote.status === 'open' && vote.tallyHidden;

export function toTallyView(tally: Tally, eligible: Partial<Record<Constituency, number>>, hidden: boolean): TallyView {
  const shown = hidden ? turnoutOnly(tally) : tally;
  return {
    hidden,
    total: shown.total,
    byConstituency: CONSTITUENCIES.map((constituency) => ({ constituency, eligible: eligible[constituency] ?? 0, ...shown.byConstituency[constituency] })),
  };
}

const person = (id: string | null, names: Map<string, string>) => (id ? { id, displayName: names.get(id) ?? '' } : null);

export function toOutcomeView(vote: Vote): VoteOutcomeView | null {
  if (!vote.outcome) return null;
  const { adopted, reasons, quorum, carried } = vote.outcome;
  return { adopted, reasons, quorum, carried };
}

export const toVoteSummary = (vote: Vote, tally: TallyView, names: Map<string, string>): VoteSummaryView => ({
  id: vote.id,
  target: vote.actionItemId ? 'commitment' : 'decision',
  roundtableId: vote.roundtableId,
  decisionId: vote.decisionId,
  actionItemId: vote.actionItemId,
  kind: vote.kind,
  options: vote.options,
  maxChoices: vote.maxChoices,
  ballot: vote.ballot,
  rule: vote.rule,
  quorumShare: Number(vote.quorumShare),
  tallyHidden: vote.tallyHidden,
  closesAt: vote.closesAt?.toISOString() ?? null,
  status: vote.status,
  tally,
  outcome: toOutcomeView(vote),
  createdBy: person(vote.createdById, names),
  closedBy: person(vote.closedById, names),
  closedAt: vote.closedAt?.toISOString() ?? null,
  createdAt: vote.createdAt.toISOString(),
});

/** Never how under a secret ballot; under an open one, how only once the tally shows. */
export const toBallotView = (vote: Vote, b: VoteBallotRow, names: Map<string, string>): BallotView => {
  const reveal = vote.ballot === 'open' && !isTallyHidden(vote);
  return {
    voter: { id: b.voterId, displayName: names.get(b.voterId) ?? '' },
    constituency: b.constituency,
    choices: reveal ? b.choices : null,
    reason: reveal ? b.reason : null,
    updatedAt: new Date(b.updatedAt).toISOString(),
  };
};

export const toMyBallotView = (vote: Pick<Vote, 'id' | 'ballot'>, b: VoteBallotRow): MyBallotView => ({
  voteId: vote.id,
  choices: vote.ballot === 'secret' ? null : b.choices,
  reason: vote.ballot === 'secret' ? null : b.reason,
  changes: b.changes,
  updatedAt: new Date(b.updatedAt).toISOString(),
});

/** What a closed vote writes into its decision. */
export function decisionResultOf(vote: Vote & { outcome: NonNullable<Vote['outcome']>; closedAt: Date }): DecisionVoteResultView {
  const { adopted, reasons, quorum, carried, tally, eligible } = vote.outcome;
  return {
    voteId: vote.id,
    rule: vote.rule,
    ballot: vote.ballot,
    adopted,
    reasons,
    quorum,
    carried,
    tally: toTallyView(tally, eligible, false),
    closedAt: vote.closedAt.toISOString(),
  };
}
