import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { Recorded } from '../../common/entity-bases';
import { Organization } from '../../organizations/entities/organization.entity';
import type { Role } from '../../users/entities/user.entity';

@Entity('invitations')
export class Invitation extends Recorded {
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization: Organization;

  @Column({ type: 'text' })
  role: Role;

  /** sha256 of the token sent to the invitee. */
  @Column({ type: 'text' })
  tokenHash: string;

  @Column({ type: 'uuid', nullable: true })
  invitedById: string | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acceptedUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
