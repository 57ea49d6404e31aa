import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { Timestamped } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { User } from '../../users/entities/user.entity';

/** One point of a roundtable's agenda; positions are dense (0..n-1) within the roundtable. */
@Entity('roundtable_agenda_items')
export class AgendaItem extends Timestamped {
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
}
