import { Entity } from 'typeorm';
import { UuidColumn, NullableUuidColumn, TextColumn, NullableTimestampColumn, References } from '../../common/columns';
import { Recorded } from '../../common/entity-bases';
import { Organization } from '../../organizations/entities/organization.entity';
import type { Stance } from '../../shared/enums';

/** Where one organization stands on one commitment. The current one has no supersededAt. */
@Entity('constituency_positions')
export class ConstituencyPosition extends Recorded {
  @UuidColumn()
  actionItemId: string;

  @UuidColumn()
  organizationId: string;

  @References(() => Organization, 'organization_id')
  organization: Organization;

  @TextColumn()
  stance: Stance;

  @TextColumn({ default: '' })
  statement: string;

  @NullableUuidColumn()
  authorId: string | null;

  @NullableTimestampColumn()
  supersededAt: Date | null;
}
