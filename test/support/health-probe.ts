import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The CPU time a process has used so far, in milliseconds (Linux: /proc/<pid>/stat). Unlike a latency it does not
 * grow when the machine is busy with other work: a process that used less than N ms of CPU over a span cannot have
 * held its event loop for longer than N ms in it.
 */
export function cpuTimeMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which is in parentheses and may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Latencies of GET /api/health, asked again as soon as each answer comes (plus `gapMs`) until stopped. */
export interface HealthProbe {
  /** Stops asking and answers every latency measured, in milliseconds, and the statuses seen. */
  stop(): Promise<{ latencies: number[]; statuses: number[]; max: number }>;
}

type WorkerMessage = { type: 'started' } | { type: 'result'; latencies: number[]; statuses: number[] } | { type: 'error'; message: string };

/**
 * Polls `${baseUrl}/api/health` over real HTTP from a process of its own (test/support/health-probe-worker.js), so
 * that the test's own work cannot delay a probe. One prober serves a whole test file: `probe()` as often as needed,
 * one at a time, then `close()`.
 */
export class HealthProber {
  private constructor(private readonly worker: ChildProcess) {}

  static async start(baseUrl: string): Promise<HealthProber> {
    const worker = fork(join(__dirname, 'health-probe-worker.js'), [baseUrl], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => {
      worker.once('spawn', resolve);
      worker.once('error', reject);
    });
    return new HealthProber(worker);
  }

  private next(): Promise<WorkerMessage> {
    return new Promise((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`the health prober exited (${code})`));
      this.worker.once('exit', exited);
      this.worker.once('message', (message: WorkerMessage) => {
        this.worker.off('exit', exited);
        resolve(message);
      });
    });
  }

  /** Starts asking; resolves once the prober has begun. */
  async probe(gapMs = 10): Promise<HealthProbe> {
    const started = this.next();
    this.worker.send({ type: 'start', gapMs });
    await started;
    return {
      stop: async () => {
        const answer = this.next();
        this.worker.send({ type: 'stop' });
        const message = await answer;
        if (message.type !== 'result') throw new Error(`the health prober failed: ${message.type === 'error' ? message.message : message.type}`);
        return { latencies: message.latencies, statuses: message.statuses, max: Math.max(0, ...message.latencies) };
      },
    };
  }

  async close(): Promise<void> {
    if (this.worker.exitCode !== null) return;
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.disconnect();
    await exited;
  }
}
