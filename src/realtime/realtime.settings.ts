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
   * message:send, message:edit, message:delete per person, across all their connections on every app process: a
   * burst, refilled at a steady rate (see SendRateLimit for how the processes share the count).
   */
  writeBurst = 60;
  writesPerSecond = 20;
  /** How often each process tells the others how many writes it let through per person since it last did. */
  writeShareMs = 250;
  /** Open connections per person, on all app processes together; one more is refused at connect (rate_limited). */
  maxConnectionsPerUser = 20;
  /** channel:join, channel:leave, channel:sync, typing, auth:refresh, roadmap:watch/unwatch per connection. */
  readBurst = 120;
  readsPerSecond = 40;
}

/** When this many people have a bucket, the full ones (the same as none) are dropped. */
const SWEEP_AT = 10_000;

/**
 * The limit of message writes, per person rather than per connection: ten tabs (or ten sockets of a script) of one
 * user share one bucket, on every app process together. The send path stays local (no round trip per message): each
 * process keeps its own bucket per person and, every settings.writeShareMs, tells the others in one batch how many
 * writes it let through per person since it last did (drain → RealtimeGateway → serverSideEmit); each takes what
 * the others let through out of its own bucket (debit). So the person's writes on all processes together stay
 * within the rate, give or take what the processes let through in one share period before they hear of each other.
 * The numbers are read from RealtimeSettings at every take; a change of them starts every bucket afresh.
 */
@Injectable()
export class SendRateLimit {
  private readonly buckets = new Map<string, { tokens: number; last: number }>();
  /** Writes let through here per person since the last drain, to tell the other processes. */
  private unshared = new Map<string, number>();
  private burst = 0;
  private perSecond = 0;

  constructor(private readonly settings: RealtimeSettings) {}

  take(userId: string): boolean {
    const bucket = this.bucketOf(userId, Date.now());
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    this.unshared.set(userId, (this.unshared.get(userId) ?? 0) + 1);
    return true;
  }

  /** What this process let through per person since the last call (nothing: null), for the other processes. */
  drain(): Record<string, number> | null {
    if (!this.unshared.size) return null;
    const usage = Object.fromEntries(this.unshared);
    this.unshared = new Map();
    return usage;
  }

  /**
   * Writes another process let through: taken out of the buckets here. A bucket may go below zero (it then refills
   * before the next write passes), but not below minus one burst, so a flood elsewhere cannot shut a person out here
   * for longer than a burst takes to refill.
   */
  debit(usage: Record<string, number>): void {
    const now = Date.now();
    for (const [userId, count] of Object.entries(usage)) {
      if (typeof count !== 'number' || !Number.isFinite(count) || count <= 0) continue;
      const bucket = this.bucketOf(userId, now);
      bucket.tokens = Math.max(-this.burst, bucket.tokens - count);
    }
  }

  /** The person's bucket, refilled up to now. */
  private bucketOf(userId: string, now: number): { tokens: number; last: number } {
    const { writeBurst, writesPerSecond } = this.settings;
    if (writeBurst !== this.burst || writesPerSecond !== this.perSecond) {
      this.buckets.clear();
      this.burst = writeBurst;
      this.perSecond = writesPerSecond;
    }
    let bucket = this.buckets.get(userId);
    if (!bucket) {
      if (this.buckets.size >= SWEEP_AT) this.sweep(now);
      bucket = { tokens: writeBurst, last: now };
      this.buckets.set(userId, bucket);
    }
    bucket.tokens = Math.min(writeBurst, bucket.tokens + ((now - bucket.last) / 1000) * writesPerSecond);
    bucket.last = now;
    return bucket;
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
