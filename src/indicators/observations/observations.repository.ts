import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LocalizedText } from '../../common/localized-text';
import type { Tx } from '../../database/unit-of-work';
import type { ObservationStatus, ScopeType, Unit } from '../catalogue';
import type { IndicatorRef } from '../dto/indicator.dto';
import { Observation } from '../entities/observation.entity';
import type { Scope } from '../scopes';
import type { ValueWarning } from '../quality/warnings';

/**
 * A row of VIEW_SELECT: an observation with its indicator. The names of its park and of the people who reported
 * and reviewed it are asked of the parks and users modules.
 */
export interface ObservationRow {
  id: string;
  indicator_id: string;
  code: string;
  indicator_name: LocalizedText;
  unit: Unit;
  direction: IndicatorRef['direction'];
  scope_type: ScopeType;
  park_id: string | null;
  province: string;
  city: string;
  period: string;
  period_start: string;
  period_end: string;
  disaggregation: string;
  value: number;
  source: string;
  notes: string;
  status: ObservationStatus;
  is_demo: boolean;
  reported_by_id: string | null;
  reported_at: Date;
  reviewed_by_id: string | null;
  reviewed_at: Date | null;
  rejection_reason: string | null;
  supersedes_id: string | null;
  superseded_by_id: string | null;
  superseded_at: Date | null;
  import_id: string | null;
  warnings: ValueWarning[] | null;
  follow_up: 'open' | 'confirmed' | 'sent_back' | null;
}

const VIEW_SELECT = `
  SELECT o.id, o.indicator_id, i.code, i.name AS indicator_name, i.unit, i.direction,
         o.scope_type, o.park_id, o.province, o.city,
         o.period, o.period_start::text AS period_start, o.period_end::text AS period_end, o.disaggregation,
         o.value::float8 AS value, o.source, o.notes, o.status, o.is_demo,
         o.reported_by_id, o.reported_at, o.reviewed_by_id, o.reviewed_at, o.rejection_reason,
         o.supersedes_id, o.superseded_by_id, o.superseded_at, o.import_id, o.warnings, o.follow_up
    FROM observations o
    JOIN indicators i ON i.id = o.indicator_id`;

/** Turns a value into SQL: a bind parameter ($n) or, where there can be none (COPY), a quoted literal. */
export type Bind = (value: unknown) => string;

/** A Bind that appends to `params`. */
export const bindTo =
  (params: unknown[]): Bind =>
  (value) => {
    params.push(value);
    return `$${params.length}`;
  };

/** The SQL condition selecting one scope's observations (current-value indexes lead with these columns). */
export function scopeSql(scope: Scope, alias: string, bind: Bind): string {
  if (scope.type === 'park') return `${alias}.park_id = ${bind(scope.parkId)}`;
  return `${alias}.park_id IS NULL AND ${alias}.province = ${bind(scope.province)} AND ${alias}.city = ${bind(scope.city)}`;
}

/** scopeSql with bind parameters appended to `params`. */
export const scopeCondition = (scope: Scope, alias: string, params: unknown[]): string => scopeSql(scope, alias, bindTo(params));

/** Which current observations a list or an export takes. */
export interface CurrentObservationFilter {
  indicatorId?: string;
  /** One scope, or else every scope of a type. */
  scope?: Scope;
  scopeType?: ScopeType;
  status?: ObservationStatus;
  /** Periods starting on or after this day. */
  startsFrom?: string;
  /** Periods starting on or before this day. */
  startsUntil?: string;
}

/** The conditions of a filter on the observations `o`. */
export function currentFilterSql(filter: CurrentObservationFilter, bind: Bind): string[] {
  const where = ['o.superseded_at IS NULL'];
  if (filter.indicatorId) where.push(`o.indicator_id = ${bind(filter.indicatorId)}`);
  if (filter.scope) where.push(scopeSql(filter.scope, 'o', bind));
  else if (filter.scopeType) where.push(`o.scope_type = ${bind(filter.scopeType)}`);
  if (filter.status) where.push(`o.status = ${bind(filter.status)}`);
  if (filter.startsFrom) where.push(`o.period_start >= ${bind(filter.startsFrom)}`);
  if (filter.startsUntil) where.push(`o.period_start <= ${bind(filter.startsUntil)}`);
  return where;
}

/** What one value is of: an indicator, a scope, a period and a disaggregation. */
export interface ValueKey {
  indicatorId: string;
  scope: Scope;
  disaggregation: string;
  periodStart: string;
  period: string;
}

/** The current value of a key, as a report or a correction finds it. */
export interface CurrentValue {
  id: string;
  value: string;
  source: string;
  notes: string;
  status: ObservationStatus;
  /** Whether it has the value, source and notes being written. */
  is_same: boolean;
  /** When the first version of this value came in. */
  first_reported_at: Date;
}

/** The columns a new value is written with. */
export type NewObservation = Pick<
  Observation,
  | 'id'
  | 'indicatorId'
  | 'scopeType'
  | 'parkId'
  | 'province'
  | 'city'
  | 'period'
  | 'periodStart'
  | 'periodEnd'
  | 'disaggregation'
  | 'value'
  | 'source'
  | 'notes'
  | 'status'
  | 'reportedById'
  | 'supersedesId'
  | 'warnings'
  | 'followUp'
  | 'firstReportedAt'
