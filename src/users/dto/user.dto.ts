import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { CleanDisplayName, HasVisibleText } from '../../common/text-safety';
import { ListOf } from '../../common/page-of';
import type { OrganizationView } from '../../organizations/dto/organization.dto';
import { LOCALES, ROLES, type Locale, type Role } from '../entities/user.entity';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class UpdateUserDto {
  @IsOptional()
  @CleanDisplayName()
  @IsString()
  @HasVisibleText()
  @MaxLength(120)
  displayName?: string;

  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId?: string;

  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class UserQuery extends PageQuery {
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId?: string;

  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @IsOptional()
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
