import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { queryPreparedUnlessIn } from '../database/prepared';
import type { Tx } from '../database/unit-of-work';
import type { Constituency } from './entities/organization.entity';
import { Organization } from './entities/organization.entity';

export interface OrganizationFilter {
  constituency?: Constituency;
  q?: string;
  limit: number;
}

/** Organizations by id, ordered by English name, as the entities' properties. */
const BY_IDS = `SELECT id, name, constituency, region, created_at AS "createdAt", updated_at AS "updatedAt"
                  FROM organizations WHERE id = ANY($1::uuid[]) ORDER BY name->>'en'`;

@Injectable()
export class OrganizationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** By English name (then Chinese), matching q in either language. */
  async findMany(filter: OrganizationFilter): Promise<Organization[]> {
    const qb = this.dataSource.manager.createQueryBuilder(Organization, 'o').orderBy("coalesce(o.name->>'en', o.name->>'zh')", 'ASC');
    if (filter.constituency) qb.andWhere('o.constituency = :c', { c: filter.constituency });
    if (filter.q) {
      qb.andWhere("(o.name->>'en' ILIKE :q OR o.name->>'zh' ILIKE :q)", { q: `%${filter.q.replace(/[%_]/g, '\\$&')}%` });
    }
    return qb.limit(filter.limit).getMany();
  }

  async findById(id: string, tx: Tx = this.dataSource.manager): Promise<Organization | null> {
    return tx.findOneBy(Organization, { id });
  }

  async findByIdForUpdate(tx: Tx, id: string): Promise<Organization | null> {
    return tx.findOne(Organization, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The given organizations, ordered by English name. */
  async findByIds(ids: string[], tx: Tx = this.dataSource.manager): Promise<Organization[]> {
    if (!ids.length) return [];
    // Read with every list of commitments.
    const rows = await queryPreparedUnlessIn<Organization>(this.dataSource, tx, 'organizations_by_ids', BY_IDS, [ids]);
    return rows.map((row) => Object.assign(new Organization(), row));
  }

  async findByEnglishName(name: string, tx: Tx = this.dataSource.manager): Promise<Organization | null> {
    return tx.createQueryBuilder(Organization, 'o').where("o.name->>'en' = :name", { name }).getOne();
  }

  async exists(id: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(Organization, { id });
  }

  async countExisting(ids: string[], tx: Tx = this.dataSource.manager): Promise<number> {
    return tx.countBy(Organization, { id: In(ids) });
  }

  async insert(tx: Tx, row: Pick<Organization, 'name' | 'constituency' | 'region'>): Promise<Organization> {
    return tx.save(tx.create(Organization, row));
  }

  async save(tx: Tx, organization: Organization): Promise<Organization> {
    return tx.save(organization);
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.delete(Organization, { id });
  }
}
