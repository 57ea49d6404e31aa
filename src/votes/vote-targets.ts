import { Injectable } from '@nestjs/common';
import { type AuthUser, isStaff } from '../auth/auth-user';
import { forbidden } from '../common/errors';
import type { Tx } from '../database/unit-of-work';
import { ChannelsService } from '../realtime/channels.service';
import { ActionItemsService } from '../roadmaps/action-items.service';
import { DecisionsService } from '../roundtables/decisions.service';
import { canManageRoundtable } from '../roundtables/roundtable-access';
import { RoundtablesService } from '../roundtables/roundtables.service';
import type { AccessChange } from '../realtime/channels.service';
import type { Constituency } from '../shared/enums';
import type { DecisionVoteResultView } from './dto/vote.dto';
import type { Vote } from './entities/vote.entity';

/** What a vote is about: a roundtable's draft decision, or a commitment. */
export type VoteTarget = { kind: 'decision'; roundtableId: string; decisionId: string } | { kind: 'commitment'; actionItemId: string };

export function targetOf(vote: Pick<Vote, 'roundtableId' | 'decisionId' | 'actionItemId'>): VoteTarget {
  if (vote.actionItemId) return { kind: 'commitment', actionItemId: vote.actionItemId };
  return { kind: 'decision', roundtableId: vote.roundtableId!, decisionId: vote.decisionId! };
}

/** A key per electorate: votes on the same roundtable (or commitment) share one. */
export const electorateKey = (target: VoteTarget) => (target.kind === 'decision' ? `roundtable:${target.roundtableId}` : `commitment:${target.actionItemId}`);

/** How long a known electorate is trusted without news of a change (a safety net: audited changes forget it at once). */
const ELECTORATE_REUSE_MS = 30_000;
/** Beyond this many known electorates, all are forgotten (open votes are few). */
const ELECTORATE_LIMIT = 200;

/** Everyone who may vote on a target, and how many per constituency, trusted until `until`. */
interface KnownElectorate {
  voters: Map<string, Constituency>;
  counts: Partial<Record<Constituency, number>>;
  until: number;
}

/**
 * Who reads, manages and votes in a vote, by its target. At a roundtable: its readers read, its facilitators and
 * admins manage, those recorded present vote. On a commitment: everyone signed in reads (as the commitment), staff
 * (facilitators and admins) manage, the members of the organizations leading or supporting it vote.
 */
@Injectable()
export class VoteTargets {
  /**
   * The electorates of targets being voted on, so that a ballot needs no reading of attendance or membership. Any
   * audited change of the roundtable, the commitment, a user or an organization (on any app process) forgets the
   * electorates it may touch; someone not found in a known electorate is looked up afresh before being refused.
   */
  private readonly known = new Map<string, KnownElectorate>();
  /** Bumped on every change of rights: an electorate read while one happened is not kept. */
  private generation = 0;

  constructor(
    private readonly roundtables: RoundtablesService,
    private readonly decisions: DecisionsService,
    private readonly actionItems: ActionItemsService,
    private readonly channels: ChannelsService,
  ) {
    channels.onAccessChanged((change) => this.forget(change));
  }

  private forget(change: AccessChange): void {
    this.generation++;
    if ('kind' in change && (change.kind === 'roundtable' || change.kind === 'action_item')) {
      this.known.delete(change.kind === 'roundtable' ? `roundtable:${change.refId}` : `commitment:${change.refId}`);
    } else if (!('kind' in change)) {
      // A person or an organization changed (active, role, organization, constituency): any electorate may differ.
      this.known.clear();
    }
  }

  /** The target's electorate, as known or read now. */
  private async knownElectorate(target: VoteTarget): Promise<KnownElectorate> {
    const key = electorateKey(target);
    const known = this.known.get(key);
    if (known && Date.now() < known.until) return known;
    const generation = this.generation;
    const rows = target.kind === 'decision' ? await this.roundtables.voters(target.roundtableId) : await this.actionItems.voters(target.actionItemId);
    const voters = new Map(rows.map((r) => [r.userId, r.constituency]));
    const counts: Partial<Record<Constituency, number>> = {};
    for (const constituency of voters.values()) counts[constituency] = (counts[constituency] ?? 0) + 1;
    const electorate = { voters, counts, until: Date.now() + ELECTORATE_REUSE_MS };
    if (generation === this.generation) {
      if (this.known.size >= ELECTORATE_LIMIT) this.known.clear();
      this.known.set(key, electorate);
    }
    return electorate;
  }

