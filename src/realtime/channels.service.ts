import type { LocalizedText } from '../common/localized-text';
import { HttpStatus, Injectable } from '@nestjs/common';
import type { Tx } from '../database/unit-of-work';
import type { AuthUser } from '../auth/auth-user';
import { ApiError, forbidden, orNotFound } from '../common/errors';
import { encodeCursor, type Page, readCursor } from '../common/pagination';
import { ChannelAccessRegistry, type EffectiveAccess } from './channel-access.registry';
import type { ChannelQuery } from './dto/realtime.dto';
import type { ChannelView, MyChannelView } from './dto/views';
import { ReadPositionsRepository } from './read-positions.repository';
import { ChannelsRepository, type ChannelViewRow } from './channels.repository';
import type { ChannelKind } from './entities/channel.entity';
import type { Channel } from './entities/channel.entity';
import { RealtimeEmitter } from './realtime.emitter';
import { channelRoom } from './realtime.events';
import { RealtimeSettings } from './realtime.settings';
import { ACCESS_CHANGED } from './realtime.types';

/** The identity of a channel; kind and refId never change, so this is safe to cache. */
export interface ChannelRef {
  id: string;
  kind: ChannelKind;
  refId: string | null;
}

export type ChannelNeed = 'read' | 'post' | 'moderate';

export const toChannelView = (c: ChannelViewRow, access: EffectiveAccess): ChannelView => ({
  id: c.id,
  kind: c.kind,
  refId: c.refId,
  lastSeq: Number(c.lastSeq),
  createdAt: c.createdAt.toISOString(),
  access,
});

const CACHE_LIMIT = 20_000;
const POST_CHECK_LIMIT = 50_000;
/**
 * How long a channel read at a join answers the joins that follow from memory (see joinedView): enough for the
 * members of a meeting connecting together; short, so that a message written outside the app (a script's SQL) shows
 * soon.
 */
const JOINED_VIEW_MS = 5_000;

/** A channel as read at a join, and the highest seq this process has committed in it since that read began. */
interface JoinedView {
  read: Promise<ChannelViewRow | null>;
  at: number;
  highest: number;
}

/**
 * What changed someone's rights somewhere: a thing (all its readers), one user in one thing, a user (everywhere:
 * role, organization, deactivation), or an organization (its constituency, for all its people).
 */
export type AccessChange = { kind: ChannelKind; refId: string | null; userId?: string } | { userId: string } | { organizationId: string };

/** A successful post check, reused by the same user snapshot for a moment (see authorizePost). */
interface PostCheck {
  user: AuthUser;
  channel: ChannelRef;
  access: EffectiveAccess;
  /** Until when it is reused (spread over the second half of the reuse time, so checks do not all expire together). */
  until: number;
}