>;

/** Observations: reported values, their corrections (chains of superseded rows) and their review. */
@Injectable()
export class ObservationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findViewRow(id: string): Promise<ObservationRow | null> {
    const [row]: ObservationRow[] = await this.dataSource.query(`${VIEW_SELECT} WHERE o.id = $1`, [id]);
    return row ?? null;
  }

  /**
   * A page of current observations. Ids are time-ordered (UUID v7): newest first is the id order, served by the
   * primary key (or, for the verification queue, by its own small index).
   */
  findViewRows(filter: CurrentObservationFilter, page: { order: 'newest' | 'oldest'; after?: string; limit: number }): Promise<ObservationRow[]> {
    const params: unknown[] = [];
    const bind = bindTo(params);
    const where = currentFilterSql(filter, bind);
    const oldest = page.order === 'oldest';
    if (page.after) where.push(`o.id ${oldest ? '>' : '<'} ${bind(page.after)}`);
    return this.dataSource.query(`${VIEW_SELECT} WHERE ${where.join(' AND ')} ORDER BY o.id ${oldest ? 'ASC' : 'DESC'} LIMIT ${page.limit}`, params);
  }

  /** Observations by id, newest first; with `verifiedOnly`, the verified ones only. */
  findViewRowsByIds(ids: string[], verifiedOnly: boolean): Promise<ObservationRow[]> {
    return this.dataSource.query(`${VIEW_SELECT} WHERE o.id = ANY($1)${verifiedOnly ? ` AND o.status = 'verified'` : ''} ORDER BY o.id DESC`, [ids]);
  }

  /** The ids of every version of the value `id` belongs to: the chain of corrections both ways. */
  async findVersionIds(id: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH RECURSIVE back(id, supersedes_id) AS (
         SELECT id, supersedes_id FROM observations WHERE id = $1
         UNION SELECT o.id, o.supersedes_id FROM observations o JOIN back b ON o.id = b.supersedes_id
       ), fwd(id, superseded_by_id) AS (
         SELECT id, superseded_by_id FROM observations WHERE id = $1
         UNION SELECT o.id, o.superseded_by_id FROM observations o JOIN fwd f ON o.id = f.superseded_by_id
       )
       SELECT id FROM back UNION SELECT id FROM fwd`,
      [id],
    );
    return rows.map((r) => r.id);
  }

  findById(id: string): Promise<Observation | null> {
    return this.dataSource.getRepository(Observation).findOneBy({ id });
  }

  /** Locked for a review until `tx` ends. */
  lockById(tx: Tx, id: string): Promise<Observation | null> {
    return tx.findOne(Observation, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Observations carry no foreign keys (see the migration): this keeps the indicator from being deleted until the
   * value is committed.
   */
  async lockIndicator(tx: Tx, indicatorId: string): Promise<void> {
    await tx.query('SELECT 1 FROM indicators WHERE id = $1 FOR KEY SHARE', [indicatorId]);
  }

  /** The current value of `key`, locked until `tx` ends, and whether it is the same as `next`. */
  async lockCurrent(tx: Tx, key: ValueKey, next: { value: number; source: string; notes: string }): Promise<CurrentValue | null> {
    const params: unknown[] = [key.indicatorId, key.disaggregation, key.periodStart, key.period, next.value, next.source, next.notes];
    const [current]: CurrentValue[] = await tx.query(
      `SELECT o.id, o.value, o.source, o.notes, o.status, (o.value = $5::numeric AND o.source = $6 AND o.notes = $7) AS is_same,
              coalesce(o.first_reported_at, o.reported_at) AS first_reported_at
         FROM observations o
        WHERE o.indicator_id = $1 AND o.disaggregation = $2 AND o.period_start = $3 AND o.period = $4
          AND o.superseded_at IS NULL AND ${scopeCondition(key.scope, 'o', params)}
          FOR UPDATE`,
      params,
    );
    return current ?? null;
  }

  /** The id of the current value of `key` (null when there is none). */
  async findCurrentId(tx: Tx, key: ValueKey): Promise<string | null> {
    const params: unknown[] = [key.indicatorId, key.disaggregation, key.periodStart, key.period];
    const [row]: { id: string }[] = await tx.query(
      `SELECT o.id FROM observations o
        WHERE o.indicator_id = $1 AND o.disaggregation = $2 AND o.period_start = $3 AND o.period = $4
          AND o.superseded_at IS NULL AND ${scopeCondition(key.scope, 'o', params)}`,
      params,
    );
    return row?.id ?? null;
  }

  /** Stamps a value superseded by `byId` (now), with the status it keeps. */
  async supersede(tx: Tx, id: string, byId: string, status: ObservationStatus): Promise<void> {
    await tx.update(Observation, { id }, { supersededAt: () => 'now()', supersededById: byId, status });
  }

  async insert(tx: Tx, observation: NewObservation): Promise<void> {
    await tx.insert(Observation, observation);
  }

  /** Records a review outcome (now). */
  async setReview(tx: Tx, id: string, review: { status: 'verified' | 'rejected'; reviewedById: string; rejectionReason: string | null }): Promise<void> {
    await tx.update(Observation, { id }, { ...review, reviewedAt: () => 'now()' });
  }
}
