import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type ResolvedConfig } from './config/app-config';
import { UnitOfWork } from './database/unit-of-work';
import { OrganizationReferences } from './organizations/organization-references.service';
import { UsersService } from './users/users.service';

/** Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when set and not yet there. */
@Injectable()
export class StartupService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Startup');

  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly organizations: OrganizationReferences,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.admin;
    if (!admin || (await this.users.emailTaken(admin.email))) return;
    await this.unitOfWork.run(async (tx) => {
      const { organization: org } = await this.organizations.findOrCreateByName(tx, {
        name: { en: 'Platform administration', zh: '平台管理' },
        constituency: 'international',
        region: null,
      });
      await this.users.create(tx, null, {
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
