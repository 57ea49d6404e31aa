import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { Timestamped } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { Organization } from '../../organizations/entities/organization.entity';
import { PARK_LEVELS, type ParkLevel } from '../../shared/enums';

export { PARK_LEVELS, type ParkLevel };

/** An eco-industrial park: the smallest scope indicators are reported for. */
@Entity('parks')
export class Park extends Timestamped {
  @Column({ type: 'jsonb' })
  name: LocalizedText;

  @Column({ type: 'text' })
  city: string;

  @Column({ type: 'text' })
  province: string;

  @Column({ type: 'text' })
  level: ParkLevel;

  /** The park's administration, whose members report its data. */
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'organization_id' })
  organization: Organization | null;
}
