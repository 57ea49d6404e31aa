import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';

/** Things a connection can follow live without a discussion channel of their own. */
export type WatchKind = 'roadmap';

/** The room of a watched thing: its changes are pushed there (e.g. every commitment of a roadmap, for its board). */
export const watchRoom = (kind: WatchKind, id: string) => `${kind}:${id}`;

/** Says whether a user may follow one thing; false for a thing that does not exist or is hidden from them. */
export type WatchResolver = (user: AuthUser, id: string) => Promise<boolean>;

/** The modules that own watchable things say who may watch them (as ChannelAccessRegistry does for channels). */
@Injectable()
export class WatchRegistry {
  private readonly resolvers = new Map<WatchKind, WatchResolver>();

  register(kind: WatchKind, resolver: WatchResolver): void {
    this.resolvers.set(kind, resolver);
  }

  async canWatch(user: AuthUser, kind: WatchKind, id: string): Promise<boolean> {
    const resolver = this.resolvers.get(kind);
    return resolver ? resolver(user, id) : false;
  }
}
