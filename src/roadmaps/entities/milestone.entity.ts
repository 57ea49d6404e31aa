import { Entity, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { UuidColumn, NullableTimestampColumn, NullableDateColumn, IntegerColumn, LocalizedTextColumn } from '../../common/columns';
import { Recorded } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { ActionItem } from './action-item.entity';

@Entity('milestones')
export class Milestone extends Recorded {
  @UuidColumn()
  actionItemId: string;

  @ManyToOne(() => ActionItem, (a) => a.milestones, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_item_id' })
  // Relation<> keeps the class out of the decorator metadata: action-item.entity imports this file back, and under
  // SWC (jest) reading ActionItem here before it is defined throws.
  actionItem: Relation<ActionItem>;

  @LocalizedTextColumn()
  title: LocalizedText;

  @NullableDateColumn()
  dueDate: string | null;

  @NullableTimestampColumn()
  completedAt: Date | null;

  @IntegerColumn({ default: 0 })
  position: number;
}
