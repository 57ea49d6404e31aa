import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { AuthService, Session } from '../auth/auth.service';
import { weakPasswordProblem } from '../auth/password-policy';
import { randomToken, sha256 } from '../auth/tokens';
import { ApiError, badRequest, conflict, forbidden, notFound, orNotFound } from '../common/errors';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import { OrganizationReferences } from '../organizations/organization-references.service';
import { normalizeEmail, UsersService } from '../users/users.service';
import { AcceptInvitationDto, CreatedInvitation, CreateInvitationDto, InvitationView } from './dto/invitation.dto';
import type { Invitation } from './entities/invitation.entity';
import { InvitationsRepository } from './invitations.repository';
import { MailService } from '../mail/mail.service';

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
    private readonly invitations: InvitationsRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly organizations: OrganizationReferences,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly activity: ActivityService,
    private readonly mail: MailService,
  ) {}

  /** The invitation mail, written with the invitation (and again on resend), with the accept link. */
  private async mailInvitation(tx: Tx, actor: AuthUser, inv: Pick<Invitation, 'email' | 'organizationId' | 'role' | 'expiresAt'>, token: string) {
    const organization = await this.organizations.find(inv.organizationId, tx);
    await this.mail.invitation(tx, {
      email: inv.email,
      token,
      organization: organization.name,
      role: inv.role,
      inviter: actor.displayName,
      expiresAt: inv.expiresAt,
      locale: actor.locale,
    });
  }

  async create(actor: AuthUser, dto: CreateInvitationDto): Promise<CreatedInvitation> {
    if (dto.role === 'admin' && actor.role !== 'admin') throw forbidden('Only an admin can invite another admin');
    const email = normalizeEmail(dto.email);
    const token = randomToken();
    const id = await this.unitOfWork.run(async (tx) => {
      if (!(await this.organizations.exists(dto.organizationId, tx))) {
        throw badRequest('organizationId', 'organizationId does not name an existing organization');
      }
      if (await this.users.emailTaken(email)) throw conflict('A user with this email already exists');
      const inv = await this.invitations.insert(tx, {
        email,
        organizationId: dto.organizationId,
        role: dto.role,
        tokenHash: sha256(token),
        invitedById: actor.id,
        expiresAt: new Date(Date.now() + this.config.invitationTtlSeconds * 1000),
      });
      await this.activity.recordBy(tx, actor, 'invitation.created', inv.id, { email, organizationId: dto.organizationId, role: dto.role });
      await this.mailInvitation(tx, actor, inv, token);
      return inv.id;
    });
    const inv = orNotFound(await this.invitations.findWithOrganization(id), 'Invitation');
    return { ...toInvitationView(inv, actor.displayName), token, acceptPath: `/invitations/${token}` };
  }

  async list(): Promise<{ items: InvitationView[] }> {
    const rows = await this.invitations.findLatest(500);
    const inviters = await this.users.displayNames(rows.map((inv) => inv.invitedById));
    return { items: rows.map((inv) => toInvitationView(inv, (inv.invitedById && inviters.get(inv.invitedById)) ?? null)) };
  }

  /** What the invitee sees before accepting. */
  async preview(token: string): Promise<InvitationView> {
    return toInvitationView(await this.usable(token));
  }

  /** A pending invitation; inside a transaction (tx given) it is locked, and its organization read apart. */
  private async usable(token: string, tx?: Tx): Promise<Invitation> {
    const inv = tx ? await this.invitations.findByTokenHashForUpdate(tx, sha256(token)) : await this.invitations.findByTokenHash(sha256(token));
    if (!inv) throw notFound('Invitation');
    if (tx) inv.organization = await this.organizations.find(inv.organizationId, tx);
    const status = statusOf(inv);
    if (status !== 'pending') throw new ApiError(HttpStatus.GONE, `This invitation is ${status}`);
    return inv;
  }

  async accept(token: string, dto: AcceptInvitationDto): Promise<Session> {
    const userId = await this.unitOfWork.run(async (tx) => {
      const inv = await this.usable(token, tx);
      const weak = weakPasswordProblem('password', dto.password, { email: inv.email, displayName: dto.displayName });
      if (weak) throw badRequest('password', weak);
      const user = await this.users.create(
        tx,
        inv.invitedById,
        { email: inv.email, password: dto.password, displayName: dto.displayName, organizationId: inv.organizationId, role: inv.role },
        'user.joined',
      );
      await this.invitations.markAccepted(tx, inv.id, user.id);
      await this.activity.recordBy(tx, user, 'invitation.accepted', inv.id, { userId: user.id });
      return user.id;
    });
    return this.auth.sessionFor(userId);
  }

  /** Mails a pending invitation again, with a new link (the old one stops working) and a new expiry. */
  async resend(actor: AuthUser, id: string): Promise<CreatedInvitation> {
    const token = randomToken();
    await this.unitOfWork.run(async (tx) => {
      const inv = orNotFound(await this.invitations.findPending(id, tx), 'Pending invitation');
      if (inv.role === 'admin' && actor.role !== 'admin') throw forbidden('Only an admin can resend an admin invitation');
      const expiresAt = new Date(Date.now() + this.config.invitationTtlSeconds * 1000);
      await this.invitations.renew(tx, id, sha256(token), expiresAt);
      await this.activity.recordBy(tx, actor, 'invitation.resent', id, { email: inv.email });
      await this.mailInvitation(tx, actor, { ...inv, expiresAt }, token);
    });
    const inv = orNotFound(await this.invitations.findWithOrganization(id), 'Invitation');
    const inviters = await this.users.displayNames([inv.invitedById]);
    return { ...toInvitationView(inv, (inv.invitedById && inviters.get(inv.invitedById)) ?? null), token, acceptPath: `/invitations/${token}` };
  }

  async revoke(actor: AuthUser, id: string): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const inv = orNotFound(await this.invitations.findPending(id, tx), 'Pending invitation');
      // Facilitators see every invitation in the list, admin ones too, but only an admin may undo an admin's.
      if (inv.role === 'admin' && actor.role !== 'admin') throw forbidden('Only an admin can revoke an admin invitation');
      await this.invitations.markRevoked(tx, id);
      await this.activity.recordBy(tx, actor, 'invitation.revoked', id);
    });
  }
}
