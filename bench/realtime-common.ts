// Shared by bench/realtime.ts (the conductor) and bench/realtime-load.ts (the load workers it forks).

/** One simulated person: their access token and the channel they sit in. */
export interface ClientSpec {
  token: string;
  channelId: string;
  /** Where this client connects, when not the worker's url (the two-process mode: one app process through nginx). */
  url?: string;
  /** Which app process it reaches (two-process mode); fan-out between different sides is cross-process. */
  side?: number;
}

export type ToWorker =
  | { type: 'connect'; url: string; clients: ClientSpec[]; join: boolean; concurrency: number }
  | {
      type: 'step';
      step: number;
      rate: number;
      /** Sent at the rate before the measured window, not counted (the run-in). */
      leadMs: number;
      durationMs: number;
      graceMs: number;
      startAt: number;
      bodyChars: number;
      tag: string;
    }
  | { type: 'disconnect' }
  | { type: 'exit' };

export interface ConnectReport {
  type: 'connected';
  connected: number;
  failed: number;
  firstError?: string;
  ms: number;
}

export interface StepReport {
  type: 'step';
  step: number;
  /** messages scheduled and emitted during the step */
  sent: number;
  /** acks { ok: true } (any time up to the report) / of them inside the sending window */
  acked: number;
  ackedInWindow: number;
  /** acks { ok: false }, by error code; acks that never came (timeout / still pending at the report) */
  ackErrors: Record<string, number>;
  unacked: number;
  /** message:new a member should get (sent × others in the channel) / got (unique) / got inside the window */
  expected: number;
  delivered: number;
  deliveredInWindow: number;
  duplicates: number;
  /** message:new events that belong to no message of this step (stray, late from an earlier step) */
  stray: number;
  disconnects: number;
  windowMs: number;
  /** send → message:new at another member; send → ack (sparse histograms, see Histogram) */
  fanout: Record<number, number>;
  /** The part of fan-out whose sender sat on another app process (two-process mode; empty otherwise). */
  fanoutCross: Record<number, number>;
  ack: Record<number, number>;
  /** how late the sender's timer ran behind schedule, worst case (ms): the load generator's own lag */
  maxScheduleLagMs: number;
  /** how late the worker's event loop ran during the step (ms): a receipt is timed only when its turn comes */
  loopDelayMs: { p99: number; max: number };
}

/** What bench/server-probe.ts saw in a server between two asks. */
export interface ProbeReport {
  seconds: number;
  loopDelayMs: { p50: number; p99: number; max: number };
  gc: Record<'minor' | 'major', { count: number; ms: number; maxMs: number }>;
}

export type FromWorker = ConnectReport | StepReport | { type: 'disconnected' } | { type: 'error'; message: string };

/**
 * Latency histogram in milliseconds: 0.1 ms buckets below 100 ms, 1 ms buckets up to 10 s, then 100 ms buckets
 * up to 10 min. Sparse (bucket → count) so it travels cheaply between processes and merges by adding.
 */
export class Histogram {
  readonly counts = new Map<number, number>();
  total = 0;

  static bucket(ms: number): number {
    if (ms < 0) ms = 0;
    if (ms < 100) return Math.floor(ms * 10);
    if (ms < 10_000) return 1000 + Math.floor(ms - 100);
    return 10_900 + Math.min(Math.floor((ms - 10_000) / 100), 6_000);
  }

  static upper(bucket: number): number {
    if (bucket < 1000) return (bucket + 1) / 10;
    if (bucket < 10_900) return bucket - 1000 + 101;
    return 10_000 + (bucket - 10_900 + 1) * 100;
  }

  add(ms: number): void {
    const b = Histogram.bucket(ms);
    this.counts.set(b, (this.counts.get(b) ?? 0) + 1);
    this.total++;
  }

  merge(sparse: Record<number, number>): void {
    for (const [b, n] of Object.entries(sparse)) {
      this.counts.set(Number(b), (this.counts.get(Number(b)) ?? 0) + n);
      this.total += n;
    }
  }

  toJSON(): Record<number, number> {
    return Object.fromEntries(this.counts);
  }

  /** The upper edge of the bucket holding the p-th percentile (NaN when empty). */
  percentile(p: number): number {
    if (!this.total) return NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    let seen = 0;
    for (const b of [...this.counts.keys()].sort((x, y) => x - y)) {
      seen += this.counts.get(b)!;
      if (seen >= rank) return Histogram.upper(b);
    }
    return NaN;
  }
}
