import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, conflict, orNotFound } from '../common/errors';
import { cleanLocalizedText } from '../common/localized-text';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import type { ServerEventPayload } from '../realtime/dto/events.dto';
import { RealtimeEmitter } from '../realtime/realtime.emitter';
import { ActionItemsService } from '../roadmaps/action-items.service';
import { DecisionsService } from '../roundtables/decisions.service';
import { RoundtablesService } from '../roundtables/roundtables.service';
import type { Constituency } from '../shared/enums';
import { UsersService } from '../users/users.service';
import type { CastBallotDto, ClosedVoteView, MyBallotView, OpenCommitmentVoteDto, OpenVoteDto, VoteList, VoteSummaryView, VoteView } from './dto/vote.dto';
import type { Vote, VoteResult } from './entities/vote.entity';
import { answersOf, choicesProblem, decideVote, tallyBallots, tallyCounts } from './vote-rules';
import { decisionResultOf, isTallyHidden, toBallotView, toMyBallotView, toTallyView, toVoteSummary } from './views';
import { electorateKey, targetOf, type VoteTarget, VoteTargets } from './vote-targets';
import { VotesRepository } from './votes.repository';

/**
 * Ballots are told as one tally at most this many ms after the first of them was counted: one vote:tally per vote
 * and window, however many ballots came in it, and one count at a time per vote.
 */
const TALLY_WINDOW_MS = 25;
/** Beyond this many open votes kept in memory, all are forgotten. */
const OPEN_VOTE_LIMIT = 500;
/** How often votes with a closing time are checked for having reached it. */
const SWEEP_MS = 5_000;

/**
 * Votes on a roundtable's draft decisions (opened and closed by its facilitators, cast by those attending) and on
 * commitments (opened and closed by staff, cast by the members of the organizations leading or supporting them): one
 * way of counting and deciding, the target (VoteTargets) saying who reads, manages and votes.
 */
