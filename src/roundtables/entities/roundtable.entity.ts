import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { Authored } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { User } from '../../users/entities/user.entity';
import { ROUNDTABLE_STATUSES, ROUNDTABLE_VISIBILITIES, type RoundtableStatus, type RoundtableVisibility } from '../../shared/enums';

export { ROUNDTABLE_STATUSES, ROUNDTABLE_VISIBILITIES, type RoundtableStatus, type RoundtableVisibility };

/** A dialogue meeting between the constituents. */
@Entity('roundtables')
export class Roundtable extends Authored {
  @Column({ type: 'jsonb' })
  title: LocalizedText;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  description: LocalizedText;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'text', nullable: true })
  locationCity: string | null;

  @Column({ type: 'text', nullable: true })
  locationVenue: string | null;

  @Column({ type: 'boolean', default: false })
  locationOnline: boolean;

  @Column({ type: 'text', nullable: true })
  locationUrl: string | null;

  @Column({ type: 'text', default: 'planned' })
  status: RoundtableStatus;

  @Column({ type: 'text' })
  visibility: RoundtableVisibility;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by_id' })
  createdBy: User | null;
}
