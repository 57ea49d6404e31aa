import { Injectable } from '@nestjs/common';
import { ActivityService, diff } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, notFound } from '../common/errors';
import { cleanLocalizedText } from '../common/localized-text';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import { OrganizationReferences, toOrganizationView } from '../organizations/organization-references.service';
import { CreateParkDto, ParkQuery, ParkView, UpdateParkDto } from './dto/park.dto';
import type { Park } from './entities/park.entity';
import { ParksRepository } from './parks.repository';

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
    private readonly parks: ParksRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly activity: ActivityService,
    private readonly organizations: OrganizationReferences,
  ) {}

  async list(query: ParkQuery): Promise<{ items: ParkView[] }> {
    const rows = await this.parks.findMany({ province: query.province, city: query.city, level: query.level, q: query.q, limit: query.limit ?? 200 });
    return { items: rows.map(toParkView) };
  }

  async get(id: string): Promise<ParkView> {
    const park = await this.parks.findWithOrganization(id);
    if (!park) throw notFound('Park');
    return toParkView(park);
  }

  /** Ids of the parks with these English names (the demo loader finds its parks by name). */
  async idsByEnglishName(names: string[], tx?: Tx): Promise<Map<string, string>> {
    return this.parks.idsByEnglishName(names, tx);
  }

  /** Inserts parks as given, without activity records: for the demo loader. */
  async insertMany(tx: Tx, rows: Pick<Park, 'name' | 'city' | 'province' | 'level' | 'organizationId'>[]): Promise<void> {
    for (const row of rows) await this.parks.insert(tx, row);
  }

  private async checkOrganization(tx: Tx, organizationId: string | null | undefined) {
    if (organizationId && !(await this.organizations.exists(organizationId, tx))) {
      throw badRequest('organizationId', 'organizationId does not name an existing organization');
    }
  }

  async create(actor: AuthUser, dto: CreateParkDto): Promise<ParkView> {
    const id = await this.unitOfWork.run(async (tx) => {
      await this.checkOrganization(tx, dto.organizationId);
      const park = await this.parks.insert(tx, {
        name: cleanLocalizedText(dto.name),
        city: dto.city.trim(),
        province: dto.province.trim(),
        level: dto.level,
        organizationId: dto.organizationId ?? null,
      });
      await this.activity.record(tx, {
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
    await this.unitOfWork.run(async (tx) => {
      const park = await this.parks.findByIdForUpdate(tx, id);
      if (!park) throw notFound('Park');
      await this.checkOrganization(tx, dto.organizationId);
      const next = {
        name: dto.name ? cleanLocalizedText(dto.name) : undefined,
        city: dto.city?.trim(),
        province: dto.province?.trim(),
        level: dto.level,
        organizationId: dto.organizationId,
      };
      const changes = diff(park, next);
      await this.parks.update(tx, id, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
      if (Object.keys(changes).length) {
        await this.activity.record(tx, { actorId: actor.id, action: 'park.updated', entityType: 'park', entityId: id, changes });
      }
    });
    return this.get(id);
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const park = await this.parks.findById(id, tx);
      if (!park) throw notFound('Park');
      await this.parks.delete(tx, id);
      await this.activity.record(tx, { actorId: actor.id, action: 'park.deleted', entityType: 'park', entityId: id, changes: { name: park.name } });
    });
  }
}
