import { IsIn, IsString, MaxLength } from 'class-validator';
import { IsLocalizedText, type LocalizedText } from '../../common/localized-text';
import { PageQuery } from '../../common/pagination';
import { ListOf } from '../../common/page-of';
import { CONSTITUENCIES, type Constituency } from '../entities/organization.entity';
import { Omittable } from '../../common/validation';

export class CreateOrganizationDto {
  @IsLocalizedText({ maxLength: 200 })
  name: LocalizedText;

  @IsIn(CONSTITUENCIES, { message: `constituency must be one of ${CONSTITUENCIES.join(', ')}` })
  constituency: Constituency;

  @Omittable()
  @IsString()
  @MaxLength(120)
  region?: string;
}

export class UpdateOrganizationDto {
  @Omittable()
  @IsLocalizedText({ maxLength: 200 })
  name?: LocalizedText;

  @Omittable()
  @IsIn(CONSTITUENCIES, { message: `constituency must be one of ${CONSTITUENCIES.join(', ')}` })
  constituency?: Constituency;

  @Omittable()
  @IsString()
  @MaxLength(120)
  region?: string;
}

export class OrganizationQuery extends PageQuery {
  @Omittable()
  @IsIn(CONSTITUENCIES, { message: `constituency must be one of ${CONSTITUENCIES.join(', ')}` })
  constituency?: Constituency;

  @Omittable()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class OrganizationView {
  id: string;
  name: LocalizedText;
  constituency: Constituency;
  region: string | null;
}

export class OrganizationList extends ListOf(OrganizationView) {}
