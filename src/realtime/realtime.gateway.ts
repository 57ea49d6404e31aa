import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { DefaultEventsMap, Server, Socket } from 'socket.io';
import type { AuthUser } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { fieldErrors } from '../common/validation';
import { toAuthUser, UsersService } from '../users/users.service';
import { ACCESS_CHANGED, type AccessChange, ChannelsService } from './channels.service';
import { ChannelRefDto, DeleteMessageDto, RoadmapRefDto, EditMessageDto, quickSendMessage, RefreshTokenDto, SendMessageDto, SyncDto } from './dto/realtime.dto';
import type { AuthorView, UserRef } from './dto/views';
import { MessagesService, toAuthorView } from './messages.service';
import { type AckFailure, isInternal, RealtimeError, toAckFailure } from './realtime-error';
import { WatchRegistry, watchRoom } from './watch.registry';
import { RealtimeEmitter } from './realtime.emitter';
import { channelRoom, userRoom } from './realtime.events';
import { RealtimeSettings, TokenBucket } from './realtime.settings';

/** What the server keeps about each connection. */
interface SocketState {
  user: AuthUser;
  author: AuthorView;
  /** When user and author were read from the database (role or organization may change while connected). */
  loadedAt: number;
  /** When the access token presented at the handshake (or the last auth:refresh) expires, in ms. */
  tokenExpiresAt: number;
  expiryTimer?: NodeJS.Timeout;
  graceTimer?: NodeJS.Timeout;
  recheckTimer?: NodeJS.Timeout;
  writes: TokenBucket;
  reads: TokenBucket;
  /** Channels joined on this socket where the user may post (typing is only relayed from those). */
  posting: Set<string>;
}

type RealtimeSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketState>;
type Ack<T extends object = object> = ({ ok: true } & T) | AckFailure;

const MAX_TIMER_MS = 2_147_483_647;

/** Who is in a channel's room, one entry per user with their number of connections. */
export interface PresentUser {
  user: UserRef;
  connections: number;
}

/** The question app processes ask each other at channel:join: who of yours is in this channel? */
const PRESENCE_QUERY = 'greentable:presence';
const PRESENCE_QUERY_TIMEOUT_MS = 1_000;

/** The socket.io server as used across app processes (serverSideEmit* are untyped without a typed server). */
interface ClusterServer {
  on(event: string, listener: (...args: never[]) => void): void;
  serverSideEmitWithAck(event: string, ...args: unknown[]): Promise<unknown[]>;
}

/** Reads the `exp` claim of a token that AuthService has already verified. */
function tokenExpiry(token: string): number | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp?: number };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}

async function parsePayload<T extends object>(dto: ClassConstructor<T>, payload: unknown, quick?: (payload: Record<string, unknown>) => T | null): Promise<T> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new RealtimeError('validation', 'payload must be an object', [{ field: 'payload', message: 'payload must be an object' }]);
  }
  const fast = quick?.(payload as Record<string, unknown>);
  if (fast) return fast;
  const input = plainToInstance(dto, payload);
  const errors = await validate(input, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length) {
    const details = fieldErrors(errors);
    throw new RealtimeError('validation', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
  }
  return input;
}

const refusal = (message: string) => Object.assign(new Error(message), { data: { code: 'unauthorized', message } });
/** Whether two plain views built by the same function hold the same values. */
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The realtime protocol of DESIGN §5 (docs/realtime.md): authenticated at the handshake, every event validated
 * and acknowledged with { ok: true, … } or { ok: false, error: { code, message } }.
 */
