import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { ActivityService, diff } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { conflict, notFound } from '../common/errors';
import { cleanLocalizedText } from '../common/localized-text';
import { User } from '../users/entities/user.entity';
import { CreateOrganizationDto, OrganizationQuery, OrganizationView, UpdateOrganizationDto } from './dto/organization.dto';
import { Organization } from './entities/organization.entity';

export const toOrganizationView = (o: Organization): OrganizationView => ({
  id: o.id,
  name: o.name,
  constituency: o.constituency,
  region: o.region,
});

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectRepository(Organization) private readonly organizations: Repository<Organization>,
    private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
  ) {}

  async list(query: OrganizationQuery): Promise<{ items: OrganizationView[] }> {
    const qb = this.organizations.createQueryBuilder('o').orderBy("coalesce(o.name->>'en', o.name->>'zh')", 'ASC');
    if (query.constituency) qb.andWhere('o.constituency = :c', { c: query.constituency });
    if (query.q) {
      qb.andWhere("(o.name->>'en' ILIKE :q OR o.name->>'zh' ILIKE :q)", { q: `%${query.q.replace(/[%_]/g, '\\$&')}%` });
    }
    qb.limit(query.limit ?? 200);
    return { items: (await qb.getMany()).map(toOrganizationView) };
  }

  async get(id: string): Promise<OrganizationView> {
    return toOrganizationView(await this.find(id));
  }

  async find(id: string): Promise<Organization> {
    const org = await this.organizations.findOneBy({ id });
    if (!org) throw notFound('Organization');
    return org;
  }

  async create(actor: AuthUser, dto: CreateOrganizationDto): Promise<OrganizationView> {
    return this.dataSource.transaction(async (manager) => {
      const org = await manager.save(
        manager.create(Organization, { name: cleanLocalizedText(dto.name), constituency: dto.constituency, region: dto.region ?? null }),
      );
      await this.activity.record(manager, {
        actorId: actor.id,
        action: 'organization.created',
        entityType: 'organization',
        entityId: org.id,
        changes: { name: org.name, constituency: org.constituency, region: org.region },
      });
      return toOrganizationView(org);
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateOrganizationDto): Promise<OrganizationView> {
    return this.dataSource.transaction(async (manager) => {
      const org = await manager.findOne(Organization, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!org) throw notFound('Organization');
      const next = {
        name: dto.name ? cleanLocalizedText(dto.name) : undefined,
        constituency: dto.constituency,
        region: dto.region,
      };
      const changes = diff(org, next);
      Object.assign(org, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
      await manager.save(org);
      if (Object.keys(changes).length) {
        await this.activity.record(manager, { actorId: actor.id, action: 'organization.updated', entityType: 'organization', entityId: id, changes });
      }
      return toOrganizationView(org);
    });
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const org = await manager.findOneBy(Organization, { id });
      if (!org) throw notFound('Organization');
      const members = await manager.countBy(User, { organizationId: id });
      if (members > 0) throw conflict(`The organization still has ${members} user(s); move or deactivate them first`);
      await manager.delete(Organization, { id });
      await this.activity.record(manager, { actorId: actor.id, action: 'organization.deleted', entityType: 'organization', entityId: id, changes: { name: org.name } });
    });
  }
}
