// Loaded into a server under test by bench/realtime.ts (node --require), never by the app itself: it watches the
// server's event loop (how late its timers and I/O callbacks run: a measure of queueing in the server) and its
// garbage collector (pauses by kind), and on SIGUSR2 prints what it saw since the last SIGUSR2 as one line,
// "[probe] {json}", then starts afresh. The bench sends SIGUSR2 at the start and at the end of each step.
import { constants, monitorEventLoopDelay, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';

interface Pauses {
  count: number;
  ms: number;
  maxMs: number;
}
const none = (): Pauses => ({ count: 0, ms: 0, maxMs: 0 });

const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
let minor = none();
let major = none();
let since = performance.now();

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
    const pauses = kind === constants.NODE_PERFORMANCE_GC_MINOR ? minor : major;
    pauses.count++;
    pauses.ms += entry.duration;
    pauses.maxMs = Math.max(pauses.maxMs, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });

process.on('SIGUSR2', () => {
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const report = {
    seconds: Math.round(performance.now() - since) / 1000,
    loopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
    gc: { minor, major },
  };
  process.stdout.write(`[probe] ${JSON.stringify(report)}\n`);
  delay.reset();
  minor = none();
  major = none();
  since = performance.now();
});
