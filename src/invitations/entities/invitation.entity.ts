import { Entity } from 'typeorm';
import { UuidColumn, NullableUuidColumn, TextColumn, TimestampColumn, NullableTimestampColumn, References } from '../../common/columns';
import { Recorded } from '../../common/entity-bases';
import { Organization } from '../../organizations/entities/organization.entity';
import type { Role } from '../../users/entities/user.entity';

@Entity('invitations')
export class Invitation extends Recorded {
  @TextColumn()
  email: string;

  @UuidColumn()
  organizationId: string;

  @References(() => Organization, 'organization_id', { onDelete: 'CASCADE' })
  organization: Organization;

  @TextColumn()
  role: Role;

  /** sha256 of the token sent to the invitee. */
  @TextColumn()
  tokenHash: string;

  @NullableUuidColumn()
  invitedById: string | null;

  @TimestampColumn()
  expiresAt: Date;

  @NullableTimestampColumn()
  acceptedAt: Date | null;

  @NullableUuidColumn()
  acceptedUserId: string | null;

  @NullableTimestampColumn()
  revokedAt: Date | null;
}
