import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';

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

const once = (baseUrl: string): Promise<{ ms: number; status: number }> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    // A fresh connection each time (agent: false), as a load balancer's probe would use.
    const req = httpRequest(`${baseUrl}/api/health`, { agent: false }, (res) => {
      res.resume();
      res.once('end', () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0 }));
    });
    req.once('error', reject);
    req.end();
  });

/** Polls `${baseUrl}/api/health` over real HTTP while the test does something else. */
export function probeHealth(baseUrl: string, gapMs = 10): HealthProbe {
  const latencies: number[] = [];
  const statuses: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const { ms, status } = await once(baseUrl);
      latencies.push(ms);
      statuses.push(status);
      await new Promise((r) => setTimeout(r, gapMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { latencies, statuses, max: Math.max(0, ...latencies) };
    },
  };
}
