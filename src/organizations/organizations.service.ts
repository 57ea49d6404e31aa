import { forwardRef, Inject, Injectable } from '@nestjs/common';
import { ActivityService, diff } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { conflict, notFound } from '../common/errors';
import { cleanLocalizedText } from '../common/localized-text';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import { UsersService } from '../users/users.service';
import { CreateOrganizationDto, OrganizationQuery, OrganizationView, UpdateOrganizationDto } from './dto/organization.dto';
import type { Organization } from './entities/organization.entity';
import { OrganizationsRepository } from './organizations.repository';

export const toOrganizationView = (o: Organization): OrganizationView => ({
  id: o.id,
  name: o.name,
  constituency: o.constituency,
  region: o.region,
});

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly organizations: OrganizationsRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly activity: ActivityService,
    @Inject(forwardRef(() => UsersService)) private readonly users: UsersService,
  ) {}

  async list(query: OrganizationQuery): Promise<{ items: OrganizationView[] }> {
    const rows = await this.organizations.findMany({ constituency: query.constituency, q: query.q, limit: query.limit ?? 200 });
    return { items: rows.map(toOrganizationView) };
  }

  async get(id: string): Promise<OrganizationView> {
    return toOrganizationView(await this.find(id));
  }

  async find(id: string, tx?: Tx): Promise<Organization> {
    const org = await this.organizations.findById(id, tx);
    if (!org) throw notFound('Organization');
    return org;
  }

  /** For other modules checking a reference they are given. */
  async exists(id: string, tx?: Tx): Promise<boolean> {
    return this.organizations.exists(id, tx);
  }

  /** True when every one of the ids names an organization. */
  async allExist(ids: string[], tx?: Tx): Promise<boolean> {
    const unique = [...new Set(ids)];
    return (await this.organizations.countExisting(unique, tx)) === unique.length;
  }

  /** The given organizations, ordered by English name; unknown ids are left out. */
  async findMany(ids: string[], tx?: Tx): Promise<Organization[]> {
    return this.organizations.findByIds([...new Set(ids)], tx);
  }

  /**
   * The organization with this English name, created (without an activity record: used at start-up and by the demo
   * loader) when there is none.
   */
  async findOrCreateByName(tx: Tx, org: Pick<Organization, 'name' | 'constituency' | 'region'>): Promise<{ organization: Organization; created: boolean }> {
    const existing = org.name.en ? await this.organizations.findByEnglishName(org.name.en, tx) : null;
    if (existing) return { organization: existing, created: false };
    return { organization: await this.organizations.insert(tx, org), created: true };
  }

  async create(actor: AuthUser, dto: CreateOrganizationDto): Promise<OrganizationView> {
    return this.unitOfWork.run(async (tx) => {
      const org = await this.organizations.insert(tx, {
        name: cleanLocalizedText(dto.name),
        constituency: dto.constituency,
        region: dto.region ?? null,
      });
      await this.activity.record(tx, {
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
    return this.unitOfWork.run(async (tx) => {
      const org = await this.organizations.findByIdForUpdate(tx, id);
      if (!org) throw notFound('Organization');
      const next = {
        name: dto.name ? cleanLocalizedText(dto.name) : undefined,
        constituency: dto.constituency,
        region: dto.region,
      };
      const changes = diff(org, next);
      Object.assign(org, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
      await this.organizations.save(tx, org);
      if (Object.keys(changes).length) {
        await this.activity.record(tx, { actorId: actor.id, action: 'organization.updated', entityType: 'organization', entityId: id, changes });
      }
      return toOrganizationView(org);
    });
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const org = await this.organizations.findById(id, tx);
      if (!org) throw notFound('Organization');
      const members = await this.users.countInOrganization(id, tx);
      if (members > 0) throw conflict(`The organization still has ${members} user(s); move or deactivate them first`);
      await this.organizations.delete(tx, id);
      await this.activity.record(tx, { actorId: actor.id, action: 'organization.deleted', entityType: 'organization', entityId: id, changes: { name: org.name } });
    });
  }
}
