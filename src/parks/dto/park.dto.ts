import { IsIn, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsLocalizedText, type LocalizedText } from '../../common/localized-text';
import { PageQuery } from '../../common/pagination';
import { ListOf } from '../../common/page-of';
import type { OrganizationView } from '../../organizations/dto/organization.dto';
import { PARK_LEVELS, type ParkLevel } from '../entities/park.entity';
import { Omittable } from '../../common/validation';

/** A park code: upper-case letters, digits, `_ . -`, at most 40 characters. */
export const PARK_CODE = /^[A-Z0-9][A-Z0-9_.-]{0,39}$/;
const PARK_CODE_MESSAGE = 'code must be 1 to 40 upper-case letters, digits, _ . or - (starting with a letter or digit)';

export class CreateParkDto {
  @IsLocalizedText({ maxLength: 200 })
  name: LocalizedText;

  /** What other systems call the park (SDMX REF_AREA, DHIS2 orgUnit); made up when not given. */
  @Omittable()
  @IsString()
  @Matches(PARK_CODE, { message: PARK_CODE_MESSAGE })
  code?: string;

  @IsString()
  @MinLength(1, { message: 'city is required' })
  @MaxLength(80)
  city: string;

  @IsString()
  @MinLength(1, { message: 'province is required' })
  @MaxLength(80)
  province: string;

  @IsIn(PARK_LEVELS, { message: `level must be one of ${PARK_LEVELS.join(', ')}` })
  level: ParkLevel;

  @Omittable()
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId?: string;
}

export class UpdateParkDto {
  @Omittable()
  @IsLocalizedText({ maxLength: 200 })
  name?: LocalizedText;

  @Omittable()
  @IsString()
  @Matches(PARK_CODE, { message: PARK_CODE_MESSAGE })
  code?: string;

  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  city?: string;

  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  province?: string;

  @Omittable()
  @IsIn(PARK_LEVELS, { message: `level must be one of ${PARK_LEVELS.join(', ')}` })
  level?: ParkLevel;

  /** null detaches the park from its organization. */
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId?: string | null;
}

export class ParkQuery extends PageQuery {
  @Omittable()
  @IsString()
  @MaxLength(80)
  province?: string;

  @Omittable()
  @IsString()
  @MaxLength(80)
  city?: string;

  @Omittable()
  @IsIn(PARK_LEVELS, { message: `level must be one of ${PARK_LEVELS.join(', ')}` })
  level?: ParkLevel;

  @Omittable()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ParkView {
  id: string;
  name: LocalizedText;
  /** What other systems call the park (SDMX REF_AREA, DHIS2 orgUnit). */
  code: string;
  city: string;
  province: string;
  level: ParkLevel;
  organization: OrganizationView | null;
}

export class ParkList extends ListOf(ParkView) {}

/** A province that has parks, with the cities they are in. */
export class ProvinceView {
  province: string;
  cities: string[];
}

export class ProvinceList extends ListOf(ProvinceView) {}
