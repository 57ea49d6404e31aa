import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Membership } from '../../users/entities/membership';

export const ROUNDTABLE_ROLES = ['facilitator', 'participant', 'observer'] as const;
/** A person's role at one roundtable (not their platform role). */
export type RoundtableRole = (typeof ROUNDTABLE_ROLES)[number];

@Entity('roundtable_participants')
export class RoundtableParticipant extends Membership {
  @PrimaryColumn({ type: 'uuid' })
  roundtableId: string;

  @Column({ type: 'text' })
  role: RoundtableRole;

  /** null until attendance is recorded for this person. */
  @Column({ type: 'boolean', nullable: true })
  attended: boolean | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
