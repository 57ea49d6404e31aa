import { Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { BigintColumn } from '../../common/columns';

/** How far one person has read one channel: the seq of the last message they have seen, on any of their devices. */
@Entity('channel_reads')
export class ChannelRead {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'uuid' })
  channelId: string;

  @BigintColumn({ default: 0 })
  lastReadSeq: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
