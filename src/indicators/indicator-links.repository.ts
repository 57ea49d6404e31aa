import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import type { LocalizedText } from '../common/localized-text';
import type { Tx } from '../database/unit-of-work';
import type { Aggregation, Direction, ScopeType, Unit } from './catalogue';
import { IndicatorLink } from './entities/indicator-link.entity';
import type { Scope } from './scopes';

/** A link with its indicator, as views read it (the park's name is asked of the parks module). */
export interface LinkRow {
  id: string;
  action_item_id: string;
  indicator_id: string;
  code: string;
  name: LocalizedText;
  unit: Unit;
  direction: Direction;
  aggregation: Aggregation;
  scope_type: ScopeType;
  park_id: string | null;
  province: string;
  city: string;
  disaggregation: string;
  baseline_value: number;
  baseline_date: string;
  target_value: number;
  target_date: string;
}

/** Baseline and target, as stored (numerics as text). */
export type LinkTargets = Pick<IndicatorLink, 'baselineValue' | 'baselineDate' | 'targetValue' | 'targetDate'>;

/** What a link is of: a commitment, an indicator, a scope and a disaggregation (one link each). */
export interface LinkKey {
  actionItemId: string;
  indicatorId: string;
  scope: Scope;
  disaggregation: string;
}

/** The links between commitments and the indicators they are meant to move. */
@Injectable()
export class IndicatorLinksRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The links of a roadmap's commitments, of an indicator, or of a commitment (or one link of it), with their
   * indicator, in the order they were made.
   */
  findRows(of: { roadmapId: string } | { indicatorId: string } | { actionItemId: string; linkId?: string }): Promise<LinkRow[]> {
    const [where, params] =
      'roadmapId' in of
        ? // A pure read of the roadmaps module's commitments, so that a dashboard need not wait for them first.
          ['l.action_item_id IN (SELECT a.id FROM action_items a WHERE a.roadmap_id = $1)', [of.roadmapId]]
        : 'indicatorId' in of
          ? ['l.indicator_id = $1', [of.indicatorId]]
          : of.linkId
            ? ['l.action_item_id = $1 AND l.id = $2', [of.actionItemId, of.linkId]]
            : ['l.action_item_id = $1', [of.actionItemId]];
    return this.dataSource.query(
      `SELECT l.id, l.action_item_id, l.indicator_id, i.code, i.name, i.unit, i.direction, i.aggregation,
              l.scope_type, l.park_id, l.province, l.city, l.disaggregation,
              l.baseline_value::float8 AS baseline_value, l.baseline_date::text AS baseline_date,
              l.target_value::float8 AS target_value, l.target_date::text AS target_date
         FROM indicator_links l
         JOIN indicators i ON i.id = l.indicator_id
        WHERE ${where}
        ORDER BY l.created_at, l.id`,
      params,
    );
  }

  exists(tx: Tx, key: LinkKey): Promise<boolean> {
    return tx.existsBy(IndicatorLink, {
      actionItemId: key.actionItemId,
      indicatorId: key.indicatorId,
      scopeType: key.scope.type,
      parkId: key.scope.parkId ?? IsNull(),
      province: key.scope.province,
      city: key.scope.city,
      disaggregation: key.disaggregation,
    });
  }

  /** Adds a link; answers its id. */
  async insert(tx: Tx, key: LinkKey, targets: LinkTargets, createdById: string): Promise<string> {
    const link = await tx.save(
      tx.create(IndicatorLink, {
        actionItemId: key.actionItemId,
        indicatorId: key.indicatorId,
        scopeType: key.scope.type,
        parkId: key.scope.parkId,
        province: key.scope.province,
        city: key.scope.city,
        disaggregation: key.disaggregation,
        ...targets,
        createdById,
      }),
    );
    return link.id;
  }

  /** A commitment's link, locked for an edit until `tx` ends. */
  lock(tx: Tx, actionItemId: string, linkId: string): Promise<IndicatorLink | null> {
    return tx.findOne(IndicatorLink, { where: { id: linkId, actionItemId }, lock: { mode: 'pessimistic_write' } });
  }

  /** A commitment's link with its indicator. */
  findWithIndicator(tx: Tx, actionItemId: string, linkId: string): Promise<IndicatorLink | null> {
    return tx.findOne(IndicatorLink, { where: { id: linkId, actionItemId }, relations: { indicator: true } });
  }

  async updateTargets(tx: Tx, id: string, targets: LinkTargets): Promise<void> {
    await tx.update(IndicatorLink, { id }, targets);
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.delete(IndicatorLink, { id });
  }
}
