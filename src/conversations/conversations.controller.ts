import { Body, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { ApiController, CurrentUser } from '../common/decorators';
import { IdParam } from '../common/params';
import { ConversationsService } from './conversations.service';
import { ConversationList, ConversationView, StartConversationDto } from './dto/conversation.dto';

@ApiController('discussion', 'conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  /** Starts a direct conversation with these people (201), or answers the one the same people already have (200). */
  @Post()
  async start(@CurrentUser() user: AuthUser, @Body() dto: StartConversationDto, @Res({ passthrough: true }) response: FastifyReply): Promise<ConversationView> {
    const { view, created } = await this.conversations.start(user, dto);
    response.status(created ? 201 : 200);
    return view;
  }

  /** My direct conversations, newest first. */
  @Get()
  list(@CurrentUser() user: AuthUser): Promise<ConversationList> {
    return this.conversations.list(user);
  }

  /** One of my conversations; 404 for anyone not in it. */
  @Get(':id')
  @ApiErrors(404)
  get(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<ConversationView> {
    return this.conversations.get(user, id);
  }
}
