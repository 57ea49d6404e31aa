import { HttpStatus, Injectable } from '@nestjs/common';
import { ActivityService, diff } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { ApiError, badRequest, orNotFound } from '../common/errors';
import { cleanLocalizedText, type LocalizedText } from '../common/localized-text';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import { OrganizationReferences, toOrganizationView } from '../organizations/organization-references.service';
import { CreateParkDto, ParkQuery, ParkView, type ProvinceView, UpdateParkDto } from './dto/park.dto';
import { ParksRepository } from './parks.repository';
import type { Park } from './entities/park.entity';
import { ParkDirectoryRepository, type ParkArea, type ParkRef, type PlacedPark } from './park-directory.repository';

export const toParkView = (p: Park): ParkView => ({
  id: p.id,
  name: p.name,
  code: p.code,
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
    private readonly directory: ParkDirectoryRepository,
  ) {}

  async list(query: ParkQuery): Promise<{ items: ParkView[] }> {
    const rows = await this.parks.findMany({ province: query.province, city: query.city, level: query.level, q: query.q, limit: query.limit ?? 200 });
    return { items: rows.map(toParkView) };
  }

  async get(id: string): Promise<ParkView> {
    const park = orNotFound(await this.parks.findWithOrganization(id), 'Park');
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

  /** Another park's code: a 409 naming `code`. */
  private async checkCode(tx: Tx, code: string | undefined, id?: string) {
    if (code && (await this.parks.codeTaken(tx, code, id))) {
      throw new ApiError(HttpStatus.CONFLICT, `Another park has the code ${code}`, [{ field: 'code', message: 'code is taken' }]);
    }
  }

  async create(actor: AuthUser, dto: CreateParkDto): Promise<ParkView> {
    const id = await this.unitOfWork.run(async (tx) => {
      await this.checkOrganization(tx, dto.organizationId);
      await this.checkCode(tx, dto.code);
      const park = await this.parks.insert(tx, {
        ...(dto.code ? { code: dto.code } : {}),
        name: cleanLocalizedText(dto.name),
        city: dto.city.trim(),
        province: dto.province.trim(),
        level: dto.level,
        organizationId: dto.organizationId ?? null,
      });
      await this.activity.recordBy(tx, actor, 'park.created', park.id, {
        name: park.name,
        code: park.code,
        city: park.city,
        province: park.province,
        level: park.level,
      });
      return park.id;
    });
    return this.get(id);
  }

  async update(actor: AuthUser, id: string, dto: UpdateParkDto): Promise<ParkView> {
    await this.unitOfWork.run(async (tx) => {
      const park = orNotFound(await this.parks.findByIdForUpdate(tx, id), 'Park');
      await this.checkOrganization(tx, dto.organizationId);
      await this.checkCode(tx, dto.code, id);
      const next = {
        name: dto.name ? cleanLocalizedText(dto.name) : undefined,
        code: dto.code,
        city: dto.city?.trim(),
        province: dto.province?.trim(),
        level: dto.level,
        organizationId: dto.organizationId,
      };
      const changes = diff(park, next);
      await this.parks.update(tx, id, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
      if (Object.keys(changes).length) {
        await this.activity.recordBy(tx, actor, 'park.updated', id, changes);
      }
    });
    return this.get(id);
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const park = orNotFound(await this.parks.findById(id, tx), 'Park');
      await this.parks.delete(tx, id);
      await this.activity.recordBy(tx, actor, 'park.deleted', id, { name: park.name });
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

  /** The provinces and cities the parks are in (the scopes a city- or province-level role or value can name). */
  async areas(): Promise<{ items: ProvinceView[] }> {
    return { items: await this.directory.findAreas() };
  }

  /** The cities named `city` (ignoring case), with their provinces; at most `limit`. */
  findCitiesNamed(city: string, limit: number): Promise<ParkArea[]> {
    return this.directory.findCitiesNamed(city, limit);
  }

  /** The parks of a province, or of one of its cities, by name. */
  listInArea(province: string, city: string | null): Promise<{ id: string; name: LocalizedText }[]> {
    return this.directory.findInArea(province, city);
  }

  /** Every park, or those of a province, a city or one park, with where it is and who runs it. */
  listPlaced(area: { province?: string; city?: string; parkId?: string }): Promise<PlacedPark[]> {
    return this.directory.findPlaced(area);
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
