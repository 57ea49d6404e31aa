import { Body, Get, Param, Query } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { CurrentUser, ApiController, PostAction } from '../common/decorators';
import { IdParam, MessageIdParam } from '../common/params';
import { ChannelsService } from './channels.service';
import { MarkReadDto, NotificationQuery } from './dto/notification.dto';
import { ChannelQuery, MessageHistoryQuery } from './dto/realtime.dto';
import { MessagesService } from './messages.service';
import { NotificationsService } from './notifications.service';
import { ChannelPage, ChannelView, MessageHistoryView, MessageList, MessageRevisionList, MyChannelList, NotificationPage, UnreadCountView } from './dto/views';

@ApiController('discussion', 'channels')
export class ChannelsController {
  constructor(
    private readonly channels: ChannelsService,
    private readonly messages: MessagesService,
  ) {}

  @Get()
  @ApiErrors(409)
  list(@CurrentUser() user: AuthUser, @Query() query: ChannelQuery): Promise<ChannelPage> {
    return this.channels.list(user, query);
  }

  /** My channels for the sidebar: the lobby and my roundtables', working groups' and organization's commitments' discussions, with unread counts. */
  @Get('mine')
  mine(@CurrentUser() user: AuthUser): Promise<MyChannelList> {
    return this.channels.mine(user).then((items) => ({ items }));
  }

  @Get(':id')
  @ApiErrors(403)
  get(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<ChannelView> {
    return this.channels.view(user, id);
  }

  @Get(':id/messages')
  @ApiErrors(403)
  history(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Query() query: MessageHistoryQuery): Promise<MessageHistoryView> {
    return this.messages.history(user, id, query);
  }

  /** The channel's pinned messages, most recently pinned first. */
  @Get(':id/pins')
  @ApiErrors(403)
  pins(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<MessageList> {
    return this.messages.pins(user, id);
  }

  /** The earlier texts of an edited message, newest first (a removed message's only to moderators). */
  @Get(':id/messages/:messageId/revisions')
  @ApiErrors(403)
  revisions(@CurrentUser() user: AuthUser, @Param() { id, messageId }: MessageIdParam): Promise<MessageRevisionList> {
    return this.messages.revisions(user, id, messageId);
  }
}

@ApiController('activity', 'notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: NotificationQuery): Promise<NotificationPage> {
    return this.notifications.list(user, query);
  }

  @PostAction('read')
  markRead(@CurrentUser() user: AuthUser, @Body() dto: MarkReadDto): Promise<UnreadCountView> {
    return this.notifications.markRead(user, dto);
  }
}