@WebSocketGateway({ path: '/socket.io' })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger('RealtimeGateway');
  private server?: Server;

  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly channels: ChannelsService,
    private readonly messages: MessagesService,
    private readonly emitter: RealtimeEmitter,
    private readonly settings: RealtimeSettings,
    private readonly watches: WatchRegistry,
  ) {}

  afterInit(server: Server): void {
    this.server = server;
    this.emitter.attach(server);
    const cluster = server as unknown as ClusterServer;
    // Another app process saw rights change: forget the post checks reused here too.
    cluster.on(ACCESS_CHANGED, (change: AccessChange) => this.channels.forgetPostChecks(change));
    // A user or an organization changed (here or on another process): their live connections re-read it now.
    this.channels.onAccessChanged((change) => this.reread(change));
    // Another app process asks who of ours is in a channel (its channel:join answers with everyone present).
    cluster.on(PRESENCE_QUERY, (channelId: string, answer: (users: PresentUser[]) => void) => answer(this.localPresence(channelId)));
    server.use((socket, next) => {
      this.authenticate(socket as RealtimeSocket).then(
        () => next(),
        (error: Error) => next(error),
      );
    });
  }

  /** Refuses the connection (connect_error with data.code 'unauthorized') without a valid access token. */
  private async authenticate(socket: RealtimeSocket): Promise<void> {
    const token: unknown = socket.handshake.auth?.token;
    if (typeof token !== 'string' || !token) throw refusal('Sign in first: connect with auth: { token: <access token> }');
    const session = await this.session(token);
    if (!session) throw refusal('The access token is invalid or expired');
    socket.data = {
      ...session,
      writes: new TokenBucket(this.settings.writeBurst, this.settings.writesPerSecond),
      reads: new TokenBucket(this.settings.readBurst, this.settings.readsPerSecond),
      posting: new Set(),
    };
  }

  private async session(token: string): Promise<Pick<SocketState, 'user' | 'author' | 'tokenExpiresAt' | 'loadedAt'> | null> {
    const record = await this.auth.verifyAccessToken(token);
    const tokenExpiresAt = tokenExpiry(token);
    if (!record || !tokenExpiresAt) return null;
    return { user: toAuthUser(record), author: toAuthorView(record), tokenExpiresAt, loadedAt: this.readNow() };
  }

  /**
   * The time a user read counts as made: up to half the refresh period earlier than now, so that connections opened
   * together (a room after a restart) do not all re-read their user at the same moment.
   */
  private readNow(): number {
    return Date.now() - Math.random() * (this.settings.userRefreshMs / 2);
  }

  /**
   * Re-reads the user now and then, so a changed role or organization (or a deactivation) applies to a live
   * connection within settings.userRefreshMs rather than when its token expires.
   */
  private async current(socket: RealtimeSocket): Promise<SocketState> {
    const state = socket.data;
    if (Date.now() - state.loadedAt < this.settings.userRefreshMs) return state;
    const record = await this.users.findActiveIdentity(state.user.id);
    if (!record) {
      setTimeout(() => socket.disconnect(true), 0).unref();
      throw new RealtimeError('unauthorized', 'Your account is no longer active');
    }
    const user = toAuthUser(record);
    const author = toAuthorView(record);
    // Unchanged: the same objects stay, and so do the post checks reused for them (ChannelsService.authorizePost).
    if (!sameJson(user, state.user) || !sameJson(author, state.author)) Object.assign(state, { user, author });
    state.loadedAt = this.readNow();
    return state;
  }

  /**
   * A user or an organization changed: the connections concerned on this process re-read their user now (a
   * deactivated user is disconnected) and leave the channels they may no longer read.
   */
  private reread(change: AccessChange): void {
    if (!this.server || 'kind' in change) return;
    for (const socket of this.server.of('/').sockets.values() as Iterable<RealtimeSocket>) {
      const user = socket.data?.user;
      if (!user) continue;
      if ('userId' in change ? user.id !== change.userId : user.organizationId !== change.organizationId) continue;
      socket.data.loadedAt = Number.NEGATIVE_INFINITY;
      void this.recheck(socket);
    }
  }

  handleConnection(socket: RealtimeSocket): void {
    if (!socket.data?.user) {
      socket.disconnect(true);
      return;
    }
    void socket.join(userRoom(socket.data.user.id));
    this.armExpiry(socket);
    this.scheduleRecheck(socket, this.settings.accessRecheckMs * (0.5 + Math.random() / 2));
    socket.on('disconnecting', () => {
      for (const room of socket.rooms) {
        if (room.startsWith('channel:')) this.presence(socket, room.slice('channel:'.length), 'left');
      }
    });
  }

  handleDisconnect(socket: RealtimeSocket): void {
    clearTimeout(socket.data?.expiryTimer);
    clearTimeout(socket.data?.graceTimer);
    clearTimeout(socket.data?.recheckTimer);
  }

  /**
   * The next periodic re-check, then one every settings.accessRecheckMs. The first comes at a random point of the
   * second half of the period, so that connections opened together (a room after a restart) are not all re-checked
   * at the same moment, and stay spread.
   */
  private scheduleRecheck(socket: RealtimeSocket, delayMs: number): void {
    socket.data.recheckTimer = setTimeout(() => {
      this.scheduleRecheck(socket, this.settings.accessRecheckMs);
      void this.recheck(socket);
    }, delayMs);
    socket.data.recheckTimer.unref();
  }

  /**
   * A safety net behind ChannelsService.evict: a connection that only listens is re-checked now and then, and
   * leaves the channels it may no longer read, should a module forget to evict.
   */
  private async recheck(socket: RealtimeSocket): Promise<void> {
    try {
      const { user } = await this.current(socket);
      for (const room of socket.rooms) {
        if (!room.startsWith('channel:')) continue;
        const channelId = room.slice('channel:'.length);
        const channel = await this.channels.byId(channelId);
        const access = channel ? await this.channels.access(user, channel) : null;
        if (access?.read) continue;
        await socket.leave(room);
        socket.data.posting.delete(channelId);
        this.emitter.toSocket(socket, 'channel:evicted', { channelId });
      }
    } catch (error) {
      if (!(error instanceof RealtimeError)) this.logger.warn(`access re-check failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** At expiry: `auth:expired`, then a disconnect after the grace period unless `auth:refresh` comes first. */
  private armExpiry(socket: RealtimeSocket): void {
    const state = socket.data;
    clearTimeout(state.expiryTimer);
    clearTimeout(state.graceTimer);
    state.graceTimer = undefined;
    const delay = Math.min(Math.max(state.tokenExpiresAt - Date.now(), 0), MAX_TIMER_MS);
    state.expiryTimer = setTimeout(() => {
      const disconnectAt = Date.now() + this.settings.authGraceMs;
      this.emitter.toSocket(socket, 'auth:expired', {
        expiredAt: new Date(state.tokenExpiresAt).toISOString(),
        disconnectAt: new Date(disconnectAt).toISOString(),
      });
      state.graceTimer = setTimeout(() => socket.disconnect(true), this.settings.authGraceMs);
      state.graceTimer.unref();
    }, delay);
    state.expiryTimer.unref();
  }

  /**
   * Runs `push` once the ack of the event being handled has gone out (acks are sent from the promise chain, so
   * before the next turn of the event loop): the author hears "committed" before the room hears the message.
   */
  private afterAck(push: () => void): void {
    setImmediate(push);
  }

  /** The users of this process's connections in a channel's room (one may be signed in on several). */
  private localPresence(channelId: string, exceptSocketId?: string): PresentUser[] {
    const server = this.server;
    const ids = server?.sockets.adapter.rooms.get(channelRoom(channelId));
    if (!server || !ids) return [];
    const byUser = new Map<string, PresentUser>();
    for (const id of ids) {
      const data = id === exceptSocketId ? undefined : (server.sockets.sockets.get(id)?.data as SocketState | undefined);
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
  private async presentIn(channelId: string, exceptSocketId: string): Promise<PresentUser[]> {
    const all = this.localPresence(channelId, exceptSocketId);
    if (this.server) {
      // The adapter gives up on a silent process after 5 s (rejecting with the answers it has); we wait a second.
      const query = (this.server as unknown as ClusterServer)
        .serverSideEmitWithAck(PRESENCE_QUERY, channelId)
        .catch((error: { responses?: unknown[] }) => error.responses ?? []);
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<unknown[]>((resolve) => {
        timer = setTimeout(() => resolve([]), PRESENCE_QUERY_TIMEOUT_MS);
      });
      const answers = await Promise.race([query, waited]);
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

  private presence(socket: RealtimeSocket, channelId: string, status: 'joined' | 'left'): void {
    this.emitter.send(channelRoom(channelId), 'presence', { channelId, user: this.userRef(socket), status }, socket.id);
  }

  private userRef(socket: RealtimeSocket): UserRef {
    return { id: socket.data.user.id, displayName: socket.data.author.displayName };
  }

  /**
   * Runs one event: token still valid, within the socket's rate, payload validated, then the action; every
   * failure becomes an ack with a code (internal faults are logged).
   */
  private async run<T extends object, R extends object>(
    socket: RealtimeSocket,
    options: {
      kind: 'read' | 'write';
      dto: ClassConstructor<T>;
      /** A cheaper check that accepts only plainly valid payloads (null: take the full validation). */
      quick?: (payload: Record<string, unknown>) => T | null;
      allowExpired?: boolean;
    },
    payload: unknown,
    action: (input: T, state: SocketState) => Promise<R>,
  ): Promise<Ack<R>> {
    try {
      const state = options.allowExpired ? socket.data : await this.current(socket);
      if (!options.allowExpired && Date.now() >= state.tokenExpiresAt) {
        throw new RealtimeError('unauthorized', 'The access token has expired: send auth:refresh with a fresh one');
      }
      if (!(options.kind === 'write' ? state.writes : state.reads).take()) {
        throw new RealtimeError('rate_limited', 'Too many events: slow down and retry');
      }
      const input = await parsePayload(options.dto, payload, options.quick);
      return { ok: true, ...(await action(input, state)) };
    } catch (error) {
      const failure = toAckFailure(error);
      if (isInternal(failure)) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      return failure;
    }
  }

  @SubscribeMessage('channel:join')
  join(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() payload: unknown) {
    return this.run(socket, { kind: 'read', dto: ChannelRefDto }, payload, async ({ channelId }, { user }) => {
      await this.channels.authorize(user, channelId, 'read');
      const room = channelRoom(channelId);
      const already = socket.rooms.has(room);
      await socket.join(room);
      try {
        // Checked again once in the room, so a removal landing between the check and the join still locks out.
        const channel = await this.channels.view(user, channelId);
        if (channel.access.post) socket.data.posting.add(channelId);
        else socket.data.posting.delete(channelId);
        if (!already) this.presence(socket, channelId, 'joined');
        return { channel, lastSeq: channel.lastSeq, present: await this.presentIn(channelId, socket.id) };
      } catch (error) {
        await socket.leave(room);
        socket.data.posting.delete(channelId);
        throw error;
      }
    });
  }

  /** Follows every commitment of a roadmap live (its board): action_item:changed for each of them. */
  @SubscribeMessage('roadmap:watch')
  watchRoadmap(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() payload: unknown) {
    return this.run(socket, { kind: 'read', dto: RoadmapRefDto }, payload, async ({ roadmapId }, { user }) => {
      if (!(await this.watches.canWatch(user, 'roadmap', roadmapId))) throw new RealtimeError('not_found', 'Roadmap not found');
      await socket.join(watchRoom('roadmap', roadmapId));
      return {};
    });
  }

  @SubscribeMessage('roadmap:unwatch')
  unwatchRoadmap(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() payload: unknown) {
    return this.run(socket, { kind: 'read', dto: RoadmapRefDto }, payload, async ({ roadmapId }) => {
      await socket.leave(watchRoom('roadmap', roadmapId));
      return {};
    });
  }

  @SubscribeMessage('channel:leave')
  leave(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() payload: unknown) {
    return this.run(socket, { kind: 'read', dto: ChannelRefDto }, payload, async ({ channelId }) => {
      const room = channelRoom(channelId);
      socket.data.posting.delete(channelId);
      if (socket.rooms.has(room)) {
        await socket.leave(room);
        this.presence(socket, channelId, 'left');
      }
      return {};
    });
  }

  @SubscribeMessage('message:send')
  send(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() payload: unknown) {
    return this.run(socket, { kind: 'write', dto: SendMessageDto, quick: quickSendMessage }, payload, async (dto, { user, author }) => {
      const { message, changed } = await this.messages.send(user, author, dto);
      if (changed) this.afterAck(() => this.emitter.send(channelRoom(message.channelId), 'message:new', { message }, socket.id));
      return { message };
    });
  }

  @SubscribeMessage('channel:sync')
  sync(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() payload: unknown) {
    return this.run(socket, { kind: 'read', dto: SyncDto }, payload, (dto, { user }) =>
      this.messages.since(user, dto.channelId, dto.afterSeq, dto.limit),
    );
  }

  @SubscribeMessage('message:edit')
  edit(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() payload: unknown) {
    return this.run(socket, { kind: 'write', dto: EditMessageDto }, payload, async (dto, { user, author }) => {
      const { message, changed } = await this.messages.edit(user, author, dto);
      if (changed) this.afterAck(() => this.emitter.send(channelRoom(message.channelId), 'message:updated', { message }, socket.id));
      return { message };
    });
  }

  @SubscribeMessage('message:delete')
  remove(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() payload: unknown) {
    return this.run(socket, { kind: 'write', dto: DeleteMessageDto }, payload, async (dto, { user }) => {
      const { message, changed } = await this.messages.remove(user, dto);
      if (changed) this.afterAck(() => this.emitter.send(channelRoom(message.channelId), 'message:deleted', { message }, socket.id));
      return { message };
    });
  }

  @SubscribeMessage('typing')
  typing(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() payload: unknown) {
    return this.run(socket, { kind: 'read', dto: ChannelRefDto }, payload, async ({ channelId }) => {
      if (!socket.rooms.has(channelRoom(channelId))) throw new RealtimeError('forbidden', 'Join the channel first');
      if (!socket.data.posting.has(channelId)) throw new RealtimeError('forbidden', 'You may read this channel but not post in it');
      this.emitter.send(channelRoom(channelId), 'typing', { channelId, user: this.userRef(socket) }, socket.id);
      return {};
    });
  }

  @SubscribeMessage('auth:refresh')
  refresh(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() payload: unknown) {
    return this.run(socket, { kind: 'read', dto: RefreshTokenDto, allowExpired: true }, payload, async ({ token }, state) => {
      const session = await this.session(token);
      if (!session) throw new RealtimeError('unauthorized', 'The access token is invalid or expired');
      if (session.user.id !== state.user.id) throw new RealtimeError('unauthorized', 'The access token belongs to another user');
      Object.assign(state, session);
      this.armExpiry(socket);
      return { expiresAt: new Date(session.tokenExpiresAt).toISOString() };
    });
  }
}
