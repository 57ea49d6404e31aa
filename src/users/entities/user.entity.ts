import { Column, Entity } from 'typeorm';
import { UuidColumn, TextColumn, NullableTextColumn, NullableTimestampColumn, BooleanColumn, References } from '../../common/columns';
import { Timestamped } from '../../common/entity-bases';
import { Organization } from '../../organizations/entities/organization.entity';
import { LOCALES, ROLES, SEXES, type Locale, type Role, type Sex } from '../../shared/enums';

export { LOCALES, ROLES, SEXES, type Locale, type Role, type Sex };

@Entity('users')
export class User extends Timestamped {
  /** Stored lower-case; unique. */
  @TextColumn({ unique: true })
  email: string;

  @TextColumn({ select: false })
  passwordHash: string;

  @TextColumn()
  displayName: string;

  /** The Chinese form of the person's name, shown in the Chinese interface; null: none given. */
  @NullableTextColumn()
  nameZh: string | null;

  /** May translate texts of the platform (the translation queue), granted by admins. */
  @BooleanColumn(false)
  translator: boolean;

  @UuidColumn()
  organizationId: string;

  @References(() => Organization, 'organization_id', { onDelete: 'RESTRICT' })
  organization: Organization;

  @TextColumn()
  role: Role;

  @TextColumn({ default: 'en' })
  locale: Locale;

  @BooleanColumn(true)
  active: boolean;

  @NullableTimestampColumn()
  lastLoginAt: Date | null;

  /** Self-declared, optional (null: never answered), for the gender balance of delegations. */
  @NullableTextColumn()
  sex: Sex | null;
  /** The IANA time zone mail is written in (the digest's hour, dates in mails). */
  @TextColumn({ default: 'UTC' })
  timeZone: string;

  /** The hour (0–23, in timeZone) the daily digest is mailed at; null: no digest. */
  @Column({ type: 'smallint', nullable: true, default: 8 })
  digestHour: number | null;
}
