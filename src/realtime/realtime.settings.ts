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
  /**
   * message:send, message:edit, message:delete per person, across all their connections to this app process: a
   * burst, refilled at a steady rate.
   */
  writeBurst = 60;
  writesPerSecond = 20;
  /** channel:join, channel:leave, channel:sync, typing, auth:refresh, roadmap:watch/unwatch per connection. */
  readBurst = 120;
  readsPerSecond = 40;
}

/** When this many people have a bucket, the full ones (the same as none) are dropped. */
const SWEEP_AT = 10_000;

/**
 * The limit of message writes, per person rather than per connection: ten tabs (or ten sockets of a script) of one
 * user share one bucket. Kept by each app process for the connections it holds (a count shared by all processes
 * would cost a round trip per message); with N processes a person spread over all of them gets up to N times it.
 * The numbers are read from RealtimeSettings at every take; a change of them starts every bucket afresh.
 */
@Injectable()
export class SendRateLimit {
  private readonly buckets = new Map<string, { tokens: number; last: number }>();
  private burst = 0;
  private perSecond = 0;

  constructor(private readonly settings: RealtimeSettings) {}

  take(userId: string): boolean {
    const { writeBurst, writesPerSecond } = this.settings;
    if (writeBurst !== this.burst || writesPerSecond !== this.perSecond) {
      this.buckets.clear();
      this.burst = writeBurst;
      this.perSecond = writesPerSecond;
    }
    const now = Date.now();
    let bucket = this.buckets.get(userId);
    if (!bucket) {
      if (this.buckets.size >= SWEEP_AT) this.sweep(now);
      bucket = { tokens: writeBurst, last: now };
      this.buckets.set(userId, bucket);
    }
    bucket.tokens = Math.min(writeBurst, bucket.tokens + ((now - bucket.last) / 1000) * writesPerSecond);
    bucket.last = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private sweep(now: number): void {
    for (const [userId, b] of this.buckets) {
      if (b.tokens + ((now - b.last) / 1000) * this.perSecond >= this.burst) this.buckets.delete(userId);
    }
  }
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
