import { io, type Socket } from 'socket.io-client';
import { apiClient } from '../api';
import {
  tokenExpiry,
  type ClientEventAck,
  type ClientEventName,
  type ClientEventPayload,
  type ClientToServerEvents,
  type JoinAck,
  type ServerEventName,
  type ServerEvents,
  type ServerToClientEvents,
} from './protocol';

/** `limited`: the server refused the connection because the account has too many open (other tabs); it keeps retrying. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'limited';

export interface ChannelSubscriber {
  /** Called after every (re)join, so the subscriber can resend what is unacknowledged and catch up with channel:sync. */
  onJoined(ack: JoinAck): void;
  /** Joining was refused (the channel is hidden from this user, or they were removed). */
  onRefused?(error: { code: string; message: string }): void;
}

/** After a refusal for too many open connections, connect again this much later. */
const LIMITED_RETRY_MS = 15_000;

/** Refresh the socket's token this long before it expires, so that the server never has to disconnect it. */
const REFRESH_AHEAD_MS = 60_000;

/**
 * The one socket.io connection of this tab. It authenticates with the REST access token, keeps that token fresh
 * (ahead of expiry, on `auth:expired`, and whenever the REST client refreshes), rejoins every open channel after a
 * reconnection and tells each channel's subscribers so they can catch up. Channels are reference-counted: the
 * discussion panel and a live badge on the same page share one join.
 */
export class RealtimeConnection {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private statusValue: ConnectionStatus = 'connecting';
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private readonly channels = new Map<string, Set<ChannelSubscriber>>();
  /** Roadmaps followed live (roadmap:watch), with what each part of the page following it runs once it is followed. */
  private readonly roadmaps = new Map<string, Set<() => void>>();
  /** The token the server currently holds for this connection. */
  private tokenInUse: string | undefined;
  private refreshTimer: number | undefined;
  private renewing = false;

