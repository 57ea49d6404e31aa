import { Injectable } from '@nestjs/common';

/** Tunables of the socket protocol, in one place (tests shorten the grace period). */
@Injectable()
export class RealtimeSettings {
  /** How long a socket stays connected after its access token expired, waiting for auth:refresh. */
  authGraceMs = 30_000;
  /**
   * A connection re-reads its user (role, organization, active) when its copy is older than this (less up to half,
   * at random). A safety net only: an audited change of the user or their organization makes their connections
   * re-read at once (RealtimeGateway.reread).
   */
  userRefreshMs = 120_000;
  /** Each connection re-checks its joined channels this often and leaves those it may no longer read. */
  accessRecheckMs = 60_000;
  /**
   * A successful post check of message:send is reused for up to this long (from half of it, at random, so that checks
   * do not all expire together) by the same user snapshot in the same channel;
   * evictions and audited changes of the thing or the user forget it at once (ChannelsService.authorizePost). 0: never.
   */
  postCheckReuseMs = 30_000;
  /** message:send, message:edit, message:delete per socket: a burst, refilled at a steady rate. */
  writeBurst = 60;
  writesPerSecond = 20;
  /** channel:join, channel:leave, channel:sync, typing, auth:refresh per socket. */
  readBurst = 120;
  readsPerSecond = 40;
}

/** A token bucket: `capacity` at once, then `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
  ) {
    this.tokens = capacity;
  }

  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
