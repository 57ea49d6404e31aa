import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Membership } from '../../users/entities/membership';
import { ROUNDTABLE_ROLES, type RoundtableRole } from '../../shared/enums';

export { ROUNDTABLE_ROLES, type RoundtableRole };

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
