import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityRelay } from './activity-relay';
import { ChannelAccessRegistry } from './channel-access.registry';
import { WatchRegistry } from './watch.registry';
import { ChannelsController, NotificationsController } from './channels.controller';
import { ChannelsService } from './channels.service';
import { Channel } from './entities/channel.entity';
import { MessageRevision } from './entities/message-revision.entity';
import { Message } from './entities/message.entity';
import { Notification } from './entities/notification.entity';
import { ChannelRead } from './entities/channel-read.entity';
import { MessageReaction } from './entities/message-reaction.entity';
import { ReactionsRepository } from './reactions.repository';
import { MessagesService } from './messages.service';
import { NotificationsService } from './notifications.service';
import { RealtimeEmitter } from './realtime.emitter';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimeSettings, SendRateLimit } from './realtime.settings';
import { ChannelRooms } from './channel-rooms';
import { ChannelsRepository } from './channels.repository';
import { MessagesRepository } from './messages.repository';
import { NotificationsRepository } from './notifications.repository';
import { ReadPositionsRepository } from './read-positions.repository';
import { RealtimeConnections } from './connections';
import { ChannelPresence } from './presence';
import { MessageSearchRepository } from './message-search.repository';
import { MessageSearchService } from './message-search.service';
import { MessageAttachments } from './message-attachments';

/**
 * Discussion channels, messages, notifications and the socket gateway. Global, so that roundtables, working
 * groups and action items can register access resolvers, create channels, evict and push events.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Channel, Message, MessageRevision, Notification, ChannelRead, MessageReaction])],
  controllers: [ChannelsController, NotificationsController],
  providers: [
    ChannelsRepository,
    MessagesRepository,
    NotificationsRepository,
    ReadPositionsRepository,
    ReactionsRepository,
    ActivityRelay,
    ChannelAccessRegistry,
    ChannelsService,
    MessagesService,
    NotificationsService,
    RealtimeEmitter,
    RealtimeSettings,
    SendRateLimit,
    RealtimeConnections,
    ChannelPresence,
    ChannelRooms,
    RealtimeGateway,
    WatchRegistry,
    MessageSearchRepository,
    MessageSearchService,
    MessageAttachments,
  ],
  // RealtimeConnections and SendRateLimit: for RealtimeGuard on other modules' gateways (e.g. votes' vote:cast);
  // MessagesService and SendRateLimit also for replies by mail (src/mail/inbound.service.ts), posted as message:send.
  exports: [
    ChannelAccessRegistry,
    ChannelsService,
    MessagesService,
    RealtimeEmitter,
    NotificationsService,
    WatchRegistry,
    RealtimeConnections,
    SendRateLimit,
    ReadPositionsRepository,
    MessageAttachments,
  ],
})
export class RealtimeModule {}
