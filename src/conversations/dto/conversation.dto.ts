import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { ListOf } from '../../common/page-of';
import { UserRef } from '../../realtime/dto/views';

/** The most people a direct conversation holds besides the one who starts it. */
export const MAX_CONVERSATION_OTHERS = 8;

export class StartConversationDto {
  /** The other people (you are added yourself); the same set of people always gives the same conversation. */
  @IsArray({ message: 'userIds must be a list of user ids' })
  @ArrayMinSize(1, { message: 'userIds must name at least one other person' })
  @ArrayMaxSize(MAX_CONVERSATION_OTHERS, { message: `userIds may name at most ${MAX_CONVERSATION_OTHERS} people` })
  @ArrayUnique({ message: 'userIds must not repeat a person' })
  @IsUUID('all', { each: true, message: 'userIds must be user ids' })
  userIds: string[];
}

export class ConversationView {
  id: string;
  /** The conversation's discussion channel (kind `direct`, refId the conversation). */
  channelId: string;
  /** Everyone in it, you included, by name. */
  members: UserRef[];
  createdAt: string;
}

export class ConversationList extends ListOf(ConversationView) {}
