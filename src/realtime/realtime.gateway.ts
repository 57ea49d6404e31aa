import { type OnModuleDestroy, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { ClientEventName } from '../shared/realtime-protocol';
import { ChannelRooms } from './channel-rooms';
import { ChannelsService } from './channels.service';
import { RealtimeConnections } from './connections';
import {
  type AuthRefreshAck,
  AuthRefreshPayload,
  type ChannelJoinAck,
  type ChannelReadAck,
  ChannelReadPayload,
  ChannelRefPayload,
  type ChannelSyncAck,
  ChannelSyncPayload,
  type MessageAck,
  MessageDeletePayload,
  MessageEditPayload,
  MessageSendPayload,
  MessageRefPayload,
  type OkAck,
  type ReactionAck,
  ReactionPayload,
  RoadmapRefPayload,
} from './dto/events.dto';
import { type MessageChange, MessagesService } from './messages.service';
import { ChannelPresence } from './presence';
import { RealtimeExceptionFilter } from './realtime-exception.filter';
import { RealtimeValidationPipe } from './realtime-validation.pipe';
import { RealtimeEmitter } from './realtime.emitter';
import { channelRoom } from './realtime.events';
import { RealtimeEvent, RealtimeGuard } from './realtime.guard';
import { SendRateLimit, RealtimeSettings } from './realtime.settings';
import { ACCESS_CHANGED, type RealtimeServer, type RealtimeSocket, WRITE_USAGE } from './realtime.types';

/** The events pushed to a channel's room when a message changes (the acting connection gets the ack instead). */
type MessagePush = 'message:new' | 'message:updated' | 'message:deleted' | 'message:pinned' | 'message:unpinned';

/** A handler's event name, checked against the protocol's map. */
const on = (event: ClientEventName) => SubscribeMessage(event);

/**
 * The realtime protocol of DESIGN §5 (docs/realtime.md, src/shared/realtime-protocol.ts): authenticated at the
 * handshake (RealtimeConnections); each event passes the guard (current user, token, rate), the validation pipe
 * and its service; any failure becomes the ack { ok: false, error: { code, message } } (RealtimeExceptionFilter).
 */
@WebSocketGateway({ path: '/socket.io' })
@UseGuards(RealtimeGuard)
@UsePipes(RealtimeValidationPipe)
@UseFilters(RealtimeExceptionFilter)
export class RealtimeGateway
  implements OnGatewayInit<RealtimeServer>, OnGatewayConnection<RealtimeSocket>, OnGatewayDisconnect<RealtimeSocket>, OnModuleDestroy
{
  constructor(
    private readonly connections: RealtimeConnections,
    private readonly presence: ChannelPresence,
    private readonly rooms: ChannelRooms,
    private readonly channels: ChannelsService,
    private readonly messages: MessagesService,
    private readonly emitter: RealtimeEmitter,
    private readonly writes: SendRateLimit,
    private readonly settings: RealtimeSettings,
  ) {}

  private shareTimer?: NodeJS.Timeout;

  afterInit(server: RealtimeServer): void {
    this.emitter.attach(server);
    // Another app process saw rights change: forget the post checks reused here too.
    server.on(ACCESS_CHANGED, (change) => this.channels.forgetPostChecks(change));
    // The write limit is per person on all processes together: each tells the others, in one batch now and then, what
    // it let through, and takes what they let through out of its own buckets (SendRateLimit).
    server.on(WRITE_USAGE, (usage) => this.writes.debit(usage));
    this.shareTimer = setInterval(() => {
      const usage = this.writes.drain();
      if (usage) this.emitter.toOtherProcesses(WRITE_USAGE, usage);
    }, this.settings.writeShareMs);
    this.shareTimer.unref();
    this.presence.attach(server);
    this.connections.attach(server);
  }

  onModuleDestroy(): void {
    clearInterval(this.shareTimer);
  }

  handleConnection(socket: RealtimeSocket): void {
    if (this.connections.connected(socket)) this.presence.watchDisconnect(socket);
  }

  handleDisconnect(socket: RealtimeSocket): void {
    this.connections.disconnected(socket);
  }

  /**
   * Acks the change, then tells the room: the push runs once the ack has gone out (acks are sent from the promise
   * chain, so before the next turn of the event loop; an ack held with the author's other frames is written first,
   * RealtimeEmitter.sendAfterAck), so the author hears "committed" before the room hears it.
   */
  private pushAfterAck(socket: RealtimeSocket, event: MessagePush, { message, changed }: MessageChange): MessageAck {
    if (changed) setImmediate(() => this.emitter.sendAfterAck(socket, channelRoom(message.channelId), event, { message }));
    return { ok: true, message };
  }

  @on('channel:join')
  join(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() { channelId }: ChannelRefPayload): Promise<ChannelJoinAck> {
    return this.rooms.join(socket, channelId);
  }

  @on('channel:leave')
  leave(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() { channelId }: ChannelRefPayload): Promise<OkAck> {
    return this.rooms.leave(socket, channelId);
  }

  @on('roadmap:watch')
  watchRoadmap(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() { roadmapId }: RoadmapRefPayload): Promise<OkAck> {
    return this.rooms.watchRoadmap(socket, roadmapId);
  }

  @on('roadmap:unwatch')
  unwatchRoadmap(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() { roadmapId }: RoadmapRefPayload): Promise<OkAck> {
    return this.rooms.unwatchRoadmap(socket, roadmapId);
  }

  @on('message:send')
  @RealtimeEvent({ limit: 'write' })
  async send(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() payload: MessageSendPayload): Promise<MessageAck> {
    return this.pushAfterAck(socket, 'message:new', await this.messages.send(socket.data.user, socket.data.author, payload));
  }

  @on('channel:sync')
  async sync(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() { channelId, afterSeq, limit }: ChannelSyncPayload): Promise<ChannelSyncAck> {
    return { ok: true, ...(await this.messages.since(socket.data.user, channelId, afterSeq, limit)) };
  }

  @on('message:edit')
  @RealtimeEvent({ limit: 'write' })
  async edit(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() payload: MessageEditPayload): Promise<MessageAck> {
    return this.pushAfterAck(socket, 'message:updated', await this.messages.edit(socket.data.user, socket.data.author, payload));
  }

  @on('message:delete')
  @RealtimeEvent({ limit: 'write' })
  async remove(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() payload: MessageDeletePayload): Promise<MessageAck> {
    return this.pushAfterAck(socket, 'message:deleted', await this.messages.remove(socket.data.user, payload));
  }

  /** Reactions: readers of the channel react; the room hears the emoji's new count and who (reaction:updated). */
  @on('reaction:add')
  @RealtimeEvent({ limit: 'write' })
  addReaction(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() payload: ReactionPayload): Promise<ReactionAck> {
    return this.react(socket, payload, true);
  }

  @on('reaction:remove')
  @RealtimeEvent({ limit: 'write' })
  removeReaction(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() payload: ReactionPayload): Promise<ReactionAck> {
    return this.react(socket, payload, false);
  }

  private async react(socket: RealtimeSocket, payload: ReactionPayload, add: boolean): Promise<ReactionAck> {
    const { ack, event } = await this.messages.react(socket.data.user, payload, add);
    if (event) setImmediate(() => this.emitter.sendAfterAck(socket, channelRoom(event.channelId), 'reaction:updated', event));
    return { ok: true, ...ack };
  }

  /** Pins: the channel's moderators pin and unpin; the room gets message:pinned / message:unpinned. */
  @on('message:pin')
  @RealtimeEvent({ limit: 'write' })
  async pin(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() { messageId }: MessageRefPayload): Promise<MessageAck> {
    return this.pushAfterAck(socket, 'message:pinned', await this.messages.pin(socket.data.user, messageId, true));
  }

  @on('message:unpin')
  @RealtimeEvent({ limit: 'write' })
  async unpin(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() { messageId }: MessageRefPayload): Promise<MessageAck> {
    return this.pushAfterAck(socket, 'message:unpinned', await this.messages.pin(socket.data.user, messageId, false));
  }

  @on('typing')
  typing(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() { channelId }: ChannelRefPayload): OkAck {
    return this.rooms.typing(socket, channelId);
  }

  @on('channel:read')
  async read(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() { channelId, seq }: ChannelReadPayload): Promise<ChannelReadAck> {
    return { ok: true, ...(await this.channels.markRead(socket.data.user, channelId, seq)) };
  }

  @on('auth:refresh')
  @RealtimeEvent({ limit: 'read', allowExpired: true })
  async refresh(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() { token }: AuthRefreshPayload): Promise<AuthRefreshAck> {
    return { ok: true, ...(await this.connections.refresh(socket, token)) };
  }
}