  /** 404 unless the reader may see the target; whether they may open and close its votes. */
  async read(tx: Tx | undefined, user: AuthUser, target: VoteTarget): Promise<{ canManage: boolean }> {
    if (target.kind === 'decision') {
      const { myRole } = await this.roundtables.findVisible(tx, user, target.roundtableId);
      return { canManage: canManageRoundtable(user, myRole) };
    }
    await this.actionItems.find(target.actionItemId, tx);
    return { canManage: isStaff(user) };
  }

  /** As read, then 403 unless the user may open and close its votes. */
  async assertManageable(tx: Tx, user: AuthUser, target: VoteTarget): Promise<void> {
    if (target.kind === 'decision') {
      await this.roundtables.findManageable(tx, user, target.roundtableId, false);
      return;
    }
    const { canManage } = await this.read(tx, user, target);
    if (!canManage) throw forbidden('Only facilitators and admins open and close votes on a commitment');
  }

  /** Those who may vote now, per constituency: read in the transaction when given one, else as known. */
  async electorate(target: VoteTarget, tx?: Tx): Promise<Partial<Record<Constituency, number>>> {
    if (!tx) return (await this.knownElectorate(target)).counts;
    return target.kind === 'decision' ? this.roundtables.electorate(target.roundtableId, tx) : this.actionItems.electorate(target.actionItemId, tx);
  }

  /**
   * The voter's constituency, or null when they may not vote: read in the transaction when given one, else from the
   * known electorate (someone not in it is looked up afresh: they may have just been added).
   */
  async voterConstituency(target: VoteTarget, userId: string, tx?: Tx): Promise<Constituency | null> {
    if (!tx) {
      const known = (await this.knownElectorate(target)).voters.get(userId);
      if (known) return known;
    }
    const constituency = await (target.kind === 'decision'
      ? this.roundtables.voterConstituency(target.roundtableId, userId, tx)
      : this.actionItems.voterConstituency(target.actionItemId, userId, tx));
    // Found afresh: the known electorate is out of date.
    if (constituency && !tx) this.known.delete(electorateKey(target));
    return constituency;
  }

  /** 403 for someone who may see the target but not vote on it; 404 when they may not see it either. */
  async refuseVoter(tx: Tx | undefined, user: AuthUser, target: VoteTarget): Promise<never> {
    await this.read(tx, user, target);
    throw forbidden(
      target.kind === 'decision'
        ? 'Only participants recorded as present at the roundtable vote'
        : 'Only members of the organizations leading or supporting the commitment vote',
    );
  }

  /** Writes a closed vote's outcome and tallies into the decision, or onto the commitment. */
  recordResult(tx: Tx, target: VoteTarget, result: DecisionVoteResultView): Promise<void> {
    return target.kind === 'decision'
      ? this.decisions.recordVoteResult(tx, target.decisionId, result)
      : this.actionItems.recordVoteResult(tx, target.actionItemId, result);
  }

  /** Where the vote's history is kept: the roundtable's, or the commitment's. */
  activityOf(target: VoteTarget): { entityType: 'roundtable' | 'action_item'; entityId: string } {
    return target.kind === 'decision'
      ? { entityType: 'roundtable', entityId: target.roundtableId }
      : { entityType: 'action_item', entityId: target.actionItemId };
  }

  /** The channel whose room hears the vote's events: the roundtable's, or the commitment's. */
  async channelId(target: VoteTarget): Promise<string | undefined> {
    if (target.kind === 'decision') return (await this.channels.find('roundtable', target.roundtableId))?.id;
    return (await this.channels.ensureChannel('action_item', target.actionItemId)).id;
  }
}
