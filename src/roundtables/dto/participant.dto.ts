import { IsBoolean, IsIn, IsUUID, ValidateIf } from 'class-validator';
import type { OrganizationView } from '../../organizations/dto/organization.dto';
import { ListOf } from '../../common/page-of';
import type { Constituency } from '../../organizations/entities/organization.entity';
import { ROUNDTABLE_ROLES, type RoundtableRole } from '../entities/roundtable-participant.entity';
import { NotWith } from './validators';
import { Omittable } from '../../common/validation';

const ROLE_MESSAGE = `role must be one of ${ROUNDTABLE_ROLES.join(', ')}`;

/** One person ({ userId }) or every active user of an organization at once ({ organizationId }). */
export class AddParticipantsDto {
  @ValidateIf((o: AddParticipantsDto) => o.userId !== undefined || o.organizationId === undefined)
  @IsUUID('all', { message: 'userId must be a UUID (or give organizationId to add a whole organization)' })
  userId?: string;

  @Omittable()
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  @NotWith('userId')
  organizationId?: string;

  /** Defaults to participant. */
  @Omittable()
  @IsIn(ROUNDTABLE_ROLES, { message: ROLE_MESSAGE })
  role?: RoundtableRole;
}

export class UpdateParticipantDto {
  @Omittable()
  @IsIn(ROUNDTABLE_ROLES, { message: ROLE_MESSAGE })
  role?: RoundtableRole;

  /** true: was there; false: was not; null: not recorded. */
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsBoolean({ message: 'attended must be true, false or null' })
  attended?: boolean | null;
}

export class ParticipantParam {
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @IsUUID('all', { message: 'userId must be a UUID' })
  userId: string;
}

export class ParticipantView {
  userId: string;
  displayName: string;
  role: RoundtableRole;
  attended: boolean | null;
  organization: OrganizationView;
  constituency: Constituency;
  addedAt: string;
}

export class AddedParticipants {
  added: ParticipantView[];
  /** Members of the organization who already took part, left as they were. */
  skippedUserIds: string[];
}

export class ParticipantList extends ListOf(ParticipantView) {}
