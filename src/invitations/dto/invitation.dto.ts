import { IsEmail, IsIn, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MIN } from '../../auth/dto/auth.dto';
import type { LocalizedText } from '../../common/localized-text';
import { CleanDisplayName, HasVisibleText } from '../../common/text-safety';
import { ListOf } from '../../common/page-of';
import type { Constituency } from '../../organizations/entities/organization.entity';
import { ROLES, type Role } from '../../users/entities/user.entity';

export class CreateInvitationDto {
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId: string;

  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;
}

export class AcceptInvitationDto {
  @CleanDisplayName()
  @IsString()
  @MinLength(1, { message: 'displayName is required' })
  @HasVisibleText()
  @MaxLength(120)
  displayName: string;

  @IsString()
  @MinLength(PASSWORD_MIN, { message: `password must be at least ${PASSWORD_MIN} characters` })
  @MaxLength(200)
  password: string;
}

export class TokenParam {
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'token is malformed' })
  token: string;
}

/** The organization an invitation is for. */
export class InvitationOrganization {
  id: string;
  name: LocalizedText;
  constituency: Constituency;
}

export class InvitationView {
  id: string;
  email: string;
  role: Role;
  organization: InvitationOrganization;
  status: 'pending' | 'accepted' | 'expired' | 'revoked';
  expiresAt: string;
  createdAt: string;
  invitedBy: string | null;
}

export class CreatedInvitation extends InvitationView {
  /** Shown once, to the inviter, to pass on to the invitee. */
  token: string;
  acceptPath: string;
}

export class InvitationList extends ListOf(InvitationView) {}
