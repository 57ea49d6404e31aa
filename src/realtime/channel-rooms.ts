import { Injectable } from '@nestjs/common';
import { ChannelsService } from './channels.service';
import type { ChannelJoinAck, OkAck } from './dto/events.dto';
import { ChannelPresence, userRef } from './presence';
import { RealtimeError } from './realtime-error';
import { RealtimeEmitter } from './realtime.emitter';
import { channelRoom } from './realtime.events';
import type { RealtimeSocket } from './realtime.types';
import { WatchRegistry, watchRoom } from './watch.registry';

const OK: OkAck = { ok: true };

/** The rooms a connection is in: the channels it joined (live messages, typing, presence) and the roadmaps it watches. */
@Injectable()
export class ChannelRooms {
  constructor(
    private readonly channels: ChannelsService,
    private readonly presence: ChannelPresence,
    private readonly emitter: RealtimeEmitter,
    private readonly watches: WatchRegistry,
  ) {}

  async join(socket: RealtimeSocket, channelId: string): Promise<ChannelJoinAck> {
    const room = channelRoom(channelId);
    const already = socket.rooms.has(room);
    let entered = false;
    try {
      const channel = await this.channels.enter(socket.data.user, channelId, async () => {
        await socket.join(room);
        entered = true;
      });
      if (channel.access.post) socket.data.posting.add(channelId);
      else socket.data.posting.delete(channelId);
      if (!already) this.presence.announce(socket, channelId, 'joined');
      return { ok: true, channel, lastSeq: channel.lastSeq, present: await this.presence.presentIn(channelId, socket.id) };
    } catch (error) {
      if (entered) {
        await socket.leave(room);
        socket.data.posting.delete(channelId);
      }
      throw error;
    }
  }

  async leave(socket: RealtimeSocket, channelId: string): Promise<OkAck> {
    const room = channelRoom(channelId);
    socket.data.posting.delete(channelId);
    if (socket.rooms.has(room)) {
      await socket.leave(room);
      this.presence.announce(socket, channelId, 'left');
    }
    return OK;
  }

  /** Relayed only from a connection that joined the channel and may post there. */
  typing(socket: RealtimeSocket, channelId: string): OkAck {
    if (!socket.rooms.has(channelRoom(channelId))) throw new RealtimeError('forbidden', 'Join the channel first');
    if (!socket.data.posting.has(channelId)) throw new RealtimeError('forbidden', 'You may read this channel but not post in it');
    this.emitter.send(channelRoom(channelId), 'typing', { channelId, user: userRef(socket) }, socket.id);
    return OK;
  }

  /** Follows every commitment of a roadmap live (its board): action_item:changed for each of them. */
  async watchRoadmap(socket: RealtimeSocket, roadmapId: string): Promise<OkAck> {
    if (!(await this.watches.canWatch(socket.data.user, 'roadmap', roadmapId))) throw new RealtimeError('not_found', 'Roadmap not found');
    await socket.join(watchRoom('roadmap', roadmapId));
    return OK;
  }

  async unwatchRoadmap(socket: RealtimeSocket, roadmapId: string): Promise<OkAck> {
    await socket.leave(watchRoom('roadmap', roadmapId));
    return OK;
  }
}
