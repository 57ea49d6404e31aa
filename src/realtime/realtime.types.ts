import type { Server, Socket } from 'socket.io';
import type { AuthUser } from '../auth/auth-user';
import { type ClientToServerEventsOf, type ServerToClientEventsOf } from '../shared/realtime-protocol';
import type { AccessChange } from './channels.service';
import type { PresentUser, RealtimeSchemas } from './dto/events.dto';
import type { AuthorView } from './dto/views';

/** What the server keeps about each connection (socket.data). */
export interface SocketState {
  user: AuthUser;
  author: AuthorView;
  /** When user and author were read from the database (role or organization may change while connected). */
  loadedAt: number;
  /** When the access token presented at the handshake (or the last auth:refresh) expires, in ms. */
  tokenExpiresAt: number;
  expiryTimer?: NodeJS.Timeout;
  graceTimer?: NodeJS.Timeout;
  recheckTimer?: NodeJS.Timeout;
  /** Events other than message writes, per connection (writes are limited per person: SendRateLimit). */
  reads: { take(): boolean };
  /** Channels joined on this socket where the user may post (typing is only relayed from those). */
  posting: Set<string>;
}

/** The question app processes ask each other at channel:join: who of yours is in this channel? */
export const PRESENCE_QUERY = 'greentable:presence';
/** The event by which app processes tell each other to forget reused post checks (socket.io serverSideEmit). */
export const ACCESS_CHANGED = 'greentable:access-changed';

/** The event by which app processes share, in batches, the message writes they let through per person. */
export const WRITE_USAGE = 'greentable:write-usage';

/** The question a process asks the others at a handshake: how many connections of this person do you hold? */
export const CONNECTION_COUNT_QUERY = 'greentable:connection-count';

/** socket.io's events between app processes (serverSideEmit, through the adapter). */
export interface InterServerEvents {
  [CONNECTION_COUNT_QUERY]: (userId: string, answer: (count: number) => void) => void;
  [WRITE_USAGE]: (usage: Record<string, number>) => void;
  [PRESENCE_QUERY]: (channelId: string, answer: (users: PresentUser[]) => void) => void;
  [ACCESS_CHANGED]: (change: AccessChange) => void;
}

/** The protocol of src/shared/realtime-protocol.ts over the server's schema classes. */
export type ClientToServerEvents = ClientToServerEventsOf<RealtimeSchemas>;
export type ServerToClientEvents = ServerToClientEventsOf<RealtimeSchemas>;

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketState>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketState>;
