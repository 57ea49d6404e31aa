import type { SearchAnswer, SearchRequest } from '../search/search.registry';
import { toThingAnswer } from '../search/thing-search';
import { HttpStatus, Injectable } from '@nestjs/common';
import { ActivityService, diff } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { ApiError, badRequest, orNotFound } from '../common/errors';
import { cleanLocalizedText } from '../common/localized-text';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import { CreateIndicatorDto, IndicatorQuery, IndicatorRef, IndicatorView, isUuid, UpdateIndicatorDto } from './dto/indicator.dto';
import { Indicator } from './entities/indicator.entity';
import type { Aggregation, Unit } from './catalogue';
import { IndicatorRulesView, UpdateIndicatorRulesDto } from './dto/indicator-rules.dto';
import { relationsApply } from './quality/relations';
import { type DemoLinkRow, type DemoObservationRow, IndicatorsRepository } from './indicators.repository';

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
  sourceZh: i.sourceZh ?? '',
  hasObservations,
});

const numberOrNull = (x: string | null) => (x === null ? null : Number(x));

export const toIndicatorRulesView = (i: Indicator): IndicatorRulesView => ({
  minValue: numberOrNull(i.minValue),
  maxValue: numberOrNull(i.maxValue),
  historyThreshold: numberOrNull(i.historyThreshold),
  peerThreshold: numberOrNull(i.peerThreshold),
  checkRelations: i.checkRelations,
  relationsApply: relationsApply(i),
  frequency: i.frequency,
  dueDays: i.dueDays,
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
    private readonly unitOfWork: UnitOfWork,
    private readonly repository: IndicatorsRepository,
    private readonly activity: ActivityService,
  ) {}

  /** Search over the catalogue (open to everyone signed in). */
  async search(request: SearchRequest): Promise<SearchAnswer> {
    return toThingAnswer('indicator', await this.repository.searchCatalogue(request), request);
  }

  async list(query: IndicatorQuery): Promise<{ items: IndicatorView[] }> {
    const rows = await this.repository.search({ category: query.category, dimension: query.dimension, text: query.q });
    const used = await this.repository.withObservations(rows.map((r) => r.id));
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
      const rows = await this.repository.findAll();
      this.cache = {
        loadedAt: Date.now(),
        byKey: new Map(
          rows.flatMap(
            (i) =>
              [
                [i.id, i],
                [i.code, i],
              ] as [string, Indicator][],
          ),
        ),
      };
    }
    return this.cache.byKey.get(key);
  }

  /** By id or by code (codes are matched case-insensitively: they are upper-case). In a transaction, from the database. */
  async find(ref: string, tx?: Tx): Promise<Indicator | null> {
    const key = isUuid(ref) ? ref.toLowerCase() : ref.trim().toUpperCase();
    if (!tx) {
      const hit = await this.cached(key);
      if (hit) return hit;
    }
    return isUuid(key) ? this.repository.findById(key, tx) : this.repository.findByCode(key, tx);
  }

  async findOrFail(ref: string): Promise<Indicator> {
    return orNotFound(await this.find(ref), 'Indicator');
  }

  /** For a body or query field naming an indicator: 400 naming the field when there is none. */
  async findForField(ref: string, field: string, tx?: Tx): Promise<Indicator> {
    const indicator = await this.find(ref, tx);
    if (!indicator) throw badRequest(field, `${field} does not name an indicator (give its id or code)`);
    return indicator;
  }

  async byCode(code: string): Promise<Indicator | null> {
    return this.find(code);
  }

  async get(ref: string): Promise<IndicatorView> {
    const indicator = await this.findOrFail(ref);
    return toIndicatorView(indicator, (await this.repository.withObservations([indicator.id])).has(indicator.id));
  }

  async create(actor: AuthUser, dto: CreateIndicatorDto): Promise<IndicatorView> {
    const problem = aggregationProblem(dto.unit, dto.aggregation);
    if (problem) throw badRequest('aggregation', problem);
    const id = await this.unitOfWork.run(async (tx) => {
      if (await this.repository.codeExists(tx, dto.code)) throw codeTaken(dto.code);
      const indicator = await this.repository.insert(tx, {
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
      });
      await this.activity.recordBy(tx, actor, 'indicator.created', indicator.id, {
        code: indicator.code,
        name: indicator.name,
        unit: indicator.unit,
        aggregation: indicator.aggregation,
      });
      return indicator.id;
    });
    this.cache = null;
    return this.get(id);
  }

  async update(actor: AuthUser, ref: string, dto: UpdateIndicatorDto): Promise<IndicatorView> {
    const id = await this.unitOfWork.run(async (tx) => {
      const found = orNotFound(await this.find(ref, tx), 'Indicator');
      const indicator = orNotFound(await this.repository.lockById(tx, found.id), 'Indicator');
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
      if (locked.length && (await this.repository.withObservations([indicator.id], tx)).has(indicator.id)) {
        throw new ApiError(
          HttpStatus.CONFLICT,
          `${indicator.code} has observations: its ${locked.join(' and ')} can no longer change`,
          locked.map((field) => ({ field, message: `${field} can no longer change: ${indicator.code} has observations` })),
        );
      }
      if (changes.code && (await this.repository.codeExists(tx, dto.code!))) throw codeTaken(dto.code!);
      if (Object.keys(changes).length) {
        await this.repository.update(tx, indicator.id, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
        await this.activity.recordBy(tx, actor, 'indicator.updated', indicator.id, changes);
      }
      return indicator.id;
    });
    this.cache = null;
    return this.get(id);
  }

  async rules(ref: string): Promise<IndicatorRulesView> {
    return toIndicatorRulesView(await this.findOrFail(ref));
  }

  /** Admins edit the validation rules and the reporting calendar; the change is in the audit log. */
  async updateRules(actor: AuthUser, ref: string, dto: UpdateIndicatorRulesDto): Promise<IndicatorRulesView> {
    const id = await this.unitOfWork.run(async (tx) => {
      const found = orNotFound(await this.find(ref, tx), 'Indicator');
      const indicator = orNotFound(await this.repository.lockById(tx, found.id), 'Indicator');
      const before = toIndicatorRulesView(indicator);
      const next: IndicatorRulesView = { ...before, ...Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) };
      if (next.minValue !== null && next.maxValue !== null && next.minValue > next.maxValue) {
        throw badRequest(dto.minValue !== undefined ? 'minValue' : 'maxValue', 'minValue must not be above maxValue');
      }
      const changes = diff(before, next);
      if (Object.keys(changes).length) {
        const text = (x: number | null) => (x === null ? null : String(x));
        await this.repository.updateRules(tx, indicator.id, {
          minValue: text(next.minValue),
          maxValue: text(next.maxValue),
          historyThreshold: text(next.historyThreshold),
          peerThreshold: text(next.peerThreshold),
          checkRelations: next.checkRelations,
          frequency: next.frequency,
          dueDays: next.dueDays,
        });
        await this.activity.recordBy(tx, actor, 'indicator.rules_updated', indicator.id, changes);
      }
      return indicator.id;
    });
    this.cache = null;
    return this.rules(id);
  }

  /**
   * For the demo loader, inside its transaction: verified demo observations (is_demo) of the indicators named by code,
   * one statement per indicator; codes not in the catalogue are skipped. Returns the rows written.
   */
  async importDemoObservations(tx: Tx, series: Record<string, DemoObservationRow[]>, verifierId: string): Promise<number> {
    let written = 0;
    for (const { id, code } of await this.repository.idsByCode(tx, Object.keys(series))) {
      await this.repository.insertDemoObservations(tx, id, verifierId, series[code]);
      written += series[code].length;
    }
    return written;
  }

  /** For the demo loader, inside its transaction: links commitments to the indicators named by code. */
  async importDemoLinks(tx: Tx, links: (Omit<DemoLinkRow, 'indicatorId'> & { code: string })[]): Promise<number> {
    const ids = new Map(
      (
        await this.repository.idsByCode(
          tx,
          links.map((l) => l.code),
        )
      ).map((i) => [i.code, i.id]),
    );
    for (const { code, ...link } of links) await this.repository.insertDemoLink(tx, { ...link, indicatorId: ids.get(code)! });
    return links.length;
  }
}

export type { DemoLinkRow, DemoObservationRow };
