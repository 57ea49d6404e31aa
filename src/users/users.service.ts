import { Injectable } from '@nestjs/common';
import { ActivityService, diff } from '../activity/activity.service';
import { type AuthUser, isStaff } from '../auth/auth-user';
import { hashPassword } from '../auth/passwords';
import { SessionsService } from '../auth/sessions.service';
import { badRequest, conflict, orNotFound } from '../common/errors';
import { cleanDisplayName, nameSkeleton } from '../common/text-safety';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import type { Organization } from '../organizations/entities/organization.entity';
import { OrganizationReferences, toOrganizationView } from '../organizations/organization-references.service';
import type { OrganizationView } from '../organizations/dto/organization.dto';
import { UpdateUserDto, UserQuery, UserView } from './dto/user.dto';
import type { Locale, Role, Sex, User } from './entities/user.entity';
import { type MailProfile, UsersRepository } from './users.repository';

export type { MailProfile };

export function toUserView(user: User, viewer?: AuthUser): UserView {
  const showEmail = !viewer || viewer.id === user.id || isStaff(viewer);
  return {
    id: user.id,
    displayName: user.displayName,
    nameZh: user.nameZh ?? null,
    translator: user.translator ?? false,
    ...(showEmail ? { email: user.email } : {}),
    role: user.role,
    locale: user.locale,
    active: user.active,
    organization: toOrganizationView(user.organization),
    ...(!viewer || viewer.id === user.id || viewer.role === 'admin' ? { sex: user.sex ?? null } : {}),
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
  sex?: Sex | null;
  /** The Chinese form of the name, if any. */
  nameZh?: string | null;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly activity: ActivityService,
    private readonly sessions: SessionsService,
    private readonly organizations: OrganizationReferences,
  ) {}

  /** The active admins and facilitators: those who verify reported values. */
  activeStaffIds(tx?: Tx): Promise<string[]> {
    return this.users.activeStaffIds(tx);
  }

  /** The signed-in user behind a token, or null when gone or deactivated. */
  async findActive(id: string): Promise<User | null> {
    return this.users.findActive(id);
  }

  /**
   * An active user's identity in one prepared query: every live connection re-reads it now and then
   * (RealtimeGateway), so it is kept cheap. Null when the user is unknown or deactivated.
   */
  async findActiveIdentity(id: string): Promise<UserIdentity | null> {
    const row = await this.users.findActiveIdentity(id);
    if (!row) return null;
    const { organizationName, constituency, ...user } = row;
    return { ...user, organization: { id: user.organizationId, name: organizationName, constituency } };
  }

  async findForLogin(email: string): Promise<User | null> {
    return this.users.findByEmailWithPassword(normalizeEmail(email));
  }

  async passwordHashOf(id: string): Promise<string> {
    return (await this.users.passwordHashOf(id)) ?? '';
  }

  async emailTaken(email: string, tx?: Tx): Promise<boolean> {
    return this.users.existsByEmail(normalizeEmail(email), tx);
  }

  /** Whether any user exists at all (a first start has none). */
  async anyExist(): Promise<boolean> {
    return this.users.any();
  }

  async exists(id: string, tx?: Tx): Promise<boolean> {
    return this.users.exists(id, tx);
  }

  async isActive(id: string, tx?: Tx): Promise<boolean> {
    return this.users.existsActive(id, tx);
  }

  /** The user's row (their organization not loaded), or null. */
  async findById(id: string, tx?: Tx): Promise<User | null> {
    return this.users.findById(id, tx);
  }

  async countInOrganization(organizationId: string, tx?: Tx): Promise<number> {
    return this.users.countInOrganization(organizationId, tx);
  }

  async activeIdsInOrganization(organizationId: string, tx?: Tx): Promise<string[]> {
    return this.users.activeIdsInOrganization(organizationId, tx);
  }

  /** Those of the ids that name active users. */
  async activeAmong(ids: string[], tx?: Tx): Promise<string[]> {
    return this.users.activeAmong([...new Set(ids)], tx);
  }

  /** Whether the user holds the translator right (admins grant it). */
  async isTranslator(id: string): Promise<boolean> {
    return this.users.isTranslator(id);
  }

  /** Display names and Chinese names of the given users; unknown ids are left out. */
  async names(ids: (string | null | undefined)[]): Promise<Map<string, { displayName: string; nameZh: string | null }>> {
    const unique = [...new Set(ids.filter((id): id is string => !!id))];
    return new Map((await this.users.names(unique)).map((u) => [u.id, { displayName: u.displayName, nameZh: u.nameZh }]));
  }

  /** Display names of the given users; unknown ids are left out. */
  async displayNames(ids: (string | null | undefined)[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => !!id))];
    return new Map((await this.users.displayNames(unique)).map((u) => [u.id, u.displayName]));
  }

  /** Display names and organizations of the given users; unknown ids are left out. */
  async people(ids: (string | null | undefined)[]): Promise<Map<string, { displayName: string; organization: OrganizationView }>> {
    const unique = [...new Set(ids.filter((id): id is string => !!id))];
    const users = await this.users.findManyWithOrganization(unique);
    return new Map(users.map((u) => [u.id, { displayName: u.displayName, organization: toOrganizationView(u.organization) }]));
  }

  /** Ids of the users with these emails (as stored, lower-case), by email. */
  async idsByEmail(emails: string[], tx?: Tx): Promise<Map<string, string>> {
    return new Map((await this.users.idsByEmails(emails.map(normalizeEmail), tx)).map((u) => [u.email, u.id]));
  }

  /** Creates a user inside the caller's transaction. */
  async create(tx: Tx, actorId: string | null, input: NewUser, action: 'user.created' | 'user.joined' = 'user.created'): Promise<User> {
    const email = normalizeEmail(input.email);
    if (await this.users.existsByEmail(email, tx)) throw conflict('A user with this email already exists');
    if (!(await this.organizations.exists(input.organizationId, tx))) {
      throw badRequest('organizationId', 'organizationId does not name an existing organization');
    }
    const displayName = cleanDisplayName(input.displayName);
    await this.assertNameIsOwn(tx, displayName, null);
    const saved = await this.users.insert(tx, {
      email,
      passwordHash: await hashPassword(input.password),
      displayName,
      organizationId: input.organizationId,
      role: input.role,
      locale: input.locale ?? 'en',
      active: true,
      sex: input.sex ?? null,
      nameZh: input.nameZh?.trim() || null,
    });
    await this.activity.record(tx, {
      actorId: actorId ?? saved.id,
      action,
      entityType: 'user',
      entityId: saved.id,
      changes: { email, displayName: saved.displayName, role: saved.role, organizationId: saved.organizationId },
    });
    return saved;
  }

  async list(viewer: AuthUser, query: UserQuery): Promise<{ items: UserView[] }> {
    const rows = await this.users.findMany({
      organizationId: query.organizationId,
      role: query.role,
      active: query.active,
      q: query.q,
      // Only staff find people by email: it is hidden from others.
      searchEmail: isStaff(viewer),
      limit: query.limit ?? 200,
    });
    return { items: rows.map((u) => toUserView(u, viewer)) };
  }

  async get(viewer: AuthUser, id: string): Promise<UserView> {
    const user = orNotFound(await this.users.findWithOrganization(id), 'User');
    return toUserView(user, viewer);
  }

  async update(actor: AuthUser, id: string, dto: UpdateUserDto): Promise<UserView> {
    await this.unitOfWork.run(async (tx) => {
      const user = orNotFound(await this.users.findByIdForUpdate(tx, id), 'User');
      if (actor.id === id && dto.role !== undefined && dto.role !== user.role) {
        throw badRequest('role', 'You cannot change your own role');
      }
      if (actor.id === id && dto.active === false) throw badRequest('active', 'You cannot deactivate yourself');
      if (dto.organizationId && !(await this.organizations.exists(dto.organizationId, tx))) {
        throw badRequest('organizationId', 'organizationId does not name an existing organization');
      }
      const next = {
        ...dto,
        displayName: dto.displayName === undefined ? undefined : cleanDisplayName(dto.displayName),
        nameZh: dto.nameZh === undefined ? undefined : dto.nameZh?.trim() || null,
      };
      if (next.displayName !== undefined && next.displayName !== user.displayName) await this.assertNameIsOwn(tx, next.displayName, id);
      const changes = diff(user, next);
      await this.users.update(tx, id, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
      if (dto.active === false) await this.sessions.revokeAllOf(tx, id);
      if (Object.keys(changes).length) {
        await this.activity.recordBy(tx, actor, dto.active === false ? 'user.deactivated' : 'user.updated', id, changes);
      }
    });
    return this.get(actor, id);
  }

  async updateSelf(
    actor: AuthUser,
    changes: { displayName?: string; locale?: Locale; newPassword?: string; sex?: Sex | null; nameZh?: string | null },
  ): Promise<UserView> {
    await this.unitOfWork.run(async (tx) => {
      const user = orNotFound(await this.users.findById(actor.id, tx), 'User');
      const next: Partial<User> = {};
      if (changes.displayName !== undefined) next.displayName = cleanDisplayName(changes.displayName);
      if (next.displayName !== undefined && next.displayName !== user.displayName) await this.assertNameIsOwn(tx, next.displayName, actor.id);
      if (changes.locale !== undefined) next.locale = changes.locale;
      if (changes.sex !== undefined) next.sex = changes.sex;
      if (changes.nameZh !== undefined) next.nameZh = changes.nameZh?.trim() || null;
      const audit: Record<string, unknown> = diff(user, next);
      if (changes.newPassword) {
        next.passwordHash = await hashPassword(changes.newPassword);
        audit.password = 'changed';
      }
      if (Object.keys(next).length) await this.users.update(tx, actor.id, next);
      if (Object.keys(audit).length) {
        await this.activity.recordBy(tx, actor, 'user.updated', actor.id, audit);
      }
    });
    return this.get(actor, actor.id);
  }

  /**
   * Refuses a display name that would be taken for another active person's: the same once normalised (NFKC), case
   * folded and with lookalike letters of other scripts and invisible characters taken out.
   */
  private async assertNameIsOwn(tx: Tx, displayName: string, userId: string | null): Promise<void> {
    const skeleton = nameSkeleton(displayName);
    const others = await this.users.activeDisplayNames(tx);
    if (others.some((other) => other.id !== userId && nameSkeleton(other.displayName) === skeleton)) {
      throw badRequest('displayName', 'displayName is too much like the name of another person');
    }
  }

  async touchLogin(id: string): Promise<void> {
    await this.users.touchLogin(id);
  }

  /** Address, language, time zone and digest hour of the active ones among ids. */
  async mailProfiles(ids: string[], tx?: Tx): Promise<MailProfile[]> {
    return this.users.mailProfiles(ids, tx);
  }

  /** Active users whose chosen digest hour it is now, in their own time zone. */
  async dueForDigest(): Promise<MailProfile[]> {
    return this.users.digestCandidates();
  }

  /** A person's mail time zone and digest hour (null: no digest). */
  async setMailSettings(tx: Tx, id: string, changes: { timeZone?: string; digestHour?: number | null }): Promise<void> {
    const next = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(next).length) await this.users.update(tx, id, next);
  }
}