@Injectable()
export class VotesService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('VotesService');
  private readonly tallies = new Map<string, TallyState>();
  /** Open votes as opened (what a ballot checks against never changes while open; whether it is open the cast checks in the database). */
  private readonly openVotes = new Map<string, Vote>();
  private readonly channelOf = new Map<string, string>();
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly votes: VotesRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly roundtables: RoundtablesService,
    private readonly decisions: DecisionsService,
    private readonly actionItems: ActionItemsService,
    private readonly targets: VoteTargets,
    private readonly activity: ActivityService,
    private readonly users: UsersService,
    private readonly emitter: RealtimeEmitter,
  ) {}

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.closeDue().catch((error: unknown) => this.logger.error(String(error))), SWEEP_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
    for (const state of this.tallies.values()) clearTimeout(state.timer);
    this.tallies.clear();
  }

  // ---- reading ----

  private async summaries(votes: Vote[]): Promise<VoteSummaryView[]> {
    const names = await this.users.displayNames(votes.flatMap((v) => [v.createdById, v.closedById]));
    const electorates = new Map<string, Partial<Record<Constituency, number>>>();
    const out: VoteSummaryView[] = [];
    for (const vote of votes) {
      const target = targetOf(vote);
      const key = electorateKey(target);
      if (!electorates.has(key)) electorates.set(key, await this.targets.electorate(target));
      const tally =
        vote.outcome?.tally ??
        tallyCounts(
          answersOf(
            vote.kind,
            vote.options.map((o) => o.key),
          ),
          await this.votes.ballotCounts(vote.id),
        );
      const eligible = vote.outcome?.eligible ?? electorates.get(key)!;
      out.push(toVoteSummary(vote, toTallyView(tally, eligible, isTallyHidden(vote)), names));
    }
    return out;
  }

  async list(user: AuthUser, roundtableId: string): Promise<VoteList> {
    await this.roundtables.findVisible(undefined, user, roundtableId);
    return { items: await this.summaries(await this.votes.listForRoundtable(roundtableId)) };
  }

  /** The votes on a commitment, newest first (everyone signed in reads a commitment). */
  async listForCommitment(user: AuthUser, actionItemId: string): Promise<VoteList> {
    await this.targets.read(undefined, user, { kind: 'commitment', actionItemId });
    return { items: await this.summaries(await this.votes.listForActionItem(actionItemId)) };
  }

  async get(user: AuthUser, id: string): Promise<VoteView> {
    const vote = orNotFound(await this.votes.findById(id), 'Vote');
    const target = targetOf(vote);
    const { canManage } = await this.targets.read(undefined, user, target);
    const [[summary], ballots, mine, voter] = await Promise.all([
      this.summaries([vote]),
      this.votes.ballots(id),
      this.votes.ballotOf(id, user.id),
      vote.status === 'open' ? this.targets.voterConstituency(target, user.id) : Promise.resolve(null),
    ]);
    const names = await this.users.displayNames(ballots.map((b) => b.voterId));
    return {
      ...summary,
      ballots: ballots.map((b) => toBallotView(vote, b, names)),
      myBallot: mine ? toMyBallotView(vote, mine) : null,
      canVote: voter !== null && !this.isPastClosing(vote),
      canManage,
    };
  }

  /**
   * For the consultation report: the outcomes of the closed votes on the decisions of these roundtables and on these
   * commitments, oldest first (never a ballot, only the counts).
   */
  async closedOn(roundtableIds: string[], actionItemIds: string[]): Promise<ClosedVoteView[]> {
    const votes = await this.votes.closedOn(roundtableIds, actionItemIds);
    return votes.flatMap((vote) =>
      vote.outcome && vote.closedAt
        ? [
            {
              ...decisionResultOf({ ...vote, outcome: vote.outcome, closedAt: vote.closedAt }),
              target: vote.actionItemId ? ('commitment' as const) : ('decision' as const),
              roundtableId: vote.roundtableId,
              decisionId: vote.decisionId,
              actionItemId: vote.actionItemId,
              kind: vote.kind,
            },
          ]
        : [],
    );
  }

  // ---- opening, casting, closing ----

  async open(actor: AuthUser, roundtableId: string, dto: OpenVoteDto): Promise<VoteView> {
    return this.openOn(actor, dto, async (tx) => {
      const { roundtable } = await this.roundtables.findManageable(tx, actor, roundtableId);
      if (roundtable.status !== 'open') throw conflict('Votes are held while the roundtable is open');
      const decision = await this.decisions.findForVote(tx, roundtableId, dto.decisionId);
      if (!decision) throw badRequest('decisionId', 'decisionId does not name a decision of this roundtable');
      if (decision.voteResult?.adopted) throw conflict('This decision was already adopted by a vote');
      if (await this.votes.openOnDecision(tx, decision.id)) throw conflict('A vote on this decision is already open');
      return { kind: 'decision', roundtableId, decisionId: decision.id };
    });
  }

  /** Facilitators and admins open a vote on a commitment between meetings (not on one completed or dropped). */
  async openOnCommitment(actor: AuthUser, actionItemId: string, dto: OpenCommitmentVoteDto): Promise<VoteView> {
    return this.openOn(actor, dto, async (tx) => {
      const target: VoteTarget = { kind: 'commitment', actionItemId };
      await this.targets.assertManageable(tx, actor, target);
      const item = await this.actionItems.findForVote(tx, actionItemId);
      if (item.status === 'completed' || item.status === 'dropped') throw conflict(`Votes are not held on a ${item.status} commitment`);
      if (await this.votes.openOnActionItem(tx, actionItemId)) throw conflict('A vote on this commitment is already open');
      return target;
    });
  }

  /** Checks the vote's settings, then opens it on the target that `resolve` checks (and locks) in the same transaction. */
  private async openOn(actor: AuthUser, dto: OpenCommitmentVoteDto, resolve: (tx: Tx) => Promise<VoteTarget>): Promise<VoteView> {
    const id = await this.unitOfWork.run(async (tx) => {
      const target = await resolve(tx);
      if (dto.kind !== 'choice' && dto.options !== undefined) throw badRequest('options', 'options are only for a choice vote');
      const options = (dto.options ?? []).map((o, i) => ({ key: String(i + 1), label: cleanLocalizedText(o.label) }));
      const maxChoices = dto.maxChoices ?? 1;
      if (dto.kind !== 'choice' && maxChoices !== 1) throw badRequest('maxChoices', 'maxChoices is only for a choice vote');
      if (maxChoices > Math.max(options.length, 1)) throw badRequest('maxChoices', 'maxChoices must not exceed the number of options');
      const closesAt = dto.closesAt ? new Date(dto.closesAt) : null;
      if (closesAt && closesAt.getTime() <= Date.now()) throw badRequest('closesAt', 'closesAt must be in the future');
      const voteId = await this.votes.insert(tx, {
        roundtableId: target.kind === 'decision' ? target.roundtableId : null,
        decisionId: target.kind === 'decision' ? target.decisionId : null,
        actionItemId: target.kind === 'commitment' ? target.actionItemId : null,
        kind: dto.kind,
        options,
        maxChoices,
        ballot: dto.ballot,
        rule: dto.rule,
        quorumShare: String(dto.quorumShare ?? 0),
        tallyHidden: dto.ballot === 'secret' || dto.hideTallyUntilClose === true,
        closesAt,
        createdById: actor.id,
      });
      const { entityType, entityId } = this.targets.activityOf(target);
      await this.activity.record(tx, {
        actorId: actor.id,
        action: `${entityType}.vote_opened`,
        entityType,
        entityId,
        changes: {
          voteId,
          ...(target.kind === 'decision' ? { decisionId: target.decisionId } : {}),
          kind: dto.kind,
          ballot: dto.ballot,
          rule: dto.rule,
          quorumShare: dto.quorumShare ?? 0,
        },
      });
      return voteId;
    });
    const view = await this.get(actor, id);
    await this.push(targetOf(view), 'vote:opened', { vote: stripPersonal(view) });
    return view;
  }

  private isPastClosing(vote: Vote): boolean {
    return vote.status !== 'open' || (vote.closesAt !== null && vote.closesAt.getTime() <= Date.now());
  }

  /**
   * One person's vote, or their changed vote. At a roundtable only those recorded present, taking part as participant
   * or facilitator, vote; on a commitment, the members of the organizations leading or supporting it. Once the vote is
   * closed (or its closing time has come) nothing changes it.
   */
  async cast(user: AuthUser, voteId: string, dto: CastBallotDto): Promise<MyBallotView> {
    // The hot path at the end of a plenary: the vote and its electorate as known, then one statement.
    const vote = await this.openVote(voteId);
    const target = targetOf(vote);
    const constituency = await this.targets.voterConstituency(target, user.id);
    if (!constituency) return this.targets.refuseVoter(undefined, user, target);
    if (this.isPastClosing(vote)) throw conflict('This vote is closed');
    const problem = choicesProblem(
      vote.kind,
      answersOf(
        vote.kind,
        vote.options.map((o) => o.key),
      ),
      vote.maxChoices,
      dto.choices,
    );
    if (problem) throw badRequest('choices', problem);
    const reason = dto.reason ?? null;
    if (vote.ballot === 'secret' && reason) throw badRequest('reason', 'reason is not taken on a secret ballot: it could tell how you voted');
    const ballot = await this.votes.castBallot({ voteId, voterId: user.id, constituency, choices: dto.choices, reason });
    if (!ballot) {
      this.openVotes.delete(voteId);
      throw conflict('This vote is closed');
    }
    this.scheduleTally(vote);
    return toMyBallotView(vote, ballot);
  }

  /** The vote (404 when there is none), open ones as kept since first read. */
  private async openVote(voteId: string): Promise<Vote> {
    const known = this.openVotes.get(voteId);
    if (known) return known;
    const vote = orNotFound(await this.votes.findById(voteId), 'Vote');
    if (vote.status === 'open') {
      if (this.openVotes.size >= OPEN_VOTE_LIMIT) this.openVotes.clear();
      this.openVotes.set(voteId, vote);
    }
    return vote;
  }

  async close(actor: AuthUser, voteId: string): Promise<VoteView> {
    await this.unitOfWork.run(async (tx) => {
      const vote = orNotFound(await this.votes.findById(voteId, tx, 'update'), 'Vote');
      await this.targets.assertManageable(tx, actor, targetOf(vote));
      if (vote.status !== 'open') throw conflict('This vote is already closed');
      await this.closeLocked(tx, vote, actor.id);
    });
    return this.afterClose(actor, voteId);
  }

  /** Closes the votes whose closing time has come (each in its own transaction; one already closed is left as it is). */
  async closeDue(): Promise<number> {
    let closed = 0;
    for (const id of await this.votes.dueIds(new Date())) {
      const vote = await this.unitOfWork.run(async (tx) => {
        const locked = await this.votes.findById(id, tx, 'update');
        if (!locked || locked.status !== 'open') return null;
        await this.closeLocked(tx, locked, null);
        return locked;
      });
      if (!vote) continue;
      this.stopTallies(id);
      closed += 1;
      const [summary] = await this.summaries([orNotFound(await this.votes.findById(id), 'Vote')]);
      await this.push(targetOf(vote), 'vote:closed', { vote: summary });
    }
    return closed;
  }

  /** Counts the ballots against the electorate now, and writes the outcome into the vote and its target. */
  private async closeLocked(tx: Tx, vote: Vote, actorId: string | null, closedAt = new Date()): Promise<void> {
    const target = targetOf(vote);
    const optionKeys = vote.options.map((o) => o.key);
    const tally = tallyBallots(answersOf(vote.kind, optionKeys), await this.votes.countedBallots(vote.id, tx));
    const eligible = await this.targets.electorate(target, tx);
    const outcome = decideVote({ kind: vote.kind, rule: vote.rule, quorumShare: Number(vote.quorumShare), optionKeys }, tally, eligible);
    const result: VoteResult = { ...outcome, tally, eligible };
    await this.votes.close(tx, vote.id, { outcome: result, closedById: actorId, closedAt });
    await this.targets.recordResult(tx, target, decisionResultOf({ ...vote, outcome: result, closedAt }));
    const { entityType, entityId } = this.targets.activityOf(target);
    await this.activity.record(tx, {
      actorId,
      action: `${entityType}.vote_closed`,
      entityType,
      entityId,
      changes: {
        voteId: vote.id,
        ...(vote.decisionId ? { decisionId: vote.decisionId } : {}),
        adopted: outcome.adopted,
        reasons: outcome.reasons.map((r) => r.message),
      },
    });
  }

  private async afterClose(actor: AuthUser, voteId: string): Promise<VoteView> {
    this.stopTallies(voteId);
    const view = await this.get(actor, voteId);
    await this.push(targetOf(view), 'vote:closed', { vote: stripPersonal(view) });
    return view;
  }

  /**
   * For the demo loader, inside its transaction: a vote held and closed in the past, its ballots as given (those who
   * may not vote on the target are left out), its outcome counted and written into its target as a close would.
   */
  async importClosedVote(
    tx: Tx,
    input: {
      target: VoteTarget;
      kind: Vote['kind'];
      ballot: Vote['ballot'];
      rule: Vote['rule'];
      createdById: string;
      closedAt: Date;
      ballots: { voterId: string; choices: string[]; reason?: string }[];
    },
  ): Promise<string> {
    const { target } = input;
    const id = await this.votes.insert(tx, {
      roundtableId: target.kind === 'decision' ? target.roundtableId : null,
      decisionId: target.kind === 'decision' ? target.decisionId : null,
      actionItemId: target.kind === 'commitment' ? target.actionItemId : null,
      kind: input.kind,
      options: [],
      maxChoices: 1,
      ballot: input.ballot,
      rule: input.rule,
      quorumShare: '0',
      tallyHidden: input.ballot === 'secret',
      closesAt: null,
      createdById: input.createdById,
    });
    for (const b of input.ballots) {
      const constituency = await this.targets.voterConstituency(target, b.voterId, tx);
      if (constituency) await this.votes.upsertBallot(tx, { voteId: id, voterId: b.voterId, constituency, choices: b.choices, reason: b.reason ?? null });
    }
    const vote = orNotFound(await this.votes.findById(id, tx), 'Vote');
    await this.closeLocked(tx, vote, input.createdById, input.closedAt);
    return id;
  }

  // ---- live ----

  /** Tells the room of the vote's target the tally (or, hidden, the turnout) within a window of the ballot. */
  private scheduleTally(vote: Vote): void {
    let state = this.tallies.get(vote.id);
    if (!state) this.tallies.set(vote.id, (state = { counting: false }));
    state.pendingSince ??= Date.now();
    if (!state.counting && !state.timer) this.armTally(vote, state);
  }

  private armTally(vote: Vote, state: TallyState): void {
    const wait = Math.max(0, state.pendingSince! + TALLY_WINDOW_MS - Date.now());
    state.timer = setTimeout(() => void this.tellTally(vote, state), wait);
  }

  /** One count at a time per vote: ballots counted while one runs are told by the next, which follows at once. */
  private async tellTally(vote: Vote, state: TallyState): Promise<void> {
    state.timer = undefined;
    state.pendingSince = undefined;
    state.counting = true;
    try {
      const optionKeys = vote.options.map((o) => o.key);
      const target = targetOf(vote);
      const [counts, eligible] = await Promise.all([this.votes.ballotCounts(vote.id), this.targets.electorate(target)]);
      // Closed meanwhile: vote:closed has told the final tally.
      if (this.tallies.get(vote.id) !== state) return;
      const tally = toTallyView(tallyCounts(answersOf(vote.kind, optionKeys), counts), eligible, isTallyHidden(vote));
      await this.push(target, 'vote:tally', {
        voteId: vote.id,
        roundtableId: vote.roundtableId,
        decisionId: vote.decisionId,
        actionItemId: vote.actionItemId,
        tally,
      });
    } catch (error: unknown) {
      this.logger.error(String(error));
    } finally {
      state.counting = false;
      if (this.tallies.get(vote.id) === state) {
        if (state.pendingSince !== undefined) this.armTally(vote, state);
        else this.tallies.delete(vote.id);
      }
    }
  }

  /** The vote closed: no more live tallies for it. */
  private stopTallies(voteId: string): void {
    clearTimeout(this.tallies.get(voteId)?.timer);
    this.tallies.delete(voteId);
    this.openVotes.delete(voteId);
  }

  private async push<E extends 'vote:opened' | 'vote:tally' | 'vote:closed'>(target: VoteTarget, event: E, payload: ServerEventPayload<E>): Promise<void> {
    const key = electorateKey(target);
    let channelId = this.channelOf.get(key);
    if (!channelId) {
      channelId = await this.targets.channelId(target);
      if (!channelId) return;
      this.channelOf.set(key, channelId);
    }
    this.emitter.toChannel(channelId, event, payload);
  }
}

/** A vote's live tally: waiting for its window (timer), being counted, ballots not yet told since (pendingSince). */
interface TallyState {
  timer?: NodeJS.Timeout;
  counting: boolean;
  pendingSince?: number;
}

/** The part of a vote every reader of the roundtable sees alike. */
function stripPersonal(view: VoteView): VoteSummaryView {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the reader's own fields are left out of what everyone is told
  const { ballots: _ballots, myBallot: _myBallot, canVote: _canVote, canManage: _canManage, ...summary } = view;
  return summary;
}
