import { Injectable } from '@nestjs/common';
import { bothLanguagesSql as both } from '../common/search-text';
import { thingSearchParams, thingSearchSql, type ThingHitRow } from '../search/thing-search';
import type { SearchRequest } from '../search/search.registry';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import { Indicator } from './entities/indicator.entity';

/** What the catalogue list filters by. */
export interface IndicatorFilter {
  category?: string;
  dimension?: string;
  /** Text found in the code, either name or the dimension. */
  text?: string;
}

/** The columns an indicator is created or edited with. */
export type IndicatorFields = Pick<
  Indicator,
  'code' | 'category' | 'dimension' | 'name' | 'definition' | 'unit' | 'direction' | 'aggregation' | 'disaggregations' | 'source'
>;

/** The indicator catalogue. */
@Injectable()
export class IndicatorsRepository {
  constructor(private readonly dataSource: DataSource) {}

  search(filter: IndicatorFilter): Promise<Indicator[]> {
    const qb = this.dataSource.getRepository(Indicator).createQueryBuilder('i').orderBy('i.category').addOrderBy('i.code');
    if (filter.category) qb.andWhere('i.category = :category', { category: filter.category });
    if (filter.dimension) qb.andWhere('i.dimension = :dimension', { dimension: filter.dimension });
    if (filter.text) {
      qb.andWhere("(i.code ILIKE :q OR i.name->>'en' ILIKE :q OR i.name->>'zh' ILIKE :q OR i.dimension ILIKE :q)", {
        q: `%${filter.text.replace(/[%_\\]/g, '\\$&')}%`,
      });
    }
    return qb.getMany();
  }

  findAll(): Promise<Indicator[]> {
    return this.dataSource.getRepository(Indicator).find();
  }

  findById(id: string, tx: Tx = this.dataSource.manager): Promise<Indicator | null> {
    return tx.getRepository(Indicator).findOneBy({ id });
  }

  findByCode(code: string, tx: Tx = this.dataSource.manager): Promise<Indicator | null> {
    return tx.getRepository(Indicator).findOneBy({ code });
  }

  /** The indicator, locked for an edit until `tx` ends. */
  lockById(tx: Tx, id: string): Promise<Indicator | null> {
    return tx.findOne(Indicator, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  codeExists(tx: Tx, code: string): Promise<boolean> {
    return tx.existsBy(Indicator, { code });
  }

  insert(tx: Tx, fields: IndicatorFields & { createdById: string }): Promise<Indicator> {
    return tx.save(tx.create(Indicator, fields));
  }

  async update(tx: Tx, id: string, fields: Partial<IndicatorFields>): Promise<void> {
    await tx.update(Indicator, { id }, fields);
  }

  async updateRules(
    tx: Tx,
    id: string,
    rules: Pick<Indicator, 'minValue' | 'maxValue' | 'historyThreshold' | 'peerThreshold' | 'checkRelations' | 'frequency' | 'dueDays'>,
  ): Promise<void> {
    await tx.update(Indicator, { id }, rules);
  }

  /** Those of `ids` with at least one observation. */
  async withObservations(ids: string[], tx: Tx = this.dataSource.manager): Promise<Set<string>> {
    if (!ids.length) return new Set();
    // Every superseded row has a current successor, so probing the two current-value indexes is enough
    // (one index probe each, never a scan of millions of rows).
    const rows: { id: string }[] = await tx.query(
      `SELECT i.id FROM unnest($1::uuid[]) AS i(id)
        WHERE EXISTS (SELECT 1 FROM observations o WHERE o.indicator_id = i.id AND o.superseded_at IS NULL AND o.park_id IS NOT NULL)
           OR EXISTS (SELECT 1 FROM observations o WHERE o.indicator_id = i.id AND o.superseded_at IS NULL AND o.park_id IS NULL)`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  // The demo loader's writes (IndicatorsService.importDemoObservations, importDemoLinks).

  async idsByCode(tx: Tx, codes: string[]): Promise<{ id: string; code: string }[]> {
    return tx.query('SELECT id, code FROM indicators WHERE code = ANY($1)', [codes]);
  }

  async insertDemoObservations(tx: Tx, indicatorId: string, verifierId: string, rows: DemoObservationRow[]): Promise<void> {
    await tx.query(
      `INSERT INTO observations (indicator_id, scope_type, park_id, period, period_start, period_end, value, source, status,
                                 reported_by_id, reported_at, reviewed_by_id, reviewed_at, is_demo)
       SELECT $1, 'park', v.park_id, v.period, v.period_start, v.period_end, v.value, 'Demo data (generated)', 'verified',
              v.reporter, (v.period_end + interval '60 days'), $2, (v.period_end + interval '90 days'), true
         FROM jsonb_to_recordset($3::jsonb) AS v(park_id uuid, period text, period_start date, period_end date, value numeric, reporter uuid)`,
      [
        indicatorId,
        verifierId,
        JSON.stringify(
          rows.map((r) => ({
            park_id: r.parkId,
            period: r.period,
            period_start: r.periodStart,
            period_end: r.periodEnd,
            value: r.value,
            reporter: r.reporterId,
          })),
        ),
      ],
    );
  }

  async insertDemoLink(tx: Tx, link: DemoLinkRow): Promise<void> {
    await tx.query(
      `INSERT INTO indicator_links (action_item_id, indicator_id, scope_type, park_id, province, baseline_value, baseline_date, target_value, target_date, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        link.actionItemId,
        link.indicatorId,
        link.scopeType,
        link.parkId,
        link.province,
        link.baselineValue,
        link.baselineDate,
        link.targetValue,
        link.targetDate,
        link.createdById,
      ],
    );
  }

  /** Search over the catalogue: codes, names, definitions and sources (open to everyone signed in). */
  searchCatalogue(request: SearchRequest): Promise<ThingHitRow[]> {
    const candidates = `
      SELECT i.id, i.name AS title, 'name' AS field, i.code || ' ' || ${both('i.name')} AS text, i.created_at, NULL::jsonb AS extra FROM indicators i
      UNION ALL
      SELECT i.id, i.name, 'definition', ${both('i.definition')}, i.created_at, NULL FROM indicators i
      UNION ALL
      SELECT i.id, i.name, 'source', i.source, i.created_at, NULL FROM indicators i`;
    return this.dataSource.query(thingSearchSql(candidates), thingSearchParams(request));
  }
}

export interface DemoObservationRow {
  parkId: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  value: number;
  reporterId: string;
}

export interface DemoLinkRow {
  actionItemId: string;
  indicatorId: string;
  scopeType: 'park' | 'province';
  parkId: string | null;
  province: string;
  baselineValue: number;
  baselineDate: string;
  targetValue: number;
  targetDate: string;
  createdById: string;
}
