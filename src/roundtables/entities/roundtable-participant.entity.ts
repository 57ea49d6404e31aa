import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';
import { ROUNDTABLE_ROLES, type RoundtableRole } from '../../shared/enums';

export { ROUNDTABLE_ROLES, type RoundtableRole };

@Entity('roundtable_participants')
export class RoundtableParticipant {
  @PrimaryColumn({ type: 'uuid' })
  roundtableId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user: User;

  @Column({ type: 'text' })
  role: RoundtableRole;

  /** null until attendance is recorded for this person. */
  @Column({ type: 'boolean', nullable: true })
  attended: boolean | null;

  @Column({ type: 'uuid', nullable: true })
  addedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
