import { Injectable } from '@nestjs/common';
import type { PresentUser } from './dto/events.dto';
import type { UserRef } from './dto/views';
import { RealtimeEmitter } from './realtime.emitter';
import { channelRoom } from './realtime.events';
import { PRESENCE_QUERY, type RealtimeServer, type RealtimeSocket } from './realtime.types';

const PRESENCE_QUERY_TIMEOUT_MS = 1_000;

export const userRef = (socket: RealtimeSocket): UserRef => ({ id: socket.data.user.id, displayName: socket.data.author.displayName });

/**
 * Who is in a channel: `presence` events as connections join and leave its room, and the list of those present
 * (on every app process) that channel:join answers with.
 */
@Injectable()
export class ChannelPresence {
  private server?: RealtimeServer;

  constructor(private readonly emitter: RealtimeEmitter) {}

  attach(server: RealtimeServer): void {
    this.server = server;
    // Another app process asks who of ours is in a channel (its channel:join answers with everyone present).
    server.on(PRESENCE_QUERY, (channelId, answer) => answer(this.local(channelId)));
  }

  /** A connection is closing: the rooms of its channels hear that it left. */
  watchDisconnect(socket: RealtimeSocket): void {
    socket.on('disconnecting', () => {
      for (const room of socket.rooms) {
        if (room.startsWith('channel:')) this.announce(socket, room.slice('channel:'.length), 'left');
      }
    });
  }

  announce(socket: RealtimeSocket, channelId: string, status: 'joined' | 'left'): void {
    this.emitter.send(channelRoom(channelId), 'presence', { channelId, user: userRef(socket), status }, socket.id);
  }

  /** The users of this process's connections in a channel's room (one may be signed in on several). */
  private local(channelId: string, exceptSocketId?: string): PresentUser[] {
    const server = this.server;
    const ids = server?.sockets.adapter.rooms.get(channelRoom(channelId));
    if (!server || !ids) return [];
    const byUser = new Map<string, PresentUser>();
    for (const id of ids) {
      const data = id === exceptSocketId ? undefined : server.sockets.sockets.get(id)?.data;
      if (!data?.user) continue;
      const held = byUser.get(data.user.id);
      if (held) held.connections++;
      else byUser.set(data.user.id, { user: { id: data.user.id, displayName: data.author.displayName }, connections: 1 });
    }
    return [...byUser.values()];
  }

  /**
   * Everyone in a channel's room on every app process, but the given connection. Another process that does not
   * answer within a second (one that just died, say) is left out rather than holding up the join.
   */
  async presentIn(channelId: string, exceptSocketId: string): Promise<PresentUser[]> {
    const all = this.local(channelId, exceptSocketId);
    // A process that knows itself alone has nobody to ask (the adapter would answer at once with nothing).
    if (this.server && !this.emitter.alone()) {
      // The adapter gives up on a silent process after 5 s (rejecting with the answers it has); we wait a second.
      const query = this.server.serverSideEmitWithAck(PRESENCE_QUERY, channelId).catch((error: { responses?: PresentUser[][] }) => error.responses ?? []);
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<PresentUser[][]>((resolve) => {
        timer = setTimeout(() => resolve([]), PRESENCE_QUERY_TIMEOUT_MS);
      });
      const answers: unknown[] = await Promise.race([query, waited]);
      clearTimeout(timer);
      for (const answer of answers) if (Array.isArray(answer)) all.push(...(answer as PresentUser[]));
    }
    const byUser = new Map<string, PresentUser>();
    for (const p of all) {
      const held = byUser.get(p.user.id);
      if (held) held.connections += p.connections;
      else byUser.set(p.user.id, { ...p });
    }
    return [...byUser.values()];
  }
}
