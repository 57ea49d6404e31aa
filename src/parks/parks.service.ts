import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { ActivityService, diff } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, notFound } from '../common/errors';
import { cleanLocalizedText } from '../common/localized-text';
import { Organization } from '../organizations/entities/organization.entity';
import { toOrganizationView } from '../organizations/organizations.service';
import { CreateParkDto, ParkQuery, ParkView, UpdateParkDto } from './dto/park.dto';
import { Park } from './entities/park.entity';
import { ParkDirectoryRepository, type ParkArea, type ParkRef } from './park-directory.repository';
import type { LocalizedText } from '../common/localized-text';
import type { Tx } from '../database/unit-of-work';

export const toParkView = (p: Park): ParkView => ({
  id: p.id,
  name: p.name,
  city: p.city,
  province: p.province,
  level: p.level,
  organization: p.organization ? toOrganizationView(p.organization) : null,
});

@Injectable()
export class ParksService {
  constructor(
    @InjectRepository(Park) private readonly parks: Repository<Park>,
    private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
    private readonly directory: ParkDirectoryRepository,
  ) {}

  async list(query: ParkQuery): Promise<{ items: ParkView[] }> {
    const qb = this.parks
      .createQueryBuilder('p')
      .leftJoinAndSelect('p.organization', 'o')
      .orderBy('p.province')
      .addOrderBy('p.city')
      .addOrderBy("coalesce(p.name->>'en', p.name->>'zh')");
    if (query.province) qb.andWhere('p.province = :province', { province: query.province });
    if (query.city) qb.andWhere('p.city = :city', { city: query.city });
    if (query.level) qb.andWhere('p.level = :level', { level: query.level });
    if (query.q) qb.andWhere("(p.name->>'en' ILIKE :q OR p.name->>'zh' ILIKE :q)", { q: `%${query.q.replace(/[%_]/g, '\\$&')}%` });
    qb.limit(query.limit ?? 200);
    return { items: (await qb.getMany()).map(toParkView) };
  }

  async get(id: string): Promise<ParkView> {
    const park = await this.parks.findOne({ where: { id }, relations: { organization: true } });
    if (!park) throw notFound('Park');
    return toParkView(park);
  }

  private async checkOrganization(manager: EntityManager, organizationId: string | null | undefined) {
    if (organizationId && !(await manager.existsBy(Organization, { id: organizationId }))) {
      throw badRequest('organizationId', 'organizationId does not name an existing organization');
    }
  }

  async create(actor: AuthUser, dto: CreateParkDto): Promise<ParkView> {
    const id = await this.dataSource.transaction(async (manager) => {
      await this.checkOrganization(manager, dto.organizationId);
      const park = await manager.save(
        manager.create(Park, {
          name: cleanLocalizedText(dto.name),
          city: dto.city.trim(),
          province: dto.province.trim(),
          level: dto.level,
          organizationId: dto.organizationId ?? null,
        }),
      );
      await this.activity.record(manager, {
        actorId: actor.id,
        action: 'park.created',
        entityType: 'park',
        entityId: park.id,
        changes: { name: park.name, city: park.city, province: park.province, level: park.level },
      });
      return park.id;
    });
    return this.get(id);
  }

  async update(actor: AuthUser, id: string, dto: UpdateParkDto): Promise<ParkView> {
    await this.dataSource.transaction(async (manager) => {
      const park = await manager.findOne(Park, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!park) throw notFound('Park');
      await this.checkOrganization(manager, dto.organizationId);
      const next = {
        name: dto.name ? cleanLocalizedText(dto.name) : undefined,
        city: dto.city?.trim(),
        province: dto.province?.trim(),
        level: dto.level,
        organizationId: dto.organizationId,
      };
      const changes = diff(park, next);
      await manager.update(Park, { id }, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
      if (Object.keys(changes).length) {
        await this.activity.record(manager, { actorId: actor.id, action: 'park.updated', entityType: 'park', entityId: id, changes });
      }
    });
    return this.get(id);
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const park = await manager.findOneBy(Park, { id });
      if (!park) throw notFound('Park');
      await manager.delete(Park, { id });
      await this.activity.record(manager, { actorId: actor.id, action: 'park.deleted', entityType: 'park', entityId: id, changes: { name: park.name } });
    });
  }

  // The park directory as other modules ask for it (indicators name their scopes by park, city and province).

  findRef(id: string, tx?: Tx): Promise<ParkRef | null> {
    return this.directory.findRef(id, tx);
  }

  /** Parks whose exact English or Chinese name (ignoring case) is `name`; at most `limit`. */
  findRefsNamed(name: string, limit: number): Promise<ParkRef[]> {
    return this.directory.findRefsNamed(name, limit);
  }

  /** The city as the directory spells it, when a park is in it (names match ignoring case). */
  findCity(province: string, city: string, tx?: Tx): Promise<ParkArea | null> {
    return this.directory.findCity(province, city, tx);
  }

  /** The province as the directory spells it, when a park is in it (names match ignoring case). */
  findProvince(province: string, tx?: Tx): Promise<string | null> {
    return this.directory.findProvince(province, tx);
  }

  /** The cities named `city` (ignoring case), with their provinces; at most `limit`. */
  findCitiesNamed(city: string, limit: number): Promise<ParkArea[]> {
    return this.directory.findCitiesNamed(city, limit);
  }

  /** The parks of a province, or of one of its cities, by name. */
  listInArea(province: string, city: string | null): Promise<{ id: string; name: LocalizedText }[]> {
    return this.directory.findInArea(province, city);
  }

  /** Park names by id (parks that do not exist are left out). */
  names(ids: string[]): Promise<Map<string, LocalizedText>> {
    return this.directory.findNames([...new Set(ids)]);
  }

  /** Whether the organization runs at least one park. */
  runsAnyPark(organizationId: string): Promise<boolean> {
    return this.directory.existsRunBy(organizationId);
  }

  /** Keeps the parks from being deleted until `tx` ends (for rows that name them without a foreign key). */
  lockAgainstDeletion(tx: Tx, ids: string[]): Promise<void> {
    return this.directory.lockAgainstDeletion(tx, ids);
  }
}
