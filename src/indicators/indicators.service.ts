import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService, diff } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { ApiError, badRequest, notFound } from '../common/errors';
import { cleanLocalizedText } from '../common/localized-text';
import { CreateIndicatorDto, IndicatorQuery, IndicatorRef, IndicatorView, isUuid, UpdateIndicatorDto } from './dto/indicator.dto';
import { Indicator } from './entities/indicator.entity';
import type { Aggregation, Unit } from './catalogue';

export const toIndicatorRef = (i: Pick<Indicator, 'id' | 'code' | 'name' | 'unit' | 'direction'>): IndicatorRef => ({
  id: i.id,
  code: i.code,
  name: i.name,
  unit: i.unit,
  direction: i.direction,
});

export const toIndicatorView = (i: Indicator, hasObservations: boolean): IndicatorView => ({
  id: i.id,
  code: i.code,
  category: i.category,
  dimension: i.dimension,
  name: i.name,
  definition: i.definition,
  unit: i.unit,
  direction: i.direction,
  aggregation: i.aggregation,
  disaggregations: i.disaggregations,
  source: i.source,
  hasObservations,
});

/** A yes/no indicator can only be rolled up as a share of parks, and only it can. */
function aggregationProblem(unit: Unit, aggregation: Aggregation): string | null {
  if (unit === 'boolean' && aggregation !== 'share_true') return 'aggregation must be share_true for a yes/no (boolean) indicator';
  if (unit !== 'boolean' && aggregation === 'share_true') return 'aggregation share_true needs the unit boolean';
  return null;
}

/** A 409 naming the field, as a 400 does. */
function codeTaken(code: string): ApiError {
  const message = `An indicator with the code ${code} exists already`;
  return new ApiError(HttpStatus.CONFLICT, message, [{ field: 'code', message }]);
}

