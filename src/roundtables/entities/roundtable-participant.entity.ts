import { Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { TextColumn, NullableBooleanColumn } from '../../common/columns';
import { Membership } from '../../users/entities/membership';
import { ROUNDTABLE_ROLES, type RoundtableRole } from '../../shared/enums';

export { ROUNDTABLE_ROLES, type RoundtableRole };

@Entity('roundtable_participants')
export class RoundtableParticipant extends Membership {
  @PrimaryColumn({ type: 'uuid' })
  roundtableId: string;

  @TextColumn()
  role: RoundtableRole;

  /** null until attendance is recorded for this person. */
  @NullableBooleanColumn()
  attended: boolean | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
