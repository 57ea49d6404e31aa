import { Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { NullableUuidColumn, TextColumn } from '../../common/columns';
import type { QueueOrder } from '../speaking-order';

/** The order a roundtable's speaker queue follows, as its facilitator last chose it (none kept: alternate). */
@Entity('speaker_queue_settings')
export class SpeakerQueueSetting {
  @PrimaryColumn({ type: 'uuid' })
  roundtableId: string;

  @TextColumn()
  queueOrder: QueueOrder;

  @NullableUuidColumn()
  updatedById: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
