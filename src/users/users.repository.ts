import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { queryPrepared } from '../database/prepared';
import type { Tx } from '../database/unit-of-work';
import type { Organization } from '../organizations/entities/organization.entity';
import { type Role, User } from './entities/user.entity';

/** An active user's identity as one row: the user's columns and their organization's name and constituency. */
export type IdentityRow = Pick<User, 'id' | 'email' | 'displayName' | 'role' | 'locale' | 'organizationId'> & {
  organizationName: Organization['name'];
  constituency: Organization['constituency'];
};

export interface UserFilter {
  organizationId?: string;
  role?: Role;
  active?: boolean;
  /** Matched against the display name, and the email too when searchEmail. */
  q?: string;
  searchEmail: boolean;
  limit: number;
}

/** The users table. A user is read with their organization (User.organization), which is part of who they are. */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findActive(id: string): Promise<User | null> {
    return this.dataSource.manager.findOne(User, { where: { id, active: true }, relations: { organization: true } });
  }

  /** One prepared statement: every live connection re-reads it now and then, so it is kept cheap. */
  async findActiveIdentity(id: string): Promise<IdentityRow | null> {
    const [row] = await queryPrepared<IdentityRow>(
      this.dataSource,
      'user_active_identity',
      `SELECT u.id, u.email, u.display_name AS "displayName", u.role, u.locale, u.organization_id AS "organizationId",
              o.name AS "organizationName", o.constituency
         FROM users u JOIN organizations o ON o.id = u.organization_id
        WHERE u.id = $1 AND u.active`,
      [id],
    );
    return row ?? null;
  }

  /** With the password hash, which is otherwise never read. */
  async findByEmailWithPassword(email: string): Promise<User | null> {
    return this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .addSelect('u.passwordHash')
      .leftJoinAndSelect('u.organization', 'o')
      .where('u.email = :email', { email })
      .getOne();
  }

  async passwordHashOf(id: string): Promise<string | null> {
    const row = await this.dataSource.manager.createQueryBuilder(User, 'u').addSelect('u.passwordHash').where('u.id = :id', { id }).getOne();
    return row?.passwordHash ?? null;
  }

  async existsByEmail(email: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(User, { email });
  }

  async exists(id: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(User, { id });
  }

  async existsActive(id: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(User, { id, active: true });
  }

  async any(): Promise<boolean> {
    return this.dataSource.manager.exists(User);
  }

  async insert(
    tx: Tx,
    row: Pick<User, 'email' | 'passwordHash' | 'displayName' | 'organizationId' | 'role' | 'locale' | 'active'> & Partial<Pick<User, 'sex' | 'nameZh'>>,
  ): Promise<User> {
    return tx.save(tx.create(User, row));
  }

  async findMany(filter: UserFilter): Promise<User[]> {
    const qb = this.dataSource.manager.createQueryBuilder(User, 'u').leftJoinAndSelect('u.organization', 'o').orderBy('u.displayName');
    if (filter.organizationId) qb.andWhere('u.organizationId = :org', { org: filter.organizationId });
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.active !== undefined) qb.andWhere('u.active = :active', { active: filter.active });
    if (filter.q) {
      const q = `%${filter.q.replace(/[%_]/g, '\\$&')}%`;
      qb.andWhere(filter.searchEmail ? '(u.displayName ILIKE :q OR u.email ILIKE :q)' : 'u.displayName ILIKE :q', { q });
    }
    return qb.limit(filter.limit).getMany();
  }

  /** The users among ids (active or not), each with their organization. */
  async findManyWithOrganization(ids: string[]): Promise<User[]> {
    if (!ids.length) return [];
    return this.dataSource.manager.find(User, { where: { id: In(ids) }, relations: { organization: true } });
  }

  async findWithOrganization(id: string): Promise<User | null> {
    return this.dataSource.manager.findOne(User, { where: { id }, relations: { organization: true } });
  }

  async findById(id: string, tx: Tx = this.dataSource.manager): Promise<User | null> {
    return tx.findOneBy(User, { id });
  }

  async findByIdForUpdate(tx: Tx, id: string): Promise<User | null> {
    return tx.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(tx: Tx, id: string, changes: Partial<User>): Promise<void> {
    await tx.update(User, { id }, changes);
  }

  /** Whether the user was granted the translator right. */
  async isTranslator(id: string): Promise<boolean> {
    const row = await this.dataSource.manager.findOne(User, { where: { id, active: true }, select: { id: true, translator: true } });
    return row?.translator ?? false;
  }

  /** Display names and Chinese names of the given users. */
  async names(ids: string[]): Promise<{ id: string; displayName: string; nameZh: string | null }[]> {
    if (!ids.length) return [];
    return this.dataSource.manager.find(User, { where: { id: In(ids) }, select: { id: true, displayName: true, nameZh: true } });
  }

  async touchLogin(id: string): Promise<void> {
    await this.dataSource.manager.update(User, { id }, { lastLoginAt: new Date() });
  }

  async countInOrganization(organizationId: string, tx: Tx = this.dataSource.manager): Promise<number> {
    return tx.countBy(User, { organizationId });
  }

  async activeIdsInOrganization(organizationId: string, tx: Tx = this.dataSource.manager): Promise<string[]> {
    const rows = await tx.find(User, { where: { organizationId, active: true }, select: { id: true } });
    return rows.map((u) => u.id);
  }

  /** Those of the ids that name active users. */
  async activeAmong(ids: string[], tx: Tx = this.dataSource.manager): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await tx.find(User, { where: { id: In(ids), active: true }, select: { id: true } });
    return rows.map((u) => u.id);
  }

  /** Every active user's display name (to refuse a new name that imitates one of them). */
  async activeDisplayNames(tx: Tx = this.dataSource.manager): Promise<{ id: string; displayName: string }[]> {
    return tx.find(User, { select: { id: true, displayName: true }, where: { active: true } });
  }

  /** Names for authors and translators on most pages: a prepared statement. */
  async displayNames(ids: string[]): Promise<{ id: string; displayName: string }[]> {
    if (!ids.length) return [];
    return queryPrepared(this.dataSource, 'user_display_names', 'SELECT id, display_name AS "displayName" FROM users WHERE id = ANY($1::uuid[])', [ids]);
  }

  async idsByEmails(emails: string[], tx: Tx = this.dataSource.manager): Promise<{ id: string; email: string }[]> {
    if (!emails.length) return [];
    return tx.find(User, { where: { email: In(emails) }, select: { id: true, email: true } });
  }

  /** The active admins and facilitators: those who verify reported values. */
  async activeStaffIds(tx: Tx = this.dataSource.manager): Promise<string[]> {
    const rows = await tx.find(User, { where: { active: true, role: In(['admin', 'facilitator'] satisfies Role[]) }, select: { id: true } });
    return rows.map((r) => r.id);
  }

  /** What mail needs of the active ones among ids: address, language, time zone, digest hour. */
  async mailProfiles(ids: string[], tx: Tx = this.dataSource.manager): Promise<MailProfile[]> {
    if (!ids.length) return [];
    return tx.find(User, {
      where: { id: In(ids), active: true },
      select: { id: true, email: true, displayName: true, locale: true, timeZone: true, digestHour: true },
    });
  }

  /** Active users whose digest hour is one of `hours` in their own zone now (hours computed per zone by the caller). */
  async digestCandidates(tx: Tx = this.dataSource.manager): Promise<MailProfile[]> {
    return tx
      .createQueryBuilder(User, 'u')
      .select(['u.id', 'u.email', 'u.displayName', 'u.locale', 'u.timeZone', 'u.digestHour'])
      .where('u.active AND u.digestHour IS NOT NULL')
      .andWhere(`extract(hour FROM now() AT TIME ZONE u.time_zone) = u.digest_hour`)
      .getMany();
  }
}

export type MailProfile = Pick<User, 'id' | 'email' | 'displayName' | 'locale' | 'timeZone' | 'digestHour'>;
