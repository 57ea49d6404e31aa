import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Repository } from 'typeorm';
import { ActivityService, diff } from '../activity/activity.service';
import { type AuthUser, isStaff } from '../auth/auth-user';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { hashPassword } from '../auth/passwords';
import { badRequest, conflict, notFound } from '../common/errors';
import { queryPrepared } from '../database/prepared';
import { Organization } from '../organizations/entities/organization.entity';
import { toOrganizationView } from '../organizations/organizations.service';
import { UpdateUserDto, UserQuery, UserView } from './dto/user.dto';
import { Locale, Role, User } from './entities/user.entity';
import { UserDirectoryRepository } from './user-directory.repository';
import type { Tx } from '../database/unit-of-work';

export function toUserView(user: User, viewer?: AuthUser): UserView {
  const showEmail = !viewer || viewer.id === user.id || isStaff(viewer);
  return {
    id: user.id,
    displayName: user.displayName,
    ...(showEmail ? { email: user.email } : {}),
    role: user.role,
    locale: user.locale,
    active: user.active,
    organization: toOrganizationView(user.organization),
  };
}

/** What identifies a user to the access rules and to others: the user and their organization. */
export type UserIdentity = Pick<User, 'id' | 'email' | 'displayName' | 'role' | 'locale' | 'organizationId'> & {
  organization: Pick<Organization, 'id' | 'name' | 'constituency'>;
};

export function toAuthUser(user: UserIdentity): AuthUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    locale: user.locale,
    organizationId: user.organizationId,
    constituency: user.organization.constituency,
  };
}

