import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../../database/unit-of-work';
import type { ValueKey } from '../observations/observations.repository';
import { scopeCondition } from '../observations/observations.repository';

/** The same kind of period as the text bound at `p` (a year, a quarter or a month). */
export const samePeriodKindSql = (column: string, p: string) => `length(${column}) = length(${p}) AND (strpos(${column}, 'Q') > 0) = (strpos(${p}, 'Q') > 0)`;

/** How many earlier values the history check looks at (the most recent). */
export const HISTORY_DEPTH = 36;

export interface CommentRow {
  id: string;
  observation_id: string;
  author_id: string | null;
  body: string;
  kind: 'comment' | 'confirmed' | 'sent_back';
  created_at: Date;
}

/** What the validation rules read (history, peers, the breakdown by sex), the follow-up of flagged values and comments. */
@Injectable()
export class QualityRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The most recent earlier current values of the key's series, of the same kind of period, rejected ones left out. */
  async history(tx: Tx, key: ValueKey): Promise<number[]> {
    const params: unknown[] = [key.indicatorId, key.disaggregation, key.periodStart, key.period];
    const rows: { value: number }[] = await tx.query(
      `SELECT o.value::float8 AS value FROM observations o
        WHERE o.indicator_id = $1 AND o.disaggregation = $2 AND o.period_start < $3 AND ${samePeriodKindSql('o.period', '$4')}
          AND o.superseded_at IS NULL AND o.status <> 'rejected' AND ${scopeCondition(key.scope, 'o', params)}
        ORDER BY o.period_start DESC LIMIT ${HISTORY_DEPTH}`,
      params,
    );
    return rows.map((r) => r.value);
  }

  /** The current values of other parks for the same indicator, period and disaggregation, rejected ones left out. */
  async peers(tx: Tx, key: ValueKey): Promise<number[]> {
    const rows: { value: number }[] = await tx.query(
      `SELECT o.value::float8 AS value FROM observations o
        WHERE o.indicator_id = $1 AND o.disaggregation = $2 AND o.period_start = $3 AND o.period = $4
          AND o.superseded_at IS NULL AND o.park_id IS NOT NULL AND o.park_id <> $5 AND o.status <> 'rejected'`,
      [key.indicatorId, key.disaggregation, key.periodStart, key.period, key.scope.parkId],
    );
    return rows.map((r) => r.value);
  }

  /** The current values of the total and the parts by sex for the key's indicator, scope and period. */
  async breakdown(tx: Tx, key: ValueKey): Promise<{ disaggregation: string; value: number }[]> {
    const params: unknown[] = [key.indicatorId, key.periodStart, key.period];
    return tx.query(
      `SELECT o.disaggregation, o.value::float8 AS value FROM observations o
        WHERE o.indicator_id = $1 AND o.disaggregation IN ('', 'sex=female', 'sex=male') AND o.period_start = $2 AND o.period = $3
          AND o.superseded_at IS NULL AND o.status <> 'rejected' AND ${scopeCondition(key.scope, 'o', params)}`,
      params,
    );
  }

  /** Current flagged values awaiting follow-up, oldest first (ids are time-ordered). */
  async findFollowUpIds(after: string | undefined, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM observations WHERE follow_up = 'open' AND superseded_at IS NULL ${after ? 'AND id > $2' : ''} ORDER BY id LIMIT $1`,
      after ? [limit, after] : [limit],
    );
    return rows.map((r) => r.id);
  }

  /** For each observation, up to `depth` earlier current values of its series (same kind of period), newest first. */
  async previousValues(ids: string[], depth: number): Promise<Map<string, { period: string; value: number; status: string }[]>> {
    if (!ids.length) return new Map();
    const rows: { id: string; period: string; value: number; status: string }[] = await this.dataSource.query(
      `SELECT c.id, p.period, p.value::float8 AS value, p.status
         FROM observations c
        CROSS JOIN LATERAL (
          SELECT o.period, o.value, o.status, o.period_start FROM observations o
           WHERE o.indicator_id = c.indicator_id AND o.disaggregation = c.disaggregation AND o.period_start < c.period_start
             AND ${samePeriodKindSql('o.period', 'c.period')} AND o.superseded_at IS NULL
             AND ((c.park_id IS NOT NULL AND o.park_id = c.park_id)
               OR (c.park_id IS NULL AND o.park_id IS NULL AND o.province = c.province AND o.city = c.city))
           ORDER BY o.period_start DESC LIMIT $2) p
        WHERE c.id = ANY($1::uuid[])
        ORDER BY c.id, p.period_start DESC`,
      [ids, depth],
    );
    const out = new Map<string, { period: string; value: number; status: string }[]>();
    for (const r of rows) out.set(r.id, [...(out.get(r.id) ?? []), { period: r.period, value: r.value, status: r.status }]);
    return out;
  }

  async setFollowUp(tx: Tx, id: string, state: 'confirmed' | 'sent_back'): Promise<void> {
    await tx.query(`UPDATE observations SET follow_up = $2 WHERE id = $1`, [id, state]);
  }

  async insertComment(tx: Tx, comment: { observationId: string; authorId: string; body: string; kind: CommentRow['kind'] }): Promise<CommentRow> {
    const [row]: CommentRow[] = await tx.query(
      `INSERT INTO observation_comments (observation_id, author_id, body, kind) VALUES ($1, $2, $3, $4)
       RETURNING id, observation_id, author_id, body, kind, created_at`,
      [comment.observationId, comment.authorId, comment.body, comment.kind],
    );
    return row;
  }

  /** The thread of the value: comments on every version of it, oldest first. */
  findComments(observationIds: string[]): Promise<CommentRow[]> {
    return this.dataSource.query(
      `SELECT id, observation_id, author_id, body, kind, created_at FROM observation_comments
        WHERE observation_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [observationIds],
    );
  }
}
