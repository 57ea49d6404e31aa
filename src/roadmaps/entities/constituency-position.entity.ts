import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { Recorded } from '../../common/entity-bases';
import { Organization } from '../../organizations/entities/organization.entity';
import type { Stance } from '../../shared/enums';

/** Where one organization stands on one commitment. The current one has no supersededAt. */
@Entity('constituency_positions')
export class ConstituencyPosition extends Recorded {
  @Column({ type: 'uuid' })
  actionItemId: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization: Organization;

  @Column({ type: 'text' })
  stance: Stance;

  @Column({ type: 'text', default: '' })
  statement: string;

  @Column({ type: 'uuid', nullable: true })
  authorId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;
}
