import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { CleanDisplayName, HasVisibleText } from '../../common/text-safety';
import { ListOf } from '../../common/page-of';
import type { OrganizationView } from '../../organizations/dto/organization.dto';
import { LOCALES, ROLES, SEXES, type Locale, type Role, type Sex } from '../entities/user.entity';
import { Omittable } from '../../common/validation';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class UpdateUserDto {
  @Omittable()
  @CleanDisplayName()
  @IsString()
  @HasVisibleText()
  @MaxLength(120)
  displayName?: string;

  @Omittable()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @Omittable()
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId?: string;

  @Omittable()
  @IsBoolean()
  active?: boolean;

  @Omittable()
  @IsIn(LOCALES)
  locale?: Locale;

  /** female, male or not_stated; null clears it. */
  @IsSex()
  sex?: Sex | null;

  /** May translate (the translation queue, translations of statements and messages). */
  @Omittable()
  @IsBoolean({ message: 'translator must be true or false' })
  translator?: boolean;

  /** The Chinese form of the name; null or "" clears it. */
  @IsNameZh()
  nameZh?: string | null;
}

/** An optional Chinese form of a name: a string of at most 120 characters, or null. */
export function IsNameZh(): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    ValidateIf((_o: object, value: unknown) => value !== undefined && value !== null)(target, property);
    IsString({ message: 'nameZh must be a string or null' })(target, property);
    MaxLength(120, { message: 'nameZh must be at most 120 characters' })(target, property);
  };
}

/** An optional sex: one of SEXES, or null to clear it. */
export function IsSex(): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    ValidateIf((_o: object, value: unknown) => value !== undefined && value !== null)(target, property);
    IsIn(SEXES, { message: `sex must be one of ${SEXES.join(', ')}, or null` })(target, property);
  };
}

export class UserQuery extends PageQuery {
  @Omittable()
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId?: string;

  @Omittable()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @Omittable()
  @Transform(toBool)
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @Omittable()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class UserView {
  id: string;
  displayName: string;
  /** Shown to the user themself, admins and facilitators. */
  email?: string;
  role: Role;
  locale: Locale;
  active: boolean;
  organization: OrganizationView;
  /** Self-declared (null: not answered). Shown to the user themself and admins. */
  @ApiProperty({ enum: SEXES, nullable: true, required: false })
  sex?: Sex | null;
  /** The Chinese form of the name, if given. */
  nameZh: string | null;
  /** May translate texts (granted by admins; facilitators and admins may anyway). */
  translator: boolean;
}

export class UserList extends ListOf(UserView) {}
