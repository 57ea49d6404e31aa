import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { CleanDisplayName, HasVisibleText } from '../../common/text-safety';
import { ListOf } from '../../common/page-of';
import type { OrganizationView } from '../../organizations/dto/organization.dto';
import { LOCALES, ROLES, type Locale, type Role } from '../entities/user.entity';
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
}

export class UserList extends ListOf(UserView) {}
