import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import { Park, type ParkLevel } from './entities/park.entity';

export interface ParkFilter {
  province?: string;
  city?: string;
  level?: ParkLevel;
  q?: string;
  limit: number;
}

/** The parks table; a park is read with its managing organization (Park.organization). */
@Injectable()
export class ParksRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findMany(filter: ParkFilter): Promise<Park[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(Park, 'p')
      .leftJoinAndSelect('p.organization', 'o')
      .orderBy('p.province')
      .addOrderBy('p.city')
      .addOrderBy("coalesce(p.name->>'en', p.name->>'zh')");
    if (filter.province) qb.andWhere('p.province = :province', { province: filter.province });
    if (filter.city) qb.andWhere('p.city = :city', { city: filter.city });
    if (filter.level) qb.andWhere('p.level = :level', { level: filter.level });
    if (filter.q) qb.andWhere("(p.name->>'en' ILIKE :q OR p.name->>'zh' ILIKE :q)", { q: `%${filter.q.replace(/[%_]/g, '\\$&')}%` });
    return qb.limit(filter.limit).getMany();
  }

  async findWithOrganization(id: string): Promise<Park | null> {
    return this.dataSource.manager.findOne(Park, { where: { id }, relations: { organization: true } });
  }

  async findById(id: string, tx: Tx = this.dataSource.manager): Promise<Park | null> {
    return tx.findOneBy(Park, { id });
  }

  async findByIdForUpdate(tx: Tx, id: string): Promise<Park | null> {
    return tx.findOne(Park, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Ids of the parks with these English names, by name. */
  async idsByEnglishName(names: string[], tx: Tx = this.dataSource.manager): Promise<Map<string, string>> {
    if (!names.length) return new Map();
    const rows = await tx.createQueryBuilder(Park, 'p').select(['p.id', 'p.name']).where("p.name->>'en' IN (:...names)", { names }).getMany();
    return new Map(rows.map((p) => [p.name.en!, p.id]));
  }

  /** Whether a park other than `exceptId` has the code. */
  async codeTaken(tx: Tx, code: string, exceptId?: string): Promise<boolean> {
    const qb = tx.createQueryBuilder(Park, 'p').where('p.code = :code', { code });
    if (exceptId) qb.andWhere('p.id <> :id', { id: exceptId });
    return qb.getExists();
  }

  async insert(tx: Tx, row: Pick<Park, 'name' | 'city' | 'province' | 'level' | 'organizationId'> & { code?: string }): Promise<Park> {
    return tx.save(tx.create(Park, row));
  }

  async update(tx: Tx, id: string, changes: Partial<Park>): Promise<void> {
    await tx.update(Park, { id }, changes);
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.delete(Park, { id });
  }
}
