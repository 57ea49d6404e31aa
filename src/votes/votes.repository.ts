import { Injectable } from '@nestjs/common';
import { DataSource, LessThanOrEqual } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import type { Constituency } from '../shared/enums';
import type { BallotCount } from './vote-rules';
import { VoteBallotRow } from './entities/vote-ballot.entity';
import { Vote } from './entities/vote.entity';

export type NewVote = Pick<
  Vote,
  | 'roundtableId'
  | 'decisionId'
  | 'actionItemId'
  | 'kind'
  | 'options'
  | 'maxChoices'
  | 'ballot'
  | 'rule'
  | 'quorumShare'
  | 'tallyHidden'
  | 'closesAt'
  | 'createdById'
>;

type NewBallot = Pick<VoteBallotRow, 'voteId' | 'voterId' | 'constituency' | 'choices' | 'reason'>;

/** A second ballot from the same person replaces the first, counting the change. */
const REPLACE_BALLOT = `ON CONFLICT (vote_id, voter_id) DO UPDATE
         SET constituency = EXCLUDED.constituency, choices = EXCLUDED.choices, reason = EXCLUDED.reason,
             changes = vote_ballots.changes + 1, updated_at = now()`;
const BALLOT_COLUMNS = `vote_id AS "voteId", voter_id AS "voterId", constituency, choices, reason, changes, created_at AS "createdAt", updated_at AS "updatedAt"`;

/** Votes and their ballots. */
@Injectable()
export class VotesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Tx, row: NewVote): Promise<string> {
    return (await tx.insert(Vote, { ...row, status: 'open' })).identifiers[0].id as string;
  }

  /** The vote; locked for update when asked (to close it: ballots under way finish first, castBallot). */
  async findById(id: string, tx: Tx = this.dataSource.manager, lock?: 'update'): Promise<Vote | null> {
    const mode = lock === 'update' ? 'pessimistic_write' : undefined;
    return tx.findOne(Vote, { where: { id }, lock: mode ? { mode } : undefined });
  }

  /** Newest first. */
  async listForRoundtable(roundtableId: string): Promise<Vote[]> {
    return this.dataSource.manager.find(Vote, { where: { roundtableId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** Newest first. */
  async listForActionItem(actionItemId: string): Promise<Vote[]> {
    return this.dataSource.manager.find(Vote, { where: { actionItemId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  async openOnActionItem(tx: Tx, actionItemId: string): Promise<boolean> {
    return tx.existsBy(Vote, { actionItemId, status: 'open' });
  }

  async openOnDecision(tx: Tx, decisionId: string): Promise<boolean> {
    return tx.existsBy(Vote, { decisionId, status: 'open' });
  }

  /** Records a person's vote, or replaces their earlier one (counting the change), inside a transaction (no checks). */
  async upsertBallot(tx: Tx, row: NewBallot): Promise<VoteBallotRow> {
    const [saved] = await tx.query<Record<string, unknown>[]>(
      `INSERT INTO vote_ballots (vote_id, voter_id, constituency, choices, reason) VALUES ($1, $2, $3, $4, $5) ${REPLACE_BALLOT} RETURNING ${BALLOT_COLUMNS}`,
      [row.voteId, row.voterId, row.constituency, row.choices, row.reason],
    );
    return saved as unknown as VoteBallotRow;
  }

  /**
   * Records a person's vote, or replaces their earlier one, in one statement and only while the vote is open and
   * before its closing time; null when it is not. The vote row is key-share locked for the statement alone: ballots
   * do not wait for each other, and a close (which locks the row for update) waits for those under way and counts
   * them, while one arriving during a close waits, then finds the vote closed.
   */
  async castBallot(row: NewBallot): Promise<VoteBallotRow | null> {
    const [saved] = await this.dataSource.query<Record<string, unknown>[]>(
      `WITH open_vote AS (
         SELECT id FROM votes WHERE id = $1 AND status = 'open' AND (closes_at IS NULL OR closes_at > now()) FOR KEY SHARE
       )
       INSERT INTO vote_ballots (vote_id, voter_id, constituency, choices, reason)
       SELECT id, $2, $3, $4, $5 FROM open_vote
       ${REPLACE_BALLOT}
       RETURNING ${BALLOT_COLUMNS}`,
      [row.voteId, row.voterId, row.constituency, row.choices, row.reason],
    );
    return (saved as unknown as VoteBallotRow | undefined) ?? null;
  }

  /** Every ballot of the vote, as counted: constituency and choices. */
  async countedBallots(voteId: string, tx: Tx = this.dataSource.manager): Promise<{ constituency: Constituency; choices: string[] }[]> {
    return tx.find(VoteBallotRow, { where: { voteId }, select: { constituency: true, choices: true } });
  }

  /**
   * The vote's ballots counted in the database, one aggregate over its ballots (by the primary key's vote_id): per
   * constituency how many voted (`choice` null) and how many chose each answer.
   */
  async ballotCounts(voteId: string): Promise<BallotCount[]> {
    return this.dataSource.query(
      `SELECT b.constituency, CASE WHEN GROUPING(c.choice) = 0 THEN c.choice END AS choice, count(DISTINCT b.voter_id)::int AS n
         FROM vote_ballots b LEFT JOIN LATERAL unnest(b.choices) AS c(choice) ON true
        WHERE b.vote_id = $1
        GROUP BY GROUPING SETS ((b.constituency), (b.constituency, c.choice))
       HAVING GROUPING(c.choice) = 1 OR c.choice IS NOT NULL`,
      [voteId],
    );
  }

  /** Every ballot of the vote, in the order they were first cast. */
  async ballots(voteId: string): Promise<VoteBallotRow[]> {
    return this.dataSource.manager.find(VoteBallotRow, { where: { voteId }, order: { createdAt: 'ASC', voterId: 'ASC' } });
  }

  async ballotOf(voteId: string, voterId: string): Promise<VoteBallotRow | null> {
    return this.dataSource.manager.findOneBy(VoteBallotRow, { voteId, voterId });
  }

  async ballotsOf(voteIds: string[], voterId: string): Promise<VoteBallotRow[]> {
    if (!voteIds.length) return [];
    return this.dataSource.manager
      .createQueryBuilder(VoteBallotRow, 'b')
      .where('b.vote_id IN (:...voteIds) AND b.voter_id = :voterId', { voteIds, voterId })
      .getMany();
  }

  async close(tx: Tx, id: string, changes: Pick<Vote, 'outcome' | 'closedById' | 'closedAt'>): Promise<void> {
    await tx.update(Vote, { id }, { ...changes, status: 'closed' });
  }

  /** Open votes whose closing time has come. */
  async dueIds(now: Date): Promise<string[]> {
    return (await this.dataSource.manager.find(Vote, { where: { status: 'open', closesAt: LessThanOrEqual(now) }, select: { id: true } })).map((v) => v.id);
  }

  /** Closed votes on the decisions of the given roundtables and on the given commitments, oldest first (for reports). */
  async closedOn(roundtableIds: string[], actionItemIds: string[]): Promise<Vote[]> {
    if (!roundtableIds.length && !actionItemIds.length) return [];
    return this.dataSource.manager
      .createQueryBuilder(Vote, 'v')
      .where("v.status = 'closed'")
      .andWhere('(v.roundtable_id = ANY(:roundtableIds) OR v.action_item_id = ANY(:actionItemIds))', { roundtableIds, actionItemIds })
      .orderBy('v.closed_at', 'ASC')
      .addOrderBy('v.id', 'ASC')
      .getMany();
  }
}
