import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { NumberedRecord } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { User } from '../../users/entities/user.entity';

/** Every version of an agenda item's minutes; the highest revision is the current text. */
@Entity('agenda_minutes_revisions')
export class MinutesRevision extends NumberedRecord {
  @Column({ type: 'uuid' })
  agendaItemId: string;

  @Column({ type: 'integer' })
  revision: number;

  @Column({ type: 'jsonb' })
  text: LocalizedText;

  @Column({ type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'author_id' })
  author: User | null;
}
