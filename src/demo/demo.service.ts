import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { Organization } from '../organizations/entities/organization.entity';
import { Park } from '../parks/entities/park.entity';
import { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { DEMO_ORGANIZATIONS, DEMO_PARKS, DEMO_PASSWORD, DEMO_USERS } from './demo-data';

export interface DemoOutcome {
  loaded: boolean;
  created: { organizations: number; parks: number; users: number };
  reason?: string;
}

/** Loads the demo world. Idempotent: each record is found by its natural key and created only when missing. */
@Injectable()
export class DemoService {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly activity: ActivityService,
  ) {}

  /** On a first start: load only into a database that has no users yet. */
  async loadIfEmpty(): Promise<DemoOutcome> {
    const anyUser = await this.dataSource.getRepository(User).exists();
    const demoThere = await this.dataSource.getRepository(User).existsBy({ email: DEMO_USERS[0].email });
    if (anyUser && !demoThere) return { loaded: false, created: { organizations: 0, parks: 0, users: 0 }, reason: 'database holds other data' };
    return this.load();
  }

  async load(): Promise<DemoOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const created = { organizations: 0, parks: 0, users: 0 };
      const orgIds = new Map<string, string>();
      for (const demo of DEMO_ORGANIZATIONS) {
        const existing = await manager
          .createQueryBuilder(Organization, 'o')
          .where("o.name->>'en' = :en", { en: demo.name.en })
          .getOne();
        const org = existing ?? (await manager.save(manager.create(Organization, { name: demo.name, constituency: demo.constituency, region: demo.region })));
        if (!existing) created.organizations++;
        orgIds.set(demo.key, org.id);
      }
      for (const demo of DEMO_PARKS) {
        const exists = await manager.createQueryBuilder(Park, 'p').where("p.name->>'en' = :en", { en: demo.name.en }).getExists();
        if (exists) continue;
        await manager.insert(Park, {
          name: demo.name,
          city: demo.city,
          province: demo.province,
          level: demo.level,
          organizationId: demo.organizationKey ? orgIds.get(demo.organizationKey)! : null,
        });
        created.parks++;
      }
      for (const demo of DEMO_USERS) {
        if (await manager.existsBy(User, { email: demo.email })) continue;
        await this.users.create(manager, null, {
          email: demo.email,
          password: DEMO_PASSWORD,
          displayName: demo.displayName,
          organizationId: orgIds.get(demo.organizationKey)!,
          role: demo.role,
          locale: demo.locale,
        });
        created.users++;
      }
      const loaded = created.organizations + created.parks + created.users > 0;
      if (loaded) await this.recordLoad(manager, created);
      return { loaded, created };
    });
  }

  private async recordLoad(manager: EntityManager, created: DemoOutcome['created']) {
    await this.activity.record(manager, { actorId: null, action: 'demo.loaded', entityType: 'platform', entityId: 'demo', changes: created });
    this.logger.log(`Demo world loaded: ${JSON.stringify(created)}`);
  }
}