  constructor() {
    this.socket = io({
      path: '/socket.io',
      autoConnect: false,
      // Straight to a WebSocket (one round trip), instead of long-polling first and upgrading after three more; where
      // a proxy refuses WebSockets the client falls back to polling.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      // Read at every connection attempt, so reconnections use the freshest token.
      auth: (cb) => {
        this.tokenInUse = apiClient.currentTokens()?.accessToken;
        cb({ token: this.tokenInUse });
      },
    });
    this.socket.on('connect', () => {
      this.setStatus('connected');
      this.scheduleRefresh();
      for (const channelId of this.channels.keys()) void this.joinNow(channelId);
      for (const roadmapId of this.roadmaps.keys()) void this.watchNow(roadmapId);
    });
    this.socket.on('disconnect', (reason) => {
      this.setStatus(this.socket.active ? 'reconnecting' : 'offline');
      // The server hung up (e.g. the token expired past its grace period): socket.io will not retry by itself.
      if (reason === 'io server disconnect' && apiClient.hasSession()) void this.renewAndReconnect();
    });
    this.socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      if (error.data?.code === 'unauthorized') {
        void this.renewAndReconnect();
        return;
      }
      if (error.data?.code === 'rate_limited') {
        // socket.io does not retry a refusal by itself: try again a little later (another tab may have closed).
        this.setStatus('limited');
        window.setTimeout(() => {
          if (!this.socket.connected && apiClient.hasSession() && this.wanted()) this.connect();
        }, LIMITED_RETRY_MS);
        return;
      }
      this.setStatus(this.socket.active ? 'reconnecting' : 'offline');
    });
    this.socket.on('auth:expired', () => void this.refreshToken(true));
    apiClient.subscribe((event) => {
      if (event.type === 'ended') {
        window.clearTimeout(this.refreshTimer);
        this.socket.disconnect();
        this.setStatus('offline');
      } else if (event.type === 'refreshed') {
        void this.sendToken(event.session.accessToken);
      } else if (event.type === 'started' && this.wanted()) {
        this.connect();
      }
    });
    // The device lost its network: say so at once (a dead WebSocket may otherwise look open until the heartbeat
    // times out) and keep what is written for later; back online, connect and catch up.
    window.addEventListener('offline', () => {
      if (!this.socket.connected && !this.socket.active) return;
      this.socket.disconnect();
      this.setStatus('offline');
    });
    window.addEventListener('online', () => {
      if (!this.socket.connected && apiClient.hasSession()) this.connect();
    });
  }

  get status(): ConnectionStatus {
    return this.statusValue;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Listens to connection status; returns the unsubscribe function. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  connect(): void {
    if (!this.socket.connected && apiClient.hasSession()) {
      if (this.statusValue === 'offline') this.setStatus('connecting');
      this.socket.connect();
    }
  }

  on<E extends ServerEventName>(event: E, handler: (payload: ServerEvents[E]) => void): () => void {
    // (socket.io-client cannot relate a generic event to its listener: the signature above does.)
    const socket = this.socket as unknown as { on(event: string, listener: unknown): void; off(event: string, listener: unknown): void };
    socket.on(event, handler);
    return () => socket.off(event, handler);
  }

  /**
   * Sends an event and waits for its acknowledgement. Never throws: no connection answers `offline`, no answer in
   * time answers `timeout` (the server may still have done it, so resend idempotently).
   */
  async emit<E extends ClientEventName>(event: E, payload: ClientEventPayload<E>, timeoutMs = 10_000): Promise<ClientEventAck<E>> {
    if (!this.socket.connected) return { ok: false, error: { code: 'offline', message: 'Not connected' } };
    try {
      const socket = this.socket.timeout(timeoutMs) as unknown as { emitWithAck(event: E, payload: ClientEventPayload<E>): Promise<ClientEventAck<E>> };
      return await socket.emitWithAck(event, payload);
    } catch {
      return { ok: false, error: { code: 'timeout', message: 'No answer in time' } };
    }
  }

  /** Fire and forget (typing). */
  send<E extends ClientEventName>(event: E, payload: ClientEventPayload<E>): void {
    if (this.socket.connected) (this.socket.emit as (event: E, payload: ClientEventPayload<E>, ack: () => void) => void)(event, payload, () => undefined);
  }

  /** Joins the channel for this subscriber (once per channel for the whole tab); returns the leave function. */
  join(channelId: string, subscriber: ChannelSubscriber): () => void {
    let subscribers = this.channels.get(channelId);
    const first = !subscribers;
    if (!subscribers) {
      subscribers = new Set();
      this.channels.set(channelId, subscribers);
    }
    subscribers.add(subscriber);
    this.connect();
    if (this.socket.connected) {
      if (first) void this.joinNow(channelId);
      else void this.emit('channel:join', { channelId }).then((ack) => ack.ok && subscriber.onJoined(ack));
    }
    return () => {
      const set = this.channels.get(channelId);
      if (!set) return;
      set.delete(subscriber);
      if (set.size === 0) {
        this.channels.delete(channelId);
        this.send('channel:leave', { channelId });
      }
    };
  }

  /**
   * Follows every commitment of a roadmap live (`action_item:changed`, for its board), again after every
   * reconnection; returns the function that stops following. `onWatching` runs each time the server has started
   * following it for this tab (and at once for a later follower when it already has), so the page can read again what
   * changed before then.
   */
  watchRoadmap(roadmapId: string, onWatching: () => void = () => undefined): () => void {
    let followers = this.roadmaps.get(roadmapId);
    const first = !followers;
    if (!followers) this.roadmaps.set(roadmapId, (followers = new Set()));
    const follower = () => onWatching();
    followers.add(follower);
    this.connect();
    if (this.socket.connected) {
      if (first) void this.watchNow(roadmapId);
      else queueMicrotask(follower);
    }
    return () => {
      const set = this.roadmaps.get(roadmapId);
      if (!set?.delete(follower) || set.size > 0) return;
      this.roadmaps.delete(roadmapId);
      this.send('roadmap:unwatch', { roadmapId });
    };
  }

  private async watchNow(roadmapId: string): Promise<void> {
    const ack = await this.emit('roadmap:watch', { roadmapId });
    if (ack.ok) for (const follower of this.roadmaps.get(roadmapId) ?? []) follower();
  }

  private wanted(): boolean {
    return this.channels.size > 0 || this.roadmaps.size > 0 || this.statusListeners.size > 0;
  }

  private async joinNow(channelId: string): Promise<void> {
    const ack = await this.emit('channel:join', { channelId });
    const subscribers = [...(this.channels.get(channelId) ?? [])];
    if (ack.ok) subscribers.forEach((s) => s.onJoined(ack));
    else if (ack.error.code !== 'offline' && ack.error.code !== 'timeout') subscribers.forEach((s) => s.onRefused?.(ack.error));
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.statusValue) return;
    this.statusValue = status;
    for (const listener of this.statusListeners) listener(status);
  }

  /** The stored access token, renewed over REST first when it is about to expire (or `force`, after auth:expired). */
  private async freshToken(force: boolean): Promise<string | null> {
    const stored = apiClient.currentTokens();
    if (!stored) return null;
    const exp = tokenExpiry(stored.accessToken);
    const fresh = exp !== null && exp * 1000 - Date.now() > REFRESH_AHEAD_MS;
    // Another tab may have refreshed already: then the stored token is new and good as it is.
    if (fresh && !(force && stored.accessToken === this.tokenInUse)) return stored.accessToken;
    try {
      const renewed = await apiClient.renew(stored);
      return renewed?.accessToken ?? null;
    } catch {
      return null;
    }
  }

  private async refreshToken(force: boolean): Promise<void> {
    const token = await this.freshToken(force);
    if (token) await this.sendToken(token);
  }

  private async sendToken(token: string): Promise<void> {
    if (!this.socket.connected) return;
    if (token !== this.tokenInUse) {
      const ack = await this.emit('auth:refresh', { token });
      if (ack.ok) this.tokenInUse = token;
    }
    this.scheduleRefresh();
  }

  private scheduleRefresh(): void {
    window.clearTimeout(this.refreshTimer);
    const exp = tokenExpiry(this.tokenInUse);
    if (exp === null) return;
    const delay = Math.max(5_000, exp * 1000 - Date.now() - REFRESH_AHEAD_MS);
    this.refreshTimer = window.setTimeout(() => void this.refreshToken(false), delay);
  }

  private async renewAndReconnect(): Promise<void> {
    if (this.renewing) return;
    this.renewing = true;
    this.setStatus('reconnecting');
    try {
      const stored = apiClient.currentTokens();
      // Renew only if the refused token is still the stored one; otherwise the stored one is newer: just use it.
      const token = stored && stored.accessToken === this.tokenInUse ? await this.freshToken(true) : stored?.accessToken;
      if (!token) {
        this.setStatus('offline');
        return;
      }
      await new Promise((resolve) => window.setTimeout(resolve, 500));
      this.socket.connect();
    } finally {
      this.renewing = false;
    }
  }
}

let instance: RealtimeConnection | null = null;

/** The tab's connection, created (and connected) on first use. */
export function realtime(): RealtimeConnection {
  instance ??= new RealtimeConnection();
  instance.connect();
  return instance;
}
