import { Entity } from 'typeorm';
import { NullableUuidColumn, TextColumn, LocalizedTextColumn, NullableReference } from '../../common/columns';
import { Timestamped } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { Organization } from '../../organizations/entities/organization.entity';
import { PARK_LEVELS, type ParkLevel } from '../../shared/enums';

export { PARK_LEVELS, type ParkLevel };

/** An eco-industrial park: the smallest scope indicators are reported for. */
@Entity('parks')
export class Park extends Timestamped {
  @LocalizedTextColumn()
  name: LocalizedText;

  /** What other systems call the park (SDMX REF_AREA, DHIS2 orgUnit): upper-case letters, digits, `_ . -`; unique. */
  @TextColumn()
  code: string;

  @TextColumn()
  city: string;

  @TextColumn()
  province: string;

  @TextColumn()
  level: ParkLevel;

  /** The park's administration, whose members report its data. */
  @NullableUuidColumn()
  organizationId: string | null;

  @NullableReference(() => Organization, 'organization_id')
  organization: Organization | null;
}
