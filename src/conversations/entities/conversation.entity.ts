import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { NullableUuidColumn, TextColumn } from '../../common/columns';
import { UuidKeyed } from '../../common/entity-bases';

/** A direct conversation between two or a few people: its channel (kind `direct`) is read and written by them alone. */
@Entity('conversations')
export class Conversation extends UuidKeyed {
  /** The members' ids, sorted and joined: one conversation per set of people. */
  @TextColumn()
  memberKey: string;

  @NullableUuidColumn()
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** One person in a direct conversation. */
@Entity('conversation_members')
export class ConversationMember {
  @PrimaryColumn({ type: 'uuid' })
  conversationId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;
}
