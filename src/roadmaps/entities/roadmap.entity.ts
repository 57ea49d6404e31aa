import { Entity } from 'typeorm';
import { BooleanColumn, UuidColumn, IntegerColumn, LocalizedTextColumn, OptionalLocalizedTextColumn, References } from '../../common/columns';
import { Authored } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { Organization } from '../../organizations/entities/organization.entity';

/** A plan over a period (e.g. 2020–2025), made of action items. */
@Entity('roadmaps')
export class Roadmap extends Authored {
  @LocalizedTextColumn()
  title: LocalizedText;

  @OptionalLocalizedTextColumn()
  description: LocalizedText;

  @IntegerColumn()
  periodStart: number;

  @IntegerColumn()
  periodEnd: number;

  @UuidColumn()
  ownerOrganizationId: string;

  @References(() => Organization, 'owner_organization_id')
  ownerOrganization: Organization;

  /** Published on the public portal (read without signing in); facilitators and admins switch it. */
  @BooleanColumn(false)
  isPublic: boolean;
}
