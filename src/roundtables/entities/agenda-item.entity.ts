import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LocalizedText } from '../../common/localized-text';
import { User } from '../../users/entities/user.entity';

/** One point of a roundtable's agenda; positions are dense (0..n-1) within the roundtable. */
@Entity('roundtable_agenda_items')
export class AgendaItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  roundtableId: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'jsonb' })
  title: LocalizedText;

  @Column({ type: 'uuid', nullable: true })
  presenterId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'presenter_id' })
  presenter: User | null;

  /** A presenter who has no account on the platform. */
  @Column({ type: 'text', nullable: true })
  presenterName: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startsAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
