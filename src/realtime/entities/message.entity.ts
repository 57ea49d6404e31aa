import { Entity } from 'typeorm';
import {
  UuidColumn,
  NullableUuidColumn,
  TextColumn,
  NullableTextColumn,
  NullableTimestampColumn,
  BigintColumn,
  ListColumn,
  References,
  NullableReference,
} from '../../common/columns';
import { Recorded } from '../../common/entity-bases';
import { User } from '../../users/entities/user.entity';
import { Channel } from './channel.entity';

/** One contribution to a discussion. Part of the record: edits keep revisions, moderation hides but never deletes. */
@Entity('messages')
export class Message extends Recorded {
  @UuidColumn()
  channelId: string;

  @References(() => Channel, 'channel_id', { onDelete: 'RESTRICT' })
  channel: Channel;

  /** Position in the channel, 1, 2, 3… without gaps. */
  @BigintColumn()
  seq: string;

  @UuidColumn()
  authorId: string;

  @References(() => User, 'author_id', { onDelete: 'RESTRICT' })
  author: User;

  /** Chosen by the sending client; unique per author, so a resend never makes a second message. */
  @TextColumn()
  clientMessageId: string;

  @TextColumn()
  body: string;

  /** The message this one answers (and quotes), in the same channel. */
  @NullableUuidColumn()
  parentId: string | null;

  @NullableReference(() => Message, 'parent_id')
  parent: Message | null;

  /** Users mentioned with @name who could read the channel when it was written. */
  @ListColumn('uuid')
  mentions: string[];

  @NullableTimestampColumn()
  editedAt: Date | null;

  @NullableTimestampColumn()
  removedAt: Date | null;

  @NullableUuidColumn()
  removedById: string | null;

  @NullableReference(() => User, 'removed_by_id')
  removedBy: User | null;

  @NullableTextColumn()
  removalReason: string | null;

  /** Pinned by a moderator of the channel: shown in its pinned list. */
  @NullableTimestampColumn()
  pinnedAt: Date | null;

  @NullableUuidColumn()
  pinnedById: string | null;

  @NullableReference(() => User, 'pinned_by_id')
  pinnedBy: User | null;
}
