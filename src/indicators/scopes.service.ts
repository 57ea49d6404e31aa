import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { badRequest } from '../common/errors';
import type { LocalizedText } from '../common/localized-text';
import type { ScopeType } from './catalogue';
import { isUuid } from './dto/indicator.dto';
import type { ResolvedScope } from './scopes';

interface ParkRow {
  id: string;
  name: LocalizedText;
  organization_id: string | null;
}

/**
 * Names scopes against the park directory: a park by id (or its exact English or Chinese name), a city as
 * Province/City (or a city name found in one province only), a province by name. Cities and provinces are those
 * the directory's parks are in; names match without regard to case and come back as the directory spells them.
 */
@Injectable()
export class ScopesService {
  constructor(private readonly dataSource: DataSource) {}

  private park(row: ParkRow): ResolvedScope {
    return { type: 'park', parkId: row.id, province: '', city: '', park: { id: row.id, name: row.name, organizationId: row.organization_id } };
  }

  async parkById(id: string, field: string, manager: EntityManager = this.dataSource.manager): Promise<ResolvedScope> {
    const [row]: ParkRow[] = await manager.query('SELECT id, name, organization_id FROM parks WHERE id = $1', [id]);
    if (!row) throw badRequest(field, `${field} does not name an existing park`);
    return this.park(row);
  }

  async city(province: string, city: string, field: string, manager: EntityManager = this.dataSource.manager): Promise<ResolvedScope> {
    const [row]: { province: string; city: string }[] = await manager.query(
      'SELECT province, city FROM parks WHERE lower(province) = lower($1) AND lower(city) = lower($2) LIMIT 1',
      [province.trim(), city.trim()],
    );
    if (!row) throw badRequest(field, `no park is in a city "${city}" of the province "${province}"`);
    return { type: 'city', parkId: null, province: row.province, city: row.city, park: null };
  }

  async province(province: string, field: string, manager: EntityManager = this.dataSource.manager): Promise<ResolvedScope> {
    const [row]: { province: string }[] = await manager.query('SELECT province FROM parks WHERE lower(province) = lower($1) LIMIT 1', [
      province.trim(),
    ]);
    if (!row) throw badRequest(field, `no park is in a province "${province}"`);
    return { type: 'province', parkId: null, province: row.province, city: '', park: null };
  }

  /** From body fields scopeType + parkId | province + city | province; errors name the field at fault. */
  async fromFields(
    dto: { scopeType: ScopeType; parkId?: string; city?: string; province?: string },
    manager?: EntityManager,
  ): Promise<ResolvedScope> {
    if (dto.scopeType === 'park') return this.parkById(dto.parkId!, 'parkId', manager);
    if (dto.scopeType === 'city') {
      await this.province(dto.province!, 'province', manager);
      return this.city(dto.province!, dto.city!, 'city', manager);
    }
    return this.province(dto.province!, 'province', manager);
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
      const rows: ParkRow[] = await this.dataSource.query(
        `SELECT id, name, organization_id FROM parks WHERE lower(name->>'en') = lower($1) OR lower(name->>'zh') = lower($1) LIMIT 2`,
        [value],
      );
      if (rows.length === 1) return this.park(rows[0]);
      throw badRequest(field, rows.length ? `several parks are named "${value}": give the park id` : `no park is named "${value}"`);
    }
    if (type === 'province') return this.province(value, field);
    const slash = value.indexOf('/');
    if (slash > 0) return this.city(value.slice(0, slash), value.slice(slash + 1), field);
    const rows: { province: string; city: string }[] = await this.dataSource.query(
      'SELECT DISTINCT province, city FROM parks WHERE lower(city) = lower($1) LIMIT 2',
      [value],
    );
    if (rows.length === 1) return { type: 'city', parkId: null, province: rows[0].province, city: rows[0].city, park: null };
    throw badRequest(
      field,
      rows.length ? `"${value}" is a city in several provinces: write Province/City` : `no park is in a city "${value}" (write Province/City)`,
    );
  }

  /** The parks of a city or province, by name. */
  async parksIn(scope: { type: ScopeType; province: string; city: string }): Promise<{ id: string; name: LocalizedText }[]> {
    return scope.type === 'city'
      ? this.dataSource.query(`SELECT id, name FROM parks WHERE province = $1 AND city = $2 ORDER BY coalesce(name->>'en', name->>'zh'), id`, [
          scope.province,
          scope.city,
        ])
      : this.dataSource.query(`SELECT id, name FROM parks WHERE province = $1 ORDER BY coalesce(name->>'en', name->>'zh'), id`, [scope.province]);
  }
}
