import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RealtimeConnections } from './connections';
import { RealtimeError } from './realtime-error';
import { SendRateLimit } from './realtime.settings';
import type { RealtimeSocket } from './realtime.types';

/** How an event is limited: message writes per person (SendRateLimit), other events per connection. */
export interface RealtimeEventRule {
  limit: 'write' | 'read';
  /** Allowed after the connection's token expired (auth:refresh, to bring a fresh one). */
  allowExpired?: boolean;
}

const EVENT_RULE = 'greentable:realtime-event';
const DEFAULT_RULE: RealtimeEventRule = { limit: 'read' };

/** Declares how the guard treats a handler's event. */
export const RealtimeEvent = (rule: RealtimeEventRule) => SetMetadata(EVENT_RULE, rule);

/**
 * Before every client → server event: the connection's user is current (re-read now and then), its access token has
 * not expired (but for auth:refresh), and the event is within the rate (writes counted per person across all their
 * connections, the rest per connection). A refusal is thrown as a RealtimeError, which the filter sends as the ack.
 */
@Injectable()
export class RealtimeGuard implements CanActivate {
  private readonly rules = new WeakMap<object, RealtimeEventRule>();

  constructor(
    private readonly reflector: Reflector,
    private readonly connections: RealtimeConnections,
    private readonly writes: SendRateLimit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const socket = context.switchToWs().getClient<RealtimeSocket>();
    const rule = this.rule(context.getHandler());
    const state = rule.allowExpired ? socket.data : await this.connections.current(socket);
    if (!rule.allowExpired && Date.now() >= state.tokenExpiresAt) {
      throw new RealtimeError('unauthorized', 'The access token has expired: send auth:refresh with a fresh one');
    }
    if (!(rule.limit === 'write' ? this.writes.take(state.user.id) : state.reads.take())) {
      throw new RealtimeError('rate_limited', 'Too many events: slow down and retry');
    }
    return true;
  }

  private rule(handler: object): RealtimeEventRule {
    let rule = this.rules.get(handler);
    if (!rule) {
      rule = this.reflector.get<RealtimeEventRule | undefined>(EVENT_RULE, handler as () => void) ?? DEFAULT_RULE;
      this.rules.set(handler, rule);
    }
    return rule;
  }
}
