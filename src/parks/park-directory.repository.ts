import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LocalizedText } from '../common/localized-text';
import type { Tx } from '../database/unit-of-work';

/** A park as other modules name it: its id, names and the organization that runs it. */
export interface ParkRef {
  id: string;
  name: LocalizedText;
  organizationId: string | null;
}

/** A city or province as the directory spells it. */
export interface ParkArea {
  province: string;
  city: string;
}

/**
 * The park directory as other modules read it (indicators name their scopes against it): lookups by id, name, city
 * and province, park names in bulk, and the key-share lock that keeps a park from being deleted meanwhile.
 */
/** A park with where it is and who runs it. */
export interface PlacedPark {
  id: string;
  name: LocalizedText;
  province: string;
  city: string;
  organizationId: string | null;
}

@Injectable()
export class ParkDirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findRef(id: string, tx: Tx = this.dataSource.manager): Promise<ParkRef | null> {
    const [row]: ParkRef[] = await tx.query('SELECT id, name, organization_id AS "organizationId" FROM parks WHERE id = $1', [id]);
    return row ?? null;
  }

  /** Parks whose English or Chinese name is `name`, ignoring case; at most `limit`. */
  findRefsNamed(name: string, limit: number): Promise<ParkRef[]> {
    return this.dataSource.query(
      `SELECT id, name, organization_id AS "organizationId" FROM parks WHERE lower(name->>'en') = lower($1) OR lower(name->>'zh') = lower($1) LIMIT $2`,
      [name, limit],
    );
  }

  async findCity(province: string, city: string, tx: Tx = this.dataSource.manager): Promise<ParkArea | null> {
    const [row]: ParkArea[] = await tx.query('SELECT province, city FROM parks WHERE lower(province) = lower($1) AND lower(city) = lower($2) LIMIT 1', [
      province,
      city,
    ]);
    return row ?? null;
  }

  async findProvince(province: string, tx: Tx = this.dataSource.manager): Promise<string | null> {
    const [row]: { province: string }[] = await tx.query('SELECT province FROM parks WHERE lower(province) = lower($1) LIMIT 1', [province]);
    return row?.province ?? null;
  }

  /** Every province that has a park, with the cities its parks are in, both in order. */
  findAreas(): Promise<{ province: string; cities: string[] }[]> {
    return this.dataSource.query(`SELECT province, array_agg(DISTINCT city ORDER BY city) AS cities FROM parks GROUP BY province ORDER BY province`);
  }

  /** The (province, city) pairs with a city named `city`, ignoring case; at most `limit`. */
  findCitiesNamed(city: string, limit: number): Promise<ParkArea[]> {
    return this.dataSource.query('SELECT DISTINCT province, city FROM parks WHERE lower(city) = lower($1) LIMIT $2', [city, limit]);
  }

  /** The parks of a province, or of one of its cities, ordered by name. */
  findInArea(province: string, city: string | null): Promise<{ id: string; name: LocalizedText }[]> {
    return city === null
      ? this.dataSource.query(`SELECT id, name FROM parks WHERE province = $1 ORDER BY coalesce(name->>'en', name->>'zh'), id`, [province])
      : this.dataSource.query(`SELECT id, name FROM parks WHERE province = $1 AND city = $2 ORDER BY coalesce(name->>'en', name->>'zh'), id`, [province, city]);
  }

  /** Every park, or those of a province or a city, with where it is and who runs it, ordered by province, city and name. */
  findPlaced(area: { province?: string; city?: string; parkId?: string }): Promise<PlacedPark[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (area.parkId) where.push(`id = $${params.push(area.parkId)}`);
    if (area.province) where.push(`province = $${params.push(area.province)}`);
    if (area.city) where.push(`city = $${params.push(area.city)}`);
    return this.dataSource.query(
      `SELECT id, name, province, city, organization_id AS "organizationId" FROM parks ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY province, city, coalesce(name->>'en', name->>'zh'), id`,
      params,
    );
  }

  async findNames(ids: string[]): Promise<Map<string, LocalizedText>> {
    if (!ids.length) return new Map();
    const rows: { id: string; name: LocalizedText }[] = await this.dataSource.query('SELECT id, name FROM parks WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async existsRunBy(organizationId: string): Promise<boolean> {
    const [row] = await this.dataSource.query<unknown[]>('SELECT 1 FROM parks WHERE organization_id = $1 LIMIT 1', [organizationId]);
    return !!row;
  }

  /** FOR KEY SHARE: the parks cannot be deleted (nor their ids change) until `tx` ends; what a foreign key check does. */
  async lockAgainstDeletion(tx: Tx, ids: string[]): Promise<void> {
    if (ids.length === 1) await tx.query('SELECT 1 FROM parks WHERE id = $1 FOR KEY SHARE', [ids[0]]);
    else if (ids.length) await tx.query('SELECT count(*) FROM (SELECT 1 FROM parks WHERE id = ANY($1::uuid[]) FOR KEY SHARE) p', [ids]);
  }
}