const thingKey = (kind: ChannelKind, refId: string | null) => `${kind}:${refId ?? ''}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class ChannelsService {
  private readonly refs = new Map<string, ChannelRef>();
  /** Reads of refs under way, shared: the members of a channel joining at once (after a restart) read it once. */
  private readonly readingRefs = new Map<string, Promise<ChannelRef | null>>();
  /** Successful post checks by thing (kind:refId), then by user id. */
  private readonly postChecks = new Map<string, Map<string, PostCheck>>();
  private postCheckCount = 0;
  /** Channels read at a join lately, by id (joinedView). */
  private readonly joinedViews = new Map<string, JoinedView>();
  /** Bumped by every change of rights, so that a check that was under way meanwhile is not kept. */
  private accessGeneration = 0;
  /** Told of every change of rights on any process (the gateway re-reads the people concerned). */
  private readonly accessListeners: Array<(change: AccessChange) => void> = [];

  constructor(
    private readonly channels: ChannelsRepository,
    private readonly registry: ChannelAccessRegistry,
    private readonly emitter: RealtimeEmitter,
    private readonly settings: RealtimeSettings,
    private readonly reads: ReadPositionsRepository,
  ) {}

  /**
   * The channel of a roundtable, working group or action item (or the lobby, refId null), created when missing.
   * Idempotent and safe under concurrency; pass the caller's manager to create it inside its transaction.
   */
  async ensureChannel(kind: ChannelKind, refId: string | null, tx?: Tx): Promise<ChannelRef> {
    if ((kind === 'lobby') !== (refId === null)) {
      throw new Error(kind === 'lobby' ? 'The lobby has no refId' : `A ${kind} channel needs the id of its ${kind}`);
    }
    const id = await this.channels.ensure(kind, refId, tx);
    if (!id) throw new Error(`Could not create the ${kind} channel`);
    return this.remember({ id, kind, refId });
  }

  /** The channel of a thing, if it exists (never creates it). */
  async find(kind: ChannelKind, refId: string | null): Promise<ChannelRef | null> {
    const id = await this.channels.findId(kind, refId);
    return id ? this.remember({ id, kind, refId }) : null;
  }

  private remember(ref: ChannelRef): ChannelRef {
    if (this.refs.size >= CACHE_LIMIT) this.refs.clear();
    this.refs.set(ref.id, ref);
    return ref;
  }

  async byId(id: string): Promise<ChannelRef | null> {
    if (!UUID.test(id)) return null;
    const cached = this.refs.get(id);
    if (cached) return cached;
    let reading = this.readingRefs.get(id);
    if (!reading) {
      reading = this.channels
        .findRef(id)
        .then((row) => (row ? this.remember({ id: row.id, kind: row.kind, refId: row.refId }) : null))
        .finally(() => this.readingRefs.delete(id));
      this.readingRefs.set(id, reading);
    }
    return reading;
  }

  /**
   * Checks, now, what the user may do in a channel. Hidden and unknown channels are both not_found, so their
   * existence does not leak.
   */
  async authorize(user: AuthUser, channelId: string, need: ChannelNeed): Promise<{ channel: ChannelRef; access: EffectiveAccess }> {
    const channel = orNotFound(await this.byId(channelId), 'Channel');
    const access = orNotFound(await this.registry.resolve(user, channel.kind, channel.refId), 'Channel');
    if (!access.read) throw forbidden('You may not read this channel');
    if (need === 'post' && !access.post) throw forbidden('You may read this channel but not post in it');
    if (need === 'moderate' && !access.moderate) throw forbidden('Only moderators may remove messages');
    return { channel, access };
  }

  /**
   * The check of message:send, the hot path: as authorize(user, channelId, 'post'), except that a successful check
   * is reused by the same user (the same snapshot of them: a connection re-reads its user now and then) in the
   * same channel for settings.postCheckReuseMs. Whatever changes rights forgets it at once, on every app process:
   * an eviction (evict), and every audited change of the channel's roundtable, working group or action item, or of
   * the user (accessChanged, called by ActivityRelay once the change is committed).
   */
  async authorizePost(user: AuthUser, channelId: string): Promise<{ channel: ChannelRef; access: EffectiveAccess }> {
    const reuseMs = this.settings.postCheckReuseMs;
    if (reuseMs <= 0) return this.authorize(user, channelId, 'post');
    const channel = orNotFound(await this.byId(channelId), 'Channel');
    const key = thingKey(channel.kind, channel.refId);
    const known = this.postChecks.get(key)?.get(user.id);
    const now = Date.now();
    if (known && known.user === user && known.channel.id === channel.id && now < known.until) {
      return { channel, access: known.access };
    }
    const generation = this.accessGeneration;
    const result = await this.authorize(user, channelId, 'post');
    if (generation === this.accessGeneration) {
      if (this.postCheckCount >= POST_CHECK_LIMIT) this.forgetAll();
      let byUser = this.postChecks.get(key);
      if (!byUser) this.postChecks.set(key, (byUser = new Map<string, PostCheck>()));
      if (!byUser.has(user.id)) this.postCheckCount++;
      byUser.set(user.id, { user, channel, access: result.access, until: now + reuseMs * (0.5 + Math.random() / 2) });
    }
    return result;
  }

  /**
   * Rights changed (committed): reused post checks that it may touch are forgotten here and on every other app
   * process. Modules need not call it for changes they audit or evict (ActivityRelay and evict do).
   */
  accessChanged(change: AccessChange): void {
    this.forgetPostChecks(change);
    this.emitter.toOtherProcesses(ACCESS_CHANGED, change);
  }

  /** Calls `listener` with every change of rights, made on this process or told by another. */
  onAccessChanged(listener: (change: AccessChange) => void): void {
    this.accessListeners.push(listener);
  }

  /** Forgets reused post checks on this process only (another process told us of a change), and tells the listeners. */
  forgetPostChecks(change: AccessChange): void {
    this.forgetMatchingPostChecks(change);
    for (const listener of this.accessListeners) listener(change);
  }

  private forgetMatchingPostChecks(change: AccessChange): void {
    this.accessGeneration++;
    if ('organizationId' in change) {
      for (const [key, byUser] of this.postChecks) {
        for (const [userId, check] of byUser) {
          if (check.user.organizationId === change.organizationId && byUser.delete(userId)) this.postCheckCount--;
        }
        if (!byUser.size) this.postChecks.delete(key);
      }
      return;
    }
    if ('kind' in change) {
      const key = thingKey(change.kind, change.refId);
      const byUser = this.postChecks.get(key);
      if (!byUser) return;
      if (change.userId === undefined) {
        this.postCheckCount -= byUser.size;
        this.postChecks.delete(key);
      } else if (byUser.delete(change.userId)) {
        this.postCheckCount--;
      }
      return;
    }
    for (const [key, byUser] of this.postChecks) {
      if (byUser.delete(change.userId)) this.postCheckCount--;
      if (!byUser.size) this.postChecks.delete(key);
    }
  }

  private forgetAll(): void {
    this.accessGeneration++;
    this.postChecks.clear();
    this.postCheckCount = 0;
  }

  async access(user: AuthUser, channel: ChannelRef): Promise<EffectiveAccess | null> {
    return this.registry.resolve(user, channel.kind, channel.refId);
  }

  lastSeq(channelId: string): Promise<number> {
    return this.channels.lastSeq(channelId);
  }

  async view(user: AuthUser, channelId: string): Promise<ChannelView> {
    const { access } = await this.authorize(user, channelId, 'read');
    return this.viewOf(channelId, access);
  }

  /** A channel's view with the access already resolved for the reader. */
  private async viewOf(channelId: string, access: EffectiveAccess): Promise<ChannelView> {
    return toChannelView(orNotFound(await this.channels.findForView(channelId), 'Channel'), access);
  }

  /**
   * channel:join: checks that the user may read the channel, runs `enter` (the connection joins its room), then
   * reads the channel as it is once in the room (its lastSeq: every later message reaches the room).
   *
   * A removal that lands between the check and `enter` must still lock out. On a process that knows itself alone,
   * every change of rights bumps its generation before the connections concerned leave their rooms (evict, and each
   * audited change through accessChanged): if the generation moved while the check was under way, access is checked
   * again in the room; if it moves later, the leave that follows reaches the room after this connection is in it.
   * With other processes, whose change and leave may arrive in either order (the Postgres adapter publishes them on
   * separate connections), access is always checked again in the room.
   */
  async enter(user: AuthUser, channelId: string, enter: () => Promise<void>): Promise<ChannelView> {
    const generation = this.accessGeneration;
    const { access } = await this.authorize(user, channelId, 'read');
    await enter();
    if (generation !== this.accessGeneration || !this.emitter.alone()) return this.view(user, channelId);
    return toChannelView(await this.joinedView(channelId), access);
  }

  /**
   * The channel as a connection that has just entered its room must be told it: its lastSeq at least the seq of every
   * message broadcast to the room before. Read from the database after entering, that holds; on a process that has
   * known itself alone since an earlier join's read began (no other process heard, its listening unbroken:
   * RealtimeEmitter.aloneSince), every message of the channel since that read is written here and counted (written)
   * before it is broadcast, so that read with what was counted since holds too, and the joins that follow it within
   * JOINED_VIEW_MS (the members of a meeting connecting together) need no statement of their own.
   */
  private async joinedView(channelId: string): Promise<ChannelViewRow> {
    const now = Date.now();
    const since = this.emitter.aloneSince();
    let joined = this.joinedViews.get(channelId);
    if (!joined || since === null || since >= joined.at || now - joined.at >= JOINED_VIEW_MS) {
      joined = { read: this.channels.findForView(channelId), at: now, highest: 0 };
      if (since === null) this.joinedViews.delete(channelId);
      else {
        if (this.joinedViews.size >= CACHE_LIMIT) this.joinedViews.clear();
        const remembered = joined;
        this.joinedViews.set(channelId, remembered);
        const forget = () => this.joinedViews.get(channelId) === remembered && this.joinedViews.delete(channelId);
        remembered.read.then((row) => {
          if (!row) forget();
        }, forget);
      }
    }
    const row = orNotFound(await joined.read, 'Channel');
    return joined.highest > Number(row.lastSeq) ? { ...row, lastSeq: String(joined.highest) } : row;
  }

  /** A message of the channel was committed on this process; it is broadcast after this (see joinedView). */
  written(channelId: string, seq: number): void {
    const joined = this.joinedViews.get(channelId);
    if (joined && seq > joined.highest) joined.highest = seq;
  }

  /**
   * The channels a user can read. With kind and refId: that thing's channel (created on first use when the
   * thing exists and is readable), or nothing.
   */
  async list(user: AuthUser, query: ChannelQuery): Promise<Page<ChannelView>> {
    if (query.refId && !query.kind)
      throw new ApiError(HttpStatus.BAD_REQUEST, 'kind: kind is required with refId', [{ field: 'kind', message: 'kind is required with refId' }]);
    if (query.kind && (query.refId || query.kind === 'lobby')) {
      const refId = query.kind === 'lobby' ? null : query.refId!;
      const access = await this.registry.resolve(user, query.kind, refId);
      if (!access?.read) return { items: [], nextCursor: null };
      const ref = await this.ensureChannel(query.kind, refId);
      return { items: [await this.viewOf(ref.id, access)], nextCursor: null };
    }
    const limit = query.limit ?? 50;
    const items: ChannelView[] = [];
    let cursor: { id: string } | null = readCursor(query.cursor, { id: 'uuid' });
    let exhausted = false;
    // Access depends on each thing, so channels are read in batches and filtered until the page is full.
    while (items.length < limit && !exhausted) {
      // Ordered by id: arbitrary but stable, and exact to resume from (timestamps are not unique).
      const afterId = cursor?.id;
      const batch: Channel[] = await this.channels.page({ kind: query.kind, afterId, limit: 200 });
      exhausted = batch.length < 200;
      for (const channel of batch) {
        cursor = { id: channel.id };
        const access = await this.registry.resolve(user, channel.kind, channel.refId);
        if (access?.read) items.push(toChannelView(channel, access));
        if (items.length === limit) {
          exhausted = exhausted && channel === batch[batch.length - 1];
          break;
        }
      }
    }
    return { items, nextCursor: !exhausted && cursor ? encodeCursor(cursor) : null };
  }

  /** The title of the roundtable, working group or commitment a channel belongs to, or null. */
  async thingTitle(channel: ChannelRef): Promise<LocalizedText | null> {
    return this.registry.titleOf(channel.kind, channel.refId);
  }

  /**
   * A person's channels: the lobby and the discussions of the things that are theirs (roundtables they take part
   * in, their working groups, their organization's commitments) that have started, with unread and mention counts.
   * Unread first, then most recently active.
   */
  async mine(user: AuthUser): Promise<MyChannelView[]> {
    const lobby = await this.ensureChannel('lobby', null);
    const entries: { id: string; kind: ChannelKind; refId: string | null; title: MyChannelView['title'] }[] = [
      { id: lobby.id, kind: 'lobby', refId: null, title: null },
    ];
    for (const { kind, things } of await this.registry.myThings(user)) {
      const ids = await this.channels.idsOf(
        kind,
        things.map((t) => t.refId),
      );
      for (const thing of things) {
        const channel = ids.get(thing.refId);
        if (channel) entries.push({ id: channel.id, kind, refId: thing.refId, title: thing.title });
      }
    }
    const summaries = new Map(
      (
        await this.reads.unreadSummary(
          user.id,
          entries.map((e) => e.id),
        )
      ).map((s) => [s.channelId, s]),
    );
    const lastSeqs = new Map((await this.channels.lastSeqs(entries.map((e) => e.id))).map((c) => [c.id, Number(c.lastSeq)]));
    return entries
      .map((e) => {
        const s = summaries.get(e.id);
        return {
          ...e,
          lastSeq: lastSeqs.get(e.id) ?? 0,
          lastReadSeq: Number(s?.lastReadSeq ?? 0),
          unread: s?.unread ?? 0,
          mentions: s?.mentions ?? 0,
          firstUnreadSeq: s?.firstUnreadSeq ? Number(s.firstUnreadSeq) : null,
        };
      })
      .sort((a, b) => Number(b.unread > 0) - Number(a.unread > 0) || b.mentions - a.mentions || b.lastSeq - a.lastSeq);
  }

  /**
   * Moves the reader's position in a channel forward to seq (capped at the channel's last message; never
   * backwards) and tells every device of theirs, so that all show the same unread counts.
   */
  async markRead(user: AuthUser, channelId: string, seq: number): Promise<{ channelId: string; lastReadSeq: number }> {
    await this.authorize(user, channelId, 'read');
    const capped = Math.min(seq, await this.channels.lastSeq(channelId));
    const lastReadSeq = Number(await this.reads.markRead(user.id, channelId, String(capped)));
    this.emitter.toUser(user.id, 'channel:read', { channelId, lastReadSeq });
    return { channelId, lastReadSeq };
  }

  /**
   * Cuts a user off a channel at once: every socket of theirs, on every app process, leaves the room and gets
   * `channel:evicted`. Call it after the removal (from a roundtable, group…) is committed; the next send or join
   * is refused by the access check anyway.
   */
  async evict(userId: string, target: string | { kind: ChannelKind; refId: string | null }): Promise<void> {
    if (typeof target !== 'string') this.accessChanged({ kind: target.kind, refId: target.refId, userId });
    const channel = typeof target === 'string' ? await this.byId(target) : await this.find(target.kind, target.refId);
    if (!channel) return;
    if (typeof target === 'string') this.accessChanged({ kind: channel.kind, refId: channel.refId, userId });
    await this.emitter.leave(userId, channelRoom(channel.id));
    this.emitter.toUser(userId, 'channel:evicted', { channelId: channel.id });
  }

  /**
   * For the demo loader: posts a thread as it would have been posted, inside the caller's transaction: consecutive
   * seqs, replies pointing at their parent (parentIndex: an earlier message of the thread), hoursAgo before now.
   */
  async importDemoThread(
    tx: Tx,
    channelId: string,
    thread: { authorId: string; clientMessageId: string; body: string; parentIndex?: number; hoursAgo: number }[],
  ): Promise<number> {
    const ids: string[] = [];
    for (const message of thread) {
      ids.push(
        await this.channels.insertDemoMessage(tx, channelId, { ...message, parentId: message.parentIndex === undefined ? null : ids[message.parentIndex] }),
      );
    }
    return ids.length;
  }
}
