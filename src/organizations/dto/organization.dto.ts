import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsLocalizedText, type LocalizedText } from '../../common/localized-text';
import { PageQuery } from '../../common/pagination';
import { ListOf } from '../../common/page-of';
import { CONSTITUENCIES, type Constituency } from '../entities/organization.entity';

export class CreateOrganizationDto {
  @IsLocalizedText({ maxLength: 200 })
  name: LocalizedText;

  @IsIn(CONSTITUENCIES, { message: `constituency must be one of ${CONSTITUENCIES.join(', ')}` })
  constituency: Constituency;

  @IsOptional()
  @IsString()
  @MaxLength(120)
  region?: string;
}

export class UpdateOrganizationDto {
  @IsOptional()
  @IsLocalizedText({ maxLength: 200 })
  name?: LocalizedText;

  @IsOptional()
  @IsIn(CONSTITUENCIES, { message: `constituency must be one of ${CONSTITUENCIES.join(', ')}` })
  constituency?: Constituency;

  @IsOptional()
  @IsString()
  @MaxLength(120)
  region?: string;
}

export class OrganizationQuery extends PageQuery {
  @IsOptional()
  @IsIn(CONSTITUENCIES, { message: `constituency must be one of ${CONSTITUENCIES.join(', ')}` })
  constituency?: Constituency;

  @IsOptional()
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
