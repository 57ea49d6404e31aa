import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { AuthService, Session } from '../auth/auth.service';
import { randomToken, sha256 } from '../auth/tokens';
import { ApiError, badRequest, conflict, forbidden, notFound } from '../common/errors';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { Organization } from '../organizations/entities/organization.entity';
import { normalizeEmail, UsersService } from '../users/users.service';
import { AcceptInvitationDto, CreatedInvitation, CreateInvitationDto, InvitationView } from './dto/invitation.dto';
import { Invitation } from './entities/invitation.entity';

function statusOf(inv: Invitation, now = Date.now()): InvitationView['status'] {
  if (inv.acceptedAt) return 'accepted';
  if (inv.revokedAt) return 'revoked';
  if (inv.expiresAt.getTime() <= now) return 'expired';
  return 'pending';
}

const toInvitationView = (inv: Invitation, invitedBy: string | null = null): InvitationView => ({
  id: inv.id,
  email: inv.email,
  role: inv.role,
  organization: { id: inv.organization.id, name: inv.organization.name, constituency: inv.organization.constituency },
  status: statusOf(inv),
  expiresAt: inv.expiresAt.toISOString(),
  createdAt: inv.createdAt.toISOString(),
  invitedBy,
});

@Injectable()
export class InvitationsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    @InjectRepository(Invitation) private readonly invitations: Repository<Invitation>,
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly activity: ActivityService,
  ) {}

  async create(actor: AuthUser, dto: CreateInvitationDto): Promise<CreatedInvitation> {
    if (dto.role === 'admin' && actor.role !== 'admin') throw forbidden('Only an admin can invite another admin');
    const email = normalizeEmail(dto.email);
    const token = randomToken();
    const id = await this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(Organization, { id: dto.organizationId }))) {
        throw badRequest('organizationId', 'organizationId does not name an existing organization');
      }
      if (await this.users.emailTaken(email)) throw conflict('A user with this email already exists');
      const inv = await manager.save(
        manager.create(Invitation, {
          email,
          organizationId: dto.organizationId,
          role: dto.role,
          tokenHash: sha256(token),
          invitedById: actor.id,
          expiresAt: new Date(Date.now() + this.config.invitationTtlSeconds * 1000),
        }),
      );
      await this.activity.record(manager, {
        actorId: actor.id,
        action: 'invitation.created',
        entityType: 'invitation',
        entityId: inv.id,
        changes: { email, organizationId: dto.organizationId, role: dto.role },
      });
      return inv.id;
    });
    const inv = await this.invitations.findOneOrFail({ where: { id }, relations: { organization: true } });
    return { ...toInvitationView(inv, actor.displayName), token, acceptPath: `/invitations/${token}` };
  }

  async list(): Promise<{ items: InvitationView[] }> {
    const rows = await this.invitations
      .createQueryBuilder('i')
      .leftJoinAndSelect('i.organization', 'o')
      .leftJoin('users', 'u', 'u.id = i.invited_by_id')
      .addSelect('u.display_name', 'invited_by_name')
      .orderBy('i.createdAt', 'DESC')
      .limit(500)
      .getRawAndEntities();
    return {
      items: rows.entities.map((inv, i) => toInvitationView(inv, (rows.raw[i]?.invited_by_name as string) ?? null)),
    };
  }

  /** What the invitee sees before accepting. */
  async preview(token: string): Promise<InvitationView> {
    return toInvitationView(await this.usable(token));
  }

  private async usable(token: string, manager = this.dataSource.manager, lock = false): Promise<Invitation> {
    const inv = await manager.findOne(Invitation, {
      where: { tokenHash: sha256(token) },
      relations: lock ? undefined : { organization: true },
      lock: lock ? { mode: 'pessimistic_write' } : undefined,
    });
    if (!inv) throw notFound('Invitation');
    if (lock) inv.organization = await manager.findOneByOrFail(Organization, { id: inv.organizationId });
    const status = statusOf(inv);
    if (status !== 'pending') throw new ApiError(HttpStatus.GONE, `This invitation is ${status}`);
    return inv;
  }

  async accept(token: string, dto: AcceptInvitationDto): Promise<Session> {
    const userId = await this.dataSource.transaction(async (manager) => {
      const inv = await this.usable(token, manager, true);
      const user = await this.users.create(
        manager,
        inv.invitedById,
        { email: inv.email, password: dto.password, displayName: dto.displayName, organizationId: inv.organizationId, role: inv.role },
        'user.joined',
      );
      await manager.update(Invitation, { id: inv.id }, { acceptedAt: new Date(), acceptedUserId: user.id });
      await this.activity.record(manager, {
        actorId: user.id,
        action: 'invitation.accepted',
        entityType: 'invitation',
        entityId: inv.id,
        changes: { userId: user.id },
      });
      return user.id;
    });
    return this.auth.sessionFor(userId);
  }

  async revoke(actor: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const inv = await manager.findOneBy(Invitation, { id, acceptedAt: IsNull(), revokedAt: IsNull() });
      if (!inv) throw notFound('Pending invitation');
      await manager.update(Invitation, { id }, { revokedAt: new Date() });
      await this.activity.record(manager, { actorId: actor.id, action: 'invitation.revoked', entityType: 'invitation', entityId: id });
    });
  }
}
