import { Injectable } from '@nestjs/common';
import { ActivityService, diff } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { conflict, orNotFound } from '../common/errors';
import { cleanLocalizedText } from '../common/localized-text';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import { UsersService } from '../users/users.service';
import { CreateOrganizationDto, OrganizationQuery, OrganizationView, UpdateOrganizationDto } from './dto/organization.dto';
import { OrganizationReferences, toOrganizationView } from './organization-references.service';
import { OrganizationsRepository } from './organizations.repository';

export { toOrganizationView };

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly organizations: OrganizationsRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly activity: ActivityService,
    private readonly users: UsersService,
    private readonly references: OrganizationReferences,
  ) {}

  async list(query: OrganizationQuery): Promise<{ items: OrganizationView[] }> {
    const rows = await this.organizations.findMany({ constituency: query.constituency, q: query.q, limit: query.limit ?? 200 });
    return { items: rows.map(toOrganizationView) };
  }

  async get(id: string): Promise<OrganizationView> {
    return toOrganizationView(await this.find(id));
  }

  async find(id: string, tx?: Tx) {
    return this.references.find(id, tx);
  }

  async create(actor: AuthUser, dto: CreateOrganizationDto): Promise<OrganizationView> {
    return this.unitOfWork.run(async (tx) => {
      const org = await this.organizations.insert(tx, {
        name: cleanLocalizedText(dto.name),
        constituency: dto.constituency,
        region: dto.region ?? null,
      });
      await this.activity.recordBy(tx, actor, 'organization.created', org.id, { name: org.name, constituency: org.constituency, region: org.region });
      return toOrganizationView(org);
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateOrganizationDto): Promise<OrganizationView> {
    return this.unitOfWork.run(async (tx) => {
      const org = orNotFound(await this.organizations.findByIdForUpdate(tx, id), 'Organization');
      const next = {
        name: dto.name ? cleanLocalizedText(dto.name) : undefined,
        constituency: dto.constituency,
        region: dto.region,
      };
      const changes = diff(org, next);
      Object.assign(org, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
      await this.organizations.save(tx, org);
      if (Object.keys(changes).length) {
        await this.activity.recordBy(tx, actor, 'organization.updated', id, changes);
      }
      return toOrganizationView(org);
    });
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const org = orNotFound(await this.organizations.findById(id, tx), 'Organization');
      const members = await this.users.countInOrganization(id, tx);
      if (members > 0) throw conflict(`The organization still has ${members} user(s); move or deactivate them first`);
      await this.organizations.delete(tx, id);
      await this.activity.recordBy(tx, actor, 'organization.deleted', id, { name: org.name });
    });
  }
}