export interface NewUser {
  email: string;
  password: string;
  displayName: string;
  organizationId: string;
  role: Role;
  locale?: Locale;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
    private readonly directory: UserDirectoryRepository,
  ) {}

  /** Display names by id (people who do not exist are left out). */
  displayNames(ids: string[]): Promise<Map<string, string>> {
    return this.directory.findDisplayNames([...new Set(ids)]);
  }

  /** The active admins and facilitators: those who verify reported values. */
  activeStaffIds(tx?: Tx): Promise<string[]> {
    return this.directory.findActiveStaffIds(tx);
  }

  /** The signed-in user behind a token, or null when gone or deactivated. */
  async findActive(id: string): Promise<User | null> {
    return this.users.findOne({ where: { id, active: true }, relations: { organization: true } });
  }

  /**
   * An active user's identity in one prepared query: every live connection re-reads it now and then
   * (RealtimeGateway), so it is kept cheap. Null when the user is unknown or deactivated.
   */
  async findActiveIdentity(id: string): Promise<UserIdentity | null> {
    const [row] = await queryPrepared<Omit<UserIdentity, 'organization'> & { organizationName: Organization['name']; constituency: Organization['constituency'] }>(
      this.dataSource,
      'user_active_identity',
      `SELECT u.id, u.email, u.display_name AS "displayName", u.role, u.locale, u.organization_id AS "organizationId",
              o.name AS "organizationName", o.constituency
         FROM users u JOIN organizations o ON o.id = u.organization_id
        WHERE u.id = $1 AND u.active`,
      [id],
    );
    if (!row) return null;
    const { organizationName, constituency, ...user } = row;
    return { ...user, organization: { id: user.organizationId, name: organizationName, constituency } };
  }

  async findForLogin(email: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .leftJoinAndSelect('u.organization', 'o')
      .where('u.email = :email', { email: normalizeEmail(email) })
      .getOne();
  }

  async passwordHashOf(id: string): Promise<string> {
    const row = await this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id }).getOne();
    return row?.passwordHash ?? '';
  }

  async emailTaken(email: string): Promise<boolean> {
    return this.users.existsBy({ email: normalizeEmail(email) });
  }

  /** Creates a user inside the caller's transaction. */
  async create(manager: EntityManager, actorId: string | null, input: NewUser, action = 'user.created'): Promise<User> {
    const email = normalizeEmail(input.email);
    if (await manager.existsBy(User, { email })) throw conflict('A user with this email already exists');
    if (!(await manager.existsBy(Organization, { id: input.organizationId }))) {
      throw badRequest('organizationId', 'organizationId does not name an existing organization');
    }
    const saved = await manager.save(
      manager.create(User, {
        email,
        passwordHash: await hashPassword(input.password),
        displayName: input.displayName.trim(),
        organizationId: input.organizationId,
        role: input.role,
        locale: input.locale ?? 'en',
        active: true,
      }),
    );
    await this.activity.record(manager, {
      actorId: actorId ?? saved.id,
      action,
      entityType: 'user',
      entityId: saved.id,
      changes: { email, displayName: saved.displayName, role: saved.role, organizationId: saved.organizationId },
    });
    return saved;
  }

  async list(viewer: AuthUser, query: UserQuery): Promise<{ items: UserView[] }> {
    const qb = this.users.createQueryBuilder('u').leftJoinAndSelect('u.organization', 'o').orderBy('u.displayName');
    if (query.organizationId) qb.andWhere('u.organizationId = :org', { org: query.organizationId });
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.active !== undefined) qb.andWhere('u.active = :active', { active: query.active });
    if (query.q) {
      const q = `%${query.q.replace(/[%_]/g, '\\$&')}%`;
      qb.andWhere(isStaff(viewer) ? '(u.displayName ILIKE :q OR u.email ILIKE :q)' : 'u.displayName ILIKE :q', { q });
    }
    qb.limit(query.limit ?? 200);
    return { items: (await qb.getMany()).map((u) => toUserView(u, viewer)) };
  }

  async get(viewer: AuthUser, id: string): Promise<UserView> {
    const user = await this.users.findOne({ where: { id }, relations: { organization: true } });
    if (!user) throw notFound('User');
    return toUserView(user, viewer);
  }

  async update(actor: AuthUser, id: string, dto: UpdateUserDto): Promise<UserView> {
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('User');
      if (actor.id === id && dto.role !== undefined && dto.role !== user.role) {
        throw badRequest('role', 'You cannot change your own role');
      }
      if (actor.id === id && dto.active === false) throw badRequest('active', 'You cannot deactivate yourself');
      if (dto.organizationId && !(await manager.existsBy(Organization, { id: dto.organizationId }))) {
        throw badRequest('organizationId', 'organizationId does not name an existing organization');
      }
      const next = { ...dto, displayName: dto.displayName?.trim() };
      const changes = diff(user, next);
      await manager.update(User, { id }, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
      if (dto.active === false) {
        await manager.update(RefreshToken, { userId: id, revokedAt: IsNull() }, { revokedAt: new Date() });
      }
      if (Object.keys(changes).length) {
        await this.activity.record(manager, {
          actorId: actor.id,
          action: dto.active === false ? 'user.deactivated' : 'user.updated',
          entityType: 'user',
          entityId: id,
          changes,
        });
      }
    });
    return this.get(actor, id);
  }

  async updateSelf(
    actor: AuthUser,
    changes: { displayName?: string; locale?: Locale; newPassword?: string },
  ): Promise<UserView> {
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneByOrFail(User, { id: actor.id });
      const next: Partial<User> = {};
      if (changes.displayName !== undefined) next.displayName = changes.displayName.trim();
      if (changes.locale !== undefined) next.locale = changes.locale;
      const audit: Record<string, unknown> = diff(user, next);
      if (changes.newPassword) {
        next.passwordHash = await hashPassword(changes.newPassword);
        audit.password = 'changed';
      }
      if (Object.keys(next).length) await manager.update(User, { id: actor.id }, next);
      if (Object.keys(audit).length) {
        await this.activity.record(manager, { actorId: actor.id, action: 'user.updated', entityType: 'user', entityId: actor.id, changes: audit });
      }
    });
    return this.get(actor, actor.id);
  }

  async touchLogin(id: string): Promise<void> {
    await this.users.update({ id }, { lastLoginAt: new Date() });
  }
}
