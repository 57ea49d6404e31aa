import { Column, Entity, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Recorded } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { ActionItem } from './action-item.entity';

@Entity('milestones')
export class Milestone extends Recorded {
  @Column({ type: 'uuid' })
  actionItemId: string;

  @ManyToOne(() => ActionItem, (a) => a.milestones, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_item_id' })
  // Relation<> keeps the class out of the decorator metadata: action-item.entity imports this file back, and under
  // SWC (jest) reading ActionItem here before it is defined throws.
  actionItem: Relation<ActionItem>;

  @Column({ type: 'jsonb' })
  title: LocalizedText;

  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  position: number;
}
