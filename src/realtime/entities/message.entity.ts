import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { Recorded } from '../../common/entity-bases';
import { User } from '../../users/entities/user.entity';
import { Channel } from './channel.entity';

/** One contribution to a discussion. Part of the record: edits keep revisions, moderation hides but never deletes. */
@Entity('messages')
export class Message extends Recorded {
  @Column({ type: 'uuid' })
  channelId: string;

  @ManyToOne(() => Channel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'channel_id' })
  channel: Channel;

  /** Position in the channel, 1, 2, 3… without gaps. */
  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'uuid' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author: User;

  /** Chosen by the sending client; unique per author, so a resend never makes a second message. */
  @Column({ type: 'text' })
  clientMessageId: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  /** Users mentioned with @name who could read the channel when it was written. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  mentions: string[];

  @Column({ type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  removedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  removedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'removed_by_id' })
  removedBy: User | null;

  @Column({ type: 'text', nullable: true })
  removalReason: string | null;
}
