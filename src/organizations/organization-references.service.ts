import { Injectable } from '@nestjs/common';
import { orNotFound } from '../common/errors';
import type { Tx } from '../database/unit-of-work';
import type { OrganizationView } from './dto/organization.dto';
import type { Organization } from './entities/organization.entity';
import { OrganizationsRepository } from './organizations.repository';

export const toOrganizationView = (o: Pick<Organization, 'id' | 'name' | 'constituency' | 'region'>): OrganizationView => ({
  id: o.id,
  name: o.name,
  constituency: o.constituency,
  region: o.region,
});

/**
 * Organizations as other modules refer to them: does an id name one, which are these. Apart from OrganizationsService
 * (which asks the users module before deleting one), so that the users module can check its references without a cycle.
 */
@Injectable()
export class OrganizationReferences {
  constructor(private readonly organizations: OrganizationsRepository) {}

  async exists(id: string, tx?: Tx): Promise<boolean> {
    return this.organizations.exists(id, tx);
  }

  /** True when every one of the ids names an organization. */
  async allExist(ids: string[], tx?: Tx): Promise<boolean> {
    const unique = [...new Set(ids)];
    return (await this.organizations.countExisting(unique, tx)) === unique.length;
  }

  async find(id: string, tx?: Tx): Promise<Organization> {
    return orNotFound(await this.organizations.findById(id, tx), 'Organization');
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
}
