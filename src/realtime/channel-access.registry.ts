import { Injectable } from '@nestjs/common';
import { type AuthUser, isStaff } from '../auth/auth-user';
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
