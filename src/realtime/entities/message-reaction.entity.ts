import { Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../common/columns';

/** One person's reaction (one emoji) to one message; a person may react with several emoji, each once. */
@Entity('message_reactions')
export class MessageReaction {
  @PrimaryColumn({ type: 'uuid' })
  messageId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'text' })
  emoji: string;

  @TimestampColumn({ default: () => 'now()' })
  createdAt: Date;
}
