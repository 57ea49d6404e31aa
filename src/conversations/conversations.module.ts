import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelAccessRegistry } from '../realtime/channel-access.registry';
import { ConversationsController } from './conversations.controller';
import { ConversationsRepository } from './conversations.repository';
import { ConversationsService } from './conversations.service';
import { Conversation, ConversationMember } from './entities/conversation.entity';

/** Direct conversations between two or a few people. */
@Module({
  imports: [TypeOrmModule.forFeature([Conversation, ConversationMember])],
  controllers: [ConversationsController],
  providers: [ConversationsRepository, ConversationsService],
})
export class ConversationsModule implements OnModuleInit {
  constructor(
    private readonly registry: ChannelAccessRegistry,
    private readonly conversations: ConversationsService,
  ) {}

  /** Members only read and write a direct channel; search and unread counts cover a person's own conversations. */
  onModuleInit(): void {
    if (!this.registry.has('direct')) this.registry.register('direct', (user, refId) => this.conversations.access(user, refId));
    this.registry.registerScope('direct', (user) => this.conversations.readableScope(user));
    this.registry.registerMine('direct', (user) => this.conversations.mine(user));
  }
}
