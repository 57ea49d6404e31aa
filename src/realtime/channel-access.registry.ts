import { Injectable } from '@nestjs/common';
import { type AuthUser, isStaff } from '../auth/auth-user';
import type { LocalizedText } from '../common/localized-text';
import type { ChannelKind } from './entities/channel.entity';

/** What a user may do in the channel of one roundtable, working group or action item. */
export interface ChannelAccess {
  read: boolean;
  post: boolean;
  /** Hide others' messages (e.g. the roundtable's facilitators). Platform admins and facilitators always may. */
  moderate?: boolean;
}

/** Answers for one kind of channel; null means the thing does not exist or is hidden from this user. */
export type ChannelAccessResolver = (user: AuthUser, refId: string) => Promise<ChannelAccess | null>;

export type EffectiveAccess = Required<ChannelAccess>;

/**
 * Which channels of one kind a user may read, for queries over many channels at once (search, unread counts):
 * all of them, all but some things, or only some. Must agree with the kind's resolver.
 */
export type ReadableScope = { all: true } | { except: string[] } | { only: string[] };

export type ReadableScopeResolver = (user: AuthUser) => Promise<ReadableScope>;

/** A thing whose discussion is one of a person's own (they take part in it, or their organization leads it). */
export interface MyThing {
  refId: string;
  title: LocalizedText;
}

export type MyThingsResolver = (user: AuthUser) => Promise<MyThing[]>;

/** The title of the thing a channel is attached to (a roundtable's title, a working group's name), or null. */
export type ThingTitleResolver = (refId: string) => Promise<LocalizedText | null>;

/** The lobby: every signed-in user reads; everyone but observers posts. */
const lobbyAccess: ChannelAccessResolver = (user) =>
  Promise.resolve({
    read: true,
    post: user.role !== 'observer',
    moderate: isStaff(user),
  });

/**
 * Who may read, post and moderate in a channel follows from the thing it is attached to, which only that thing's
 * module knows: roundtables, working groups and action items register a resolver here. A kind with no resolver
 * is hidden from everyone, so an unwired kind fails closed.
 */
@Injectable()
export class ChannelAccessRegistry {
  private readonly resolvers = new Map<ChannelKind, ChannelAccessResolver>([['lobby', lobbyAccess]]);
  private readonly scopes = new Map<ChannelKind, ReadableScopeResolver>([['lobby', () => Promise.resolve({ all: true })]]);

  private readonly mine = new Map<ChannelKind, MyThingsResolver>();
  private readonly titles = new Map<ChannelKind, ThingTitleResolver>();

  /** Sets how the things of a kind are named in notifications and mails (e.g. "mentioned you in the roundtable …"). */
  registerTitle(kind: ChannelKind, resolver: ThingTitleResolver): void {
    this.titles.set(kind, resolver);
  }

  /** The title of a channel's thing, or null when its kind names none or it is gone. */
  async titleOf(kind: ChannelKind, refId: string | null): Promise<LocalizedText | null> {
    const resolver = this.titles.get(kind);
    return resolver && refId ? resolver(refId) : null;
  }

  /** Sets which things of a kind are a person's own, whose discussions their sidebar lists. */
  registerMine(kind: ChannelKind, resolver: MyThingsResolver): void {
    this.mine.set(kind, resolver);
  }

  /** A person's own things, by kind. */
  async myThings(user: AuthUser): Promise<{ kind: ChannelKind; things: MyThing[] }[]> {
    const kinds = [...this.mine.keys()].filter((kind) => this.resolvers.has(kind));
    const lists = await Promise.all(kinds.map((kind) => this.mine.get(kind)!(user)));
    return kinds.map((kind, i) => ({ kind, things: lists[i] }));
  }

  /** Sets which channels of a kind a user may read, for set-based queries; a kind without one is read by nobody there. */
  registerScope(kind: ChannelKind, scope: ReadableScopeResolver): void {
    this.scopes.set(kind, scope);
  }

  /** The user's readable scope in every kind that has both a resolver and a scope (others fail closed: left out). */
  async readableScopes(user: AuthUser): Promise<Map<ChannelKind, ReadableScope>> {
    const kinds = [...this.scopes.keys()].filter((kind) => this.resolvers.has(kind));
    const scopes = await Promise.all(kinds.map((kind) => this.scopes.get(kind)!(user)));
    return new Map(kinds.map((kind, i) => [kind, scopes[i]]));
  }

  /** Sets the resolver for a kind; returns a function that puts the previous one back (for tests). */
  register(kind: ChannelKind, resolver: ChannelAccessResolver): () => void {
    const previous = this.resolvers.get(kind);
    this.resolvers.set(kind, resolver);
    return () => {
      if (previous) this.resolvers.set(kind, previous);
      else this.resolvers.delete(kind);
    };
  }

  has(kind: ChannelKind): boolean {
    return this.resolvers.has(kind);
  }

  /** Posting and moderating need reading; platform staff moderate whatever they can read. */
  async resolve(user: AuthUser, kind: ChannelKind, refId: string | null): Promise<EffectiveAccess | null> {
    const resolver = this.resolvers.get(kind);
    if (!resolver) return null;
    const access = await resolver(user, refId ?? '');
    if (!access) return null;
    const read = access.read === true;
    return { read, post: read && access.post === true, moderate: read && (access.moderate === true || isStaff(user)) };
  }
}
