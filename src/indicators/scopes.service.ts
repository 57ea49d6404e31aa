import { Injectable } from '@nestjs/common';
import { badRequest } from '../common/errors';
import type { LocalizedText } from '../common/localized-text';
import type { Tx } from '../database/unit-of-work';
import type { ParkRef } from '../parks/park-directory.repository';
import { ParksService } from '../parks/parks.service';
import type { ScopeType } from './catalogue';
import { isUuid } from './dto/indicator.dto';
import type { ResolvedScope } from './scopes';

/**
 * Names scopes against the park directory (asked of the parks module): a park by id (or its exact English or
 * Chinese name), a city as Province/City (or a city name found in one province only), a province by name. Cities
 * and provinces are those the directory's parks are in; names match without regard to case and come back as the
 * directory spells them.
 */
@Injectable()
export class ScopesService {
  constructor(private readonly parks: ParksService) {}

  private park(ref: ParkRef): ResolvedScope {
    return { type: 'park', parkId: ref.id, province: '', city: '', park: ref };
  }

  async parkById(id: string, field: string, tx?: Tx): Promise<ResolvedScope> {
    const ref = await this.parks.findRef(id, tx);
    if (!ref) throw badRequest(field, `${field} does not name an existing park`);
    return this.park(ref);
  }

  async city(province: string, city: string, field: string, tx?: Tx): Promise<ResolvedScope> {
    const found = await this.parks.findCity(province.trim(), city.trim(), tx);
    if (!found) throw badRequest(field, `no park is in a city "${city}" of the province "${province}"`);
    return { type: 'city', parkId: null, province: found.province, city: found.city, park: null };
  }

  async province(province: string, field: string, tx?: Tx): Promise<ResolvedScope> {
    const found = await this.parks.findProvince(province.trim(), tx);
    if (found === null) throw badRequest(field, `no park is in a province "${province}"`);
    return { type: 'province', parkId: null, province: found, city: '', park: null };
  }

  /** From body fields scopeType + parkId | province + city | province; errors name the field at fault. */
  async fromFields(dto: { scopeType: ScopeType; parkId?: string; city?: string; province?: string }, tx?: Tx): Promise<ResolvedScope> {
    if (dto.scopeType === 'park') return this.parkById(dto.parkId!, 'parkId', tx);
    if (dto.scopeType === 'city') {
      await this.province(dto.province!, 'province', tx);
      return this.city(dto.province!, dto.city!, 'city', tx);
    }
    return this.province(dto.province!, 'province', tx);
  }

  /** From one text as written in the CSV files or the `scope` query parameter. */
  async fromText(type: ScopeType | undefined, text: string, field = 'scope'): Promise<ResolvedScope> {
    const value = text.trim();
    if (!type) {
      if (isUuid(value)) type = 'park';
      else throw badRequest('scopeType', 'scopeType is required unless scope is a park id');
    }
    if (!value) throw badRequest(field, `${field} is required`);
    if (type === 'park') {
      if (isUuid(value)) return this.parkById(value, field);
      const refs = await this.parks.findRefsNamed(value, 2);
      if (refs.length === 1) return this.park(refs[0]);
      throw badRequest(field, refs.length ? `several parks are named "${value}": give the park id` : `no park is named "${value}"`);
    }
    if (type === 'province') return this.province(value, field);
    const slash = value.indexOf('/');
    if (slash > 0) return this.city(value.slice(0, slash), value.slice(slash + 1), field);
    const cities = await this.parks.findCitiesNamed(value, 2);
    if (cities.length === 1) return { type: 'city', parkId: null, province: cities[0].province, city: cities[0].city, park: null };
    throw badRequest(
      field,
      cities.length ? `"${value}" is a city in several provinces: write Province/City` : `no park is in a city "${value}" (write Province/City)`,
    );
  }

  /** The parks of a city or province, by name. */
  parksIn(scope: { type: ScopeType; province: string; city: string }): Promise<{ id: string; name: LocalizedText }[]> {
    return this.parks.listInArea(scope.province, scope.type === 'city' ? scope.city : null);
  }

  /** Keeps the parks from being deleted until `tx` ends (observations name them without a foreign key). */
  lockParks(tx: Tx, ids: string[]): Promise<void> {
    return this.parks.lockAgainstDeletion(tx, ids);
  }

  /** Park names by id, for views that show the park a value or a link is for. */
  parkNames(ids: (string | null)[]): Promise<Map<string, LocalizedText>> {
    return this.parks.names(ids.filter((id): id is string => !!id));
  }
}