/** The indicator catalogue: everyone reads it; admins add and edit indicators. */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
  ) {}

  private async used(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (!ids.length) return new Set();
    // Every superseded row has a current successor, so probing the two current-value indexes is enough
    // (one index probe each, never a scan of millions of rows).
    const rows: { id: string }[] = await manager.query(
      `SELECT i.id FROM unnest($1::uuid[]) AS i(id)
        WHERE EXISTS (SELECT 1 FROM observations o WHERE o.indicator_id = i.id AND o.superseded_at IS NULL AND o.park_id IS NOT NULL)
           OR EXISTS (SELECT 1 FROM observations o WHERE o.indicator_id = i.id AND o.superseded_at IS NULL AND o.park_id IS NULL)`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  async list(query: IndicatorQuery): Promise<{ items: IndicatorView[] }> {
    const qb = this.dataSource.getRepository(Indicator).createQueryBuilder('i').orderBy('i.category').addOrderBy('i.code');
    if (query.category) qb.andWhere('i.category = :category', { category: query.category });
    if (query.dimension) qb.andWhere('i.dimension = :dimension', { dimension: query.dimension });
    if (query.q) {
      qb.andWhere("(i.code ILIKE :q OR i.name->>'en' ILIKE :q OR i.name->>'zh' ILIKE :q OR i.dimension ILIKE :q)", {
        q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%`,
      });
    }
    const rows = await qb.getMany();
    const used = await this.used(rows.map((r) => r.id));
    return { items: rows.map((r) => toIndicatorView(r, used.has(r.id))) };
  }

  /**
   * The catalogue is small and rarely edited, and nearly every request about data names an indicator: reads outside
   * a transaction use a copy of it, reloaded every 30 s and at once after an edit made by this process (another
   * process's edit shows within 30 s; an indicator it has just added is read from the database).
   */
  private cache: { loadedAt: number; byKey: Map<string, Indicator> } | null = null;

  private async cached(key: string): Promise<Indicator | undefined> {
    if (!this.cache || Date.now() - this.cache.loadedAt > 30_000) {
      const rows = await this.dataSource.getRepository(Indicator).find();
      this.cache = { loadedAt: Date.now(), byKey: new Map(rows.flatMap((i) => [[i.id, i], [i.code, i]] as [string, Indicator][])) };
    }
    return this.cache.byKey.get(key);
  }

  /** By id or by code (codes are matched case-insensitively: they are upper-case). In a transaction, from the database. */
  async find(ref: string, manager?: EntityManager): Promise<Indicator | null> {
    const key = isUuid(ref) ? ref.toLowerCase() : ref.trim().toUpperCase();
    if (!manager) {
      const hit = await this.cached(key);
      if (hit) return hit;
    }
    const repo = (manager ?? this.dataSource.manager).getRepository(Indicator);
    return isUuid(key) ? repo.findOneBy({ id: key }) : repo.findOneBy({ code: key });
  }

  async findOrFail(ref: string): Promise<Indicator> {
    const indicator = await this.find(ref);
    if (!indicator) throw notFound('Indicator');
    return indicator;
  }

  /** For a body or query field naming an indicator: 400 naming the field when there is none. */
  async findForField(ref: string, field: string, manager?: EntityManager): Promise<Indicator> {
    const indicator = await this.find(ref, manager);
    if (!indicator) throw badRequest(field, `${field} does not name an indicator (give its id or code)`);
    return indicator;
  }

  async byCode(code: string): Promise<Indicator | null> {
    return this.find(code);
  }

  async get(ref: string): Promise<IndicatorView> {
    const indicator = await this.findOrFail(ref);
    return toIndicatorView(indicator, (await this.used([indicator.id])).has(indicator.id));
  }

  async create(actor: AuthUser, dto: CreateIndicatorDto): Promise<IndicatorView> {
    const problem = aggregationProblem(dto.unit, dto.aggregation);
    if (problem) throw badRequest('aggregation', problem);
    const id = await this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(Indicator, { code: dto.code })) throw codeTaken(dto.code);
      const indicator = await manager.save(
        manager.create(Indicator, {
          code: dto.code,
          category: dto.category,
          dimension: dto.dimension,
          name: cleanLocalizedText(dto.name),
          definition: cleanLocalizedText(dto.definition),
          unit: dto.unit,
          direction: dto.direction,
          aggregation: dto.aggregation,
          disaggregations: [...new Set(dto.disaggregations ?? [])],
          source: dto.source?.trim() ?? '',
          createdById: actor.id,
        }),
      );
      await this.activity.record(manager, {
        actorId: actor.id,
        action: 'indicator.created',
        entityType: 'indicator',
        entityId: indicator.id,
        changes: { code: indicator.code, name: indicator.name, unit: indicator.unit, aggregation: indicator.aggregation },
      });
      return indicator.id;
    });
    this.cache = null;
    return this.get(id);
  }

  async update(actor: AuthUser, ref: string, dto: UpdateIndicatorDto): Promise<IndicatorView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const found = await this.find(ref, manager);
      if (!found) throw notFound('Indicator');
      const indicator = await manager.findOne(Indicator, { where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
      if (!indicator) throw notFound('Indicator');
      const unit = dto.unit ?? indicator.unit;
      const problem = aggregationProblem(unit, dto.aggregation ?? indicator.aggregation);
      if (problem) throw badRequest(dto.aggregation ? 'aggregation' : 'unit', problem);
      const next = {
        code: dto.code,
        category: dto.category,
        dimension: dto.dimension,
        name: dto.name ? cleanLocalizedText(dto.name) : undefined,
        definition: dto.definition ? cleanLocalizedText(dto.definition) : undefined,
        unit: dto.unit,
        direction: dto.direction,
        aggregation: dto.aggregation,
        disaggregations: dto.disaggregations ? [...new Set(dto.disaggregations)] : undefined,
        source: dto.source?.trim(),
      };
      const changes = diff(indicator, next);
      // Files, exports and links name indicators by code, and stored values were checked against the unit.
      const locked = (['code', 'unit'] as const).filter((field) => changes[field]);
      if (locked.length && (await this.used([indicator.id], manager)).has(indicator.id)) {
        throw new ApiError(
          HttpStatus.CONFLICT,
          `${indicator.code} has observations: its ${locked.join(' and ')} can no longer change`,
          locked.map((field) => ({ field, message: `${field} can no longer change: ${indicator.code} has observations` })),
        );
      }
      if (changes.code && (await manager.existsBy(Indicator, { code: dto.code! }))) throw codeTaken(dto.code!);
      if (Object.keys(changes).length) {
        await manager.update(Indicator, { id: indicator.id }, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
        await this.activity.record(manager, { actorId: actor.id, action: 'indicator.updated', entityType: 'indicator', entityId: indicator.id, changes });
      }
      return indicator.id;
    });
    this.cache = null;
    return this.get(id);
  }

  /**
   * For the demo loader, inside its transaction: verified demo observations (is_demo) of the indicators named by code,
   * one statement per indicator; codes not in the catalogue are skipped. Returns the rows written.
   */
  async importDemoObservations(
    manager: EntityManager,
    series: Record<string, DemoObservationRow[]>,
    verifierId: string,
  ): Promise<number> {
    let written = 0;
    for (const { id, code } of await indicatorIdsByCode(manager, Object.keys(series))) {
      await insertDemoObservations(manager, id, verifierId, series[code]);
      written += series[code].length;
    }
    return written;
  }

  /** For the demo loader, inside its transaction: links commitments to the indicators named by code. */
  async importDemoLinks(manager: EntityManager, links: (Omit<DemoLinkRow, 'indicatorId'> & { code: string })[]): Promise<number> {
    const ids = new Map((await indicatorIdsByCode(manager, links.map((l) => l.code))).map((i) => [i.code, i.id]));
    for (const { code, ...link } of links) await insertDemoLink(manager, { ...link, indicatorId: ids.get(code)! });
    return links.length;
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

/** SQL of the demo import (importDemoObservations, importDemoLinks). */
async function indicatorIdsByCode(manager: EntityManager, codes: string[]): Promise<{ id: string; code: string }[]> {
  return manager.query('SELECT id, code FROM indicators WHERE code = ANY($1)', [codes]);
}

async function insertDemoObservations(manager: EntityManager, indicatorId: string, verifierId: string, rows: DemoObservationRow[]): Promise<void> {
  await manager.query(
    `INSERT INTO observations (indicator_id, scope_type, park_id, period, period_start, period_end, value, source, status,
                               reported_by_id, reported_at, reviewed_by_id, reviewed_at, is_demo)
     SELECT $1, 'park', v.park_id, v.period, v.period_start, v.period_end, v.value, 'Demo data (generated)', 'verified',
            v.reporter, (v.period_end + interval '60 days'), $2, (v.period_end + interval '90 days'), true
       FROM jsonb_to_recordset($3::jsonb) AS v(park_id uuid, period text, period_start date, period_end date, value numeric, reporter uuid)`,
    [
      indicatorId,
      verifierId,
      JSON.stringify(
        rows.map((r) => ({ park_id: r.parkId, period: r.period, period_start: r.periodStart, period_end: r.periodEnd, value: r.value, reporter: r.reporterId })),
      ),
    ],
  );
}

async function insertDemoLink(manager: EntityManager, link: DemoLinkRow): Promise<void> {
  await manager.query(
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
