import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type ResolvedConfig } from './config/app-config';
import { Organization } from './organizations/entities/organization.entity';
import { UsersService } from './users/users.service';

/** Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when set and not yet there. */
@Injectable()
export class StartupService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Startup');

  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.admin;
    if (!admin || (await this.users.emailTaken(admin.email))) return;
    await this.dataSource.transaction(async (manager) => {
      let org = await manager
        .createQueryBuilder(Organization, 'o')
        .where("o.name->>'en' = :name", { name: 'Platform administration' })
        .getOne();
      org ??= await manager.save(
        manager.create(Organization, { name: { en: 'Platform administration', zh: '平台管理' }, constituency: 'international', region: null }),
      );
      await this.users.create(manager, null, {
        email: admin.email,
        password: admin.password,
        displayName: 'Administrator',
        organizationId: org.id,
        role: 'admin',
      });
    });
    this.logger.log(`Created the first admin ${admin.email}`);
  }
}
