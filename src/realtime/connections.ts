import { Injectable, Logger } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import { toAuthUser, UsersService } from '../users/users.service';
import { type AccessChange, ChannelsService } from './channels.service';
import { toAuthorView } from './messages.service';
import { RealtimeError } from './realtime-error';
import { RealtimeEmitter } from './realtime.emitter';
import { channelRoom, userRoom } from './realtime.events';
import { RealtimeSettings, TokenBucket } from './realtime.settings';
import { CONNECTION_COUNT_QUERY, type RealtimeServer, type RealtimeSocket, type SocketState } from './realtime.types';

const MAX_TIMER_MS = 2_147_483_647;

/** Reads the `exp` claim of a token that AuthService has already verified. */
function tokenExpiry(token: string): number | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp?: number };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}

const refusal = (message: string, code: 'unauthorized' | 'rate_limited' = 'unauthorized') => Object.assign(new Error(message), { data: { code, message } });

/** How long a connect waits for the other app processes' count of a person's connections. */
const COUNT_TIMEOUT_MS = 1_000;
/** Whether two plain views built by the same function hold the same values. */
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

type Session = Pick<SocketState, 'user' | 'author' | 'tokenExpiresAt' | 'loadedAt'>;

/**
 * The state of each connection (socket.data): who it is (checked at the handshake, re-read now and then and at
 * once when their user or organization changes), when its token expires (auth:expired, then a disconnect after
 * the grace period), and the periodic re-check of the channels it joined.
 */
@Injectable()
export class RealtimeConnections {
  private readonly logger = new Logger('RealtimeConnections');
  private server?: RealtimeServer;
  /** Connections accepted on this process per person (from the handshake on, before they join their user's room). */
  private readonly open = new Map<string, number>();

  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly channels: ChannelsService,
    private readonly emitter: RealtimeEmitter,
    private readonly settings: RealtimeSettings,
  ) {}

  attach(server: RealtimeServer): void {
    this.server = server;
    server.on(CONNECTION_COUNT_QUERY, (userId, answer) => answer(typeof userId === 'string' ? (this.open.get(userId) ?? 0) : 0));
    // A user or an organization changed (here or on another process): their live connections re-read it now.
    this.channels.onAccessChanged((change) => this.reread(change));
    server.use((socket, next) => {
      this.authenticate(socket).then(
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
    const userId = session.user.id;
    const elsewhere = await this.connectionsElsewhere(userId);
    // Decided and counted in one go after the await, so parallel handshakes on this process cannot overrun the cap.
    const here = this.open.get(userId) ?? 0;
    if (here + elsewhere >= this.settings.maxConnectionsPerUser) {
      throw refusal(`Too many open connections for this account (at most ${this.settings.maxConnectionsPerUser}): close another tab and retry`, 'rate_limited');
    }
    this.open.set(userId, here + 1);
    socket.data = { ...session, reads: new TokenBucket(this.settings.readBurst, this.settings.readsPerSecond), posting: new Set() };
    // Counted until the connection closes (or never completes its handshake).
    socket.conn.once('close', () => this.release(userId));
  }

  private release(userId: string): void {
    const left = (this.open.get(userId) ?? 1) - 1;
    if (left > 0) this.open.set(userId, left);
    else this.open.delete(userId);
  }

  /**
   * The person's connections on the other app processes, asked through the adapter (a process that knows itself
   * alone asks nobody: no promise race, no timer). A process that does not answer within a second is not counted
   * rather than holding up the connection.
   */
  private async connectionsElsewhere(userId: string): Promise<number> {
    if (!this.server || this.emitter.alone()) return 0;
    const query = this.server.serverSideEmitWithAck(CONNECTION_COUNT_QUERY, userId).catch((error: { responses?: number[] }) => error.responses ?? []);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<number[]>((resolve) => {
      timer = setTimeout(() => resolve([]), COUNT_TIMEOUT_MS);
    });
    const answers: unknown[] = await Promise.race([query, waited]);
    clearTimeout(timer);
    return answers.reduce<number>((sum, n) => sum + (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0), 0);
  }

  private async session(token: string): Promise<Session | null> {
    const record = await this.auth.verifyAccessToken(token);
    const tokenExpiresAt = tokenExpiry(token);
    if (!record || !tokenExpiresAt) return null;
    return { user: toAuthUser(record), author: toAuthorView(record), tokenExpiresAt, loadedAt: this.readNow() };
  }

  /** A new connection: it joins its user's room, and its token expiry and channel re-checks are armed. */
  connected(socket: RealtimeSocket): boolean {
    if (!socket.data?.user) {
      socket.disconnect(true);
      return false;
    }
    void socket.join(userRoom(socket.data.user.id));
    this.armExpiry(socket);
    this.scheduleRecheck(socket, this.settings.accessRecheckMs * (0.5 + Math.random() / 2));
    return true;
  }

  disconnected(socket: RealtimeSocket): void {
    clearTimeout(socket.data?.expiryTimer);
    clearTimeout(socket.data?.graceTimer);
    clearTimeout(socket.data?.recheckTimer);
  }

  /** auth:refresh: a fresh token of the same user resets this connection's expiry. */
  async refresh(socket: RealtimeSocket, token: string): Promise<{ expiresAt: string }> {
    const session = await this.session(token);
    if (!session) throw new RealtimeError('unauthorized', 'The access token is invalid or expired');
    if (session.user.id !== socket.data.user.id) throw new RealtimeError('unauthorized', 'The access token belongs to another user');
    Object.assign(socket.data, session);
    this.armExpiry(socket);
    return { expiresAt: new Date(session.tokenExpiresAt).toISOString() };
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
  async current(socket: RealtimeSocket): Promise<SocketState> {
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
    for (const socket of this.server.of('/').sockets.values()) {
      const user = socket.data?.user;
      if (!user) continue;
      if ('userId' in change ? user.id !== change.userId : user.organizationId !== change.organizationId) continue;
      socket.data.loadedAt = Number.NEGATIVE_INFINITY;
      void this.recheck(socket);
    }
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
        await socket.leave(channelRoom(channelId));
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
}
