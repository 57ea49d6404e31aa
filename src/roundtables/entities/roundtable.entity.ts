import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { Authored } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { User } from '../../users/entities/user.entity';

export const ROUNDTABLE_STATUSES = ['planned', 'open', 'concluded'] as const;
export type RoundtableStatus = (typeof ROUNDTABLE_STATUSES)[number];
export const ROUNDTABLE_VISIBILITIES = ['platform', 'participants'] as const;
/** platform: every signed-in user reads it; participants: only those taking part, plus admins. */
export type RoundtableVisibility = (typeof ROUNDTABLE_VISIBILITIES)[number];

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
