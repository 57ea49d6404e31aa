import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryPrepared } from '../database/prepared';
import type { Tx } from '../database/unit-of-work';
import { User } from '../users/entities/user.entity';
import { Decision } from './entities/decision.entity';
import type { RoundtableVisibility } from './entities/roundtable.entity';

/** A decision to be promoted, with what decides whether the promoter may see it. */
export interface PromotableDecisionRow {
  id: string;
  text: Decision['text'];
  actionItemId: string | null;
  roundtableId: string;
  visibility: RoundtableVisibility;
  participant: boolean;
}

/** Outcomes recorded at roundtables; their authors (Decision.createdBy) come along. */
@Injectable()
export class DecisionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findInRoundtable(tx: Tx, roundtableId: string, decisionId: string): Promise<Decision | null> {
    return tx.findOneBy(Decision, { id: decisionId, roundtableId });
  }

  async findWithAuthor(decisionId: string): Promise<Decision | null> {
    return this.dataSource.manager.findOne(Decision, { where: { id: decisionId }, relations: { createdBy: true } });
  }

  /** Oldest first, with authors. */
  /**
   * A roundtable's decisions with their authors (as much of them as a view names), oldest first: read with every
   * roundtable page, a prepared statement.
   */
  async listWithAuthors(roundtableId: string): Promise<Decision[]> {
    const rows = await queryPrepared<Omit<Decision, 'createdBy'> & { author_name: string | null }>(
      this.dataSource,
      'roundtable_decisions_with_authors',
      `SELECT d.id, d.roundtable_id AS "roundtableId", d.text, d.adoption, d.constituencies, d.agenda_item_id AS "agendaItemId",
              d.action_item_id AS "actionItemId", d.vote_result AS "voteResult", d.created_by_id AS "createdById",
              d.created_at AS "createdAt", d.updated_at AS "updatedAt", u.display_name AS author_name
         FROM roundtable_decisions d LEFT JOIN users u ON u.id = d.created_by_id
        WHERE d.roundtable_id = $1
        ORDER BY d.created_at ASC, d.id ASC`,
      [roundtableId],
    );
    return rows.map(({ author_name, ...row }) =>
      Object.assign(new Decision(), row, {
        createdBy: row.createdById && author_name !== null ? Object.assign(new User(), { id: row.createdById, displayName: author_name }) : null,
      }),
    );
  }

  async insert(tx: Tx, row: Pick<Decision, 'roundtableId' | 'text' | 'adoption' | 'constituencies' | 'createdById' | 'agendaItemId'>): Promise<Decision> {
    return tx.save(tx.create(Decision, row));
  }

  /** Several decisions at once (the demo loader); returns their ids, in order. */
  async insertMany(tx: Tx, rows: Pick<Decision, 'roundtableId' | 'text' | 'adoption' | 'constituencies' | 'createdById'>[]): Promise<string[]> {
    if (!rows.length) return [];
    return (await tx.insert(Decision, rows)).identifiers.map((i) => i.id as string);
  }

  async update(tx: Tx, decisionId: string, changes: Partial<Pick<Decision, 'text' | 'adoption' | 'constituencies' | 'agendaItemId'>>): Promise<void> {
    await tx.update(Decision, { id: decisionId }, changes);
  }

  async setVoteResult(tx: Tx, decisionId: string, voteResult: Decision['voteResult']): Promise<void> {
    await tx.update(Decision, { id: decisionId }, { voteResult });
  }

  async delete(tx: Tx, decisionId: string): Promise<void> {
    await tx.delete(Decision, { id: decisionId });
  }

  /** The decision, locked until the end of the transaction, with its roundtable's visibility and whether the user takes part. */
  async findForPromotion(tx: Tx, decisionId: string, userId: string): Promise<PromotableDecisionRow | null> {
    const [row] = await tx.query<PromotableDecisionRow[]>(
      `SELECT d.id, d.text, d.action_item_id AS "actionItemId", d.roundtable_id AS "roundtableId", r.visibility,
              EXISTS (SELECT 1 FROM roundtable_participants p WHERE p.roundtable_id = r.id AND p.user_id = $2) AS participant
         FROM roundtable_decisions d JOIN roundtables r ON r.id = d.roundtable_id
        WHERE d.id = $1 FOR UPDATE OF d`,
      [decisionId, userId],
    );
    return row ?? null;
  }

  /** Marks the decision as promoted into the commitment. */
  async linkActionItem(tx: Tx, decisionId: string, actionItemId: string, touch = true): Promise<void> {
    await tx.query(
      touch
        ? 'UPDATE roundtable_decisions SET action_item_id = $1, updated_at = now() WHERE id = $2'
        : 'UPDATE roundtable_decisions SET action_item_id = $1 WHERE id = $2',
      [actionItemId, decisionId],
    );
  }
}
