import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { Timestamped } from '../../common/entity-bases';
import { Organization } from '../../organizations/entities/organization.entity';
import { LOCALES, ROLES, type Locale, type Role } from '../../shared/enums';

export { LOCALES, ROLES, type Locale, type Role };

@Entity('users')
export class User extends Timestamped {
  /** Stored lower-case; unique. */
  @Column({ type: 'text', unique: true })
  email: string;

  @Column({ type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'text' })
  displayName: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization: Organization;

  @Column({ type: 'text' })
  role: Role;

  @Column({ type: 'text', default: 'en' })
  locale: Locale;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;
}
