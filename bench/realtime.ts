// npm run bench:realtime — the discussion channels under load (DESIGN §6: hundreds of clients, thousands of
// messages a second on two cores, each persisted before its ack).
//
// It starts its own embedded PostgreSQL in a temporary folder, then the built app (dist/src/main.js) as a child
// process on a free port, and creates BENCH_CLIENTS people (default 500) sitting in roundtables of BENCH_CHANNEL_SIZE
// (default 25) — real roundtables with participants, so every send is checked by the real access rules. Load
// workers (forked processes, BENCH_WORKERS, default 2; each holds whole channels) connect one socket.io client per
// person (websocket transport), join its roundtable's channel, and send message:send at fixed total rates, open loop
// (on schedule, whatever the acks do), each step BENCH_STEP_SECONDS long (default 8) after a run-in of
// BENCH_LEAD_SECONDS (default 2) at the same rate that is not measured. Per step it measures acks,
// message:new at the 24 others, the delivery ratio, fan-out latency (send time written into the body → receipt) and
// ack latency, and beside them what latency waits on: each server's event-loop delay and garbage-collection pauses
// (bench/server-probe.ts, loaded into the servers) and the load workers' own event-loop delay. The same load then runs against bench/reference-server.ts, a minimal socket.io + pg server, the
// baseline. Last, BENCH_IDLE (default 5,000) authenticated sockets connect and join on a fresh app and a fresh
// reference, in rounds that take turns (the time of each, compared by their medians), and sit idle after the first
// while the app's memory is read from /proc. Everything is removed at the end.
//
//   BENCH_RATES=250,500,750,1000,1500,2000,3000   the steps (messages/s in total)
//   BENCH_TARGETS=app,reference                what to load (either, both or none)
//   BENCH_IDLE=0                               skip the idle-connections part (BENCH_IDLE_TARGETS=app,reference)
//   BENCH_IDLE_ROUNDS=3                        connect + join rounds per server in it
//   BENCH_PROFILE=/tmp/prof                    the servers write CPU profiles (node --cpu-prof) there
//   BENCH_PG_STATEMENTS=1                      PostgreSQL's statements by time after each target (pg_stat_statements)
//   BENCH_PG_SETTINGS=commit_delay=100,...     PostgreSQL settings for the run (ALTER SYSTEM, then a restart)
//   BENCH_SCALEOUT=postgres,redis              two app processes behind nginx, per adapter (none: skip); BENCH_SCALEOUT_RATES=500,1000,1500
//   BENCH_CLIENTS=100 BENCH_RATES=100,200 BENCH_IDLE=500 npm run bench:realtime   a quick try
import { spawn, fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { Client } from 'pg';
import { hashPassword } from '../src/auth/passwords';
import { freePort, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { Nginx, RedisServer } from './scaleout-servers';
import { type ClientSpec, type ConnectReport, type FromWorker, Histogram, type ProbeReport, type StepReport, type ToWorker } from './realtime-common';

const int = (name: string, fallback: number, min = 1) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}`);
  return value;
};
const CLIENTS = int('BENCH_CLIENTS', 500);
const CHANNEL_SIZE = int('BENCH_CHANNEL_SIZE', 25, 2);
const WORKERS = int('BENCH_WORKERS', 2);
const STEP_SECONDS = int('BENCH_STEP_SECONDS', 8);
const GRACE_SECONDS = int('BENCH_GRACE_SECONDS', 5);
const LEAD_SECONDS = int('BENCH_LEAD_SECONDS', 2, 0);
const WARM_UP_UNTIL_S = int('BENCH_WARM_UP_UNTIL_S', 30, 0);
/** The idle sockets start connecting this long after the server said it was ready. */
const IDLE_AFTER_START_MS = 10_000;
const IDLE = int('BENCH_IDLE', 5000, 0);
/** Rounds of the idle part's connect + join per target, taking turns (the goal compares their medians). */
const IDLE_ROUNDS = int('BENCH_IDLE_ROUNDS', 3);
/** The pause after an idle round's sockets close, before the next round. */
const IDLE_SETTLE_MS = 5_000;
const BODY_CHARS = int('BENCH_BODY_CHARS', 120, 0);
const RATES = (process.env.BENCH_RATES ?? '250,500,750,1000,1500,2000,3000').split(',').map((r) => {
  const n = Number(r.trim());
  if (!Number.isFinite(n) || n <= 0) throw new Error('BENCH_RATES must be a comma-separated list of messages per second');
  return n;
});
const targets = (name: string) => {
  const list = (process.env[name] ?? 'app,reference')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t && t !== 'none');
  for (const t of list) if (t !== 'app' && t !== 'reference') throw new Error(`${name} lists app and/or reference (or none)`);
  return list as Target[];
};
const TARGETS = targets('BENCH_TARGETS');
const IDLE_TARGETS = targets('BENCH_IDLE_TARGETS');
const PG_STATEMENTS = process.env.BENCH_PG_STATEMENTS === '1';
/** PostgreSQL settings for the run, name=value separated by commas (to see what a setting changes). */
const PG_SETTINGS = (process.env.BENCH_PG_SETTINGS ?? '')
  .split(',')
  .filter((s) => s.includes('='))
  .map((s) => s.split('=').map((p) => p.trim()) as [string, string])
  .filter(([name]) => /^[a-z_.]+$/.test(name));
type Adapter = 'postgres' | 'redis';
/** Two app processes behind nginx, with each adapter (BENCH_SCALEOUT=none skips it), at these rates. */
const SCALEOUT = (process.env.BENCH_SCALEOUT ?? 'postgres,redis')
  .split(',')
  .map((a) => a.trim())
  .filter((a) => a && a !== 'none') as Adapter[];
for (const a of SCALEOUT) if (a !== 'postgres' && a !== 'redis') throw new Error('BENCH_SCALEOUT lists postgres and/or redis (or none)');
const SCALEOUT_RATES = (process.env.BENCH_SCALEOUT_RATES ?? '500,1000,1500').split(',').map(Number);
if (SCALEOUT_RATES.some((n) => !Number.isFinite(n) || n <= 0)) throw new Error('BENCH_SCALEOUT_RATES must be a comma-separated list of messages per second');

/** The goals (DESIGN §6, sharpened for this machine) and what makes a step "sustained". */
const SUSTAINED = { deliveryRatio: 0.999, fanoutP99Ms: 100 };
const GOALS = { messagesPerSecond: 1500, vsReference: 2.0, idleRssMiB: 600, connectVsReference: 1.2 };

type Target = 'app' | 'reference';
const root = resolve(__dirname, '..', '..');
/**
 * The node flags the app runs with in production (package.json's start:prod, `node <flags> dist/src/main.js`): both
 * servers under test get them, so the app is measured as deployed and the reference on the same footing.
 */
const PRODUCTION_NODE_FLAGS: string[] = (() => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = pkg.scripts['start:prod'].split(/\s+/);
  return words.slice(words.indexOf('node') + 1).filter((w) => w.startsWith('--'));
})();
const log = (message: string) => console.log(`[bench] ${message}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—');
const mib = (bytes: number) => bytes / 2 ** 20;

// ---- what the machine is doing (Linux /proc) ----

const TICK = 100; // USER_HZ
function cpuTicks(pid: number, withReapedChildren = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime + stime (+ cutime + cstime: the children it has reaped, e.g. PostgreSQL backends that ended)
    return Number(fields[11]) + Number(fields[12]) + (withReapedChildren ? Number(fields[13]) + Number(fields[14]) : 0);
  } catch {
    return 0;
  }
}
function childrenOf(ppid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === ppid) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}
function machineTicks(): { busy: number; total: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = values.map(Number);
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - n[3] - n[4], total };
}
function memoryOf(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(status.match(new RegExp(`${key}:\\s+(\\d+) kB`))?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return { rss: 0, peak: 0 };
  }
}

/** CPU used by groups of processes between start() and stop(), in cores (1.0 = one core busy). */
class CpuMeter {
  private before = new Map<string, number>();
  private machine = machineTicks();
  private at = process.hrtime.bigint();
  constructor(private readonly groups: Record<string, () => number[]>) {
    this.start();
  }
  private sample(): Map<string, number> {
    const m = new Map<string, number>();
    // The first pid of a group counts with the children it reaped, so that ended children are not lost.
    for (const [name, pids] of Object.entries(this.groups))
      m.set(
        name,
        pids().reduce((sum, pid, i) => sum + cpuTicks(pid, i === 0), 0),
      );
    return m;
  }
  start(): void {
    this.before = this.sample();
    this.machine = machineTicks();
    this.at = process.hrtime.bigint();
  }
  stop(): Record<string, number> & { machine: number } {
    const seconds = Number(process.hrtime.bigint() - this.at) / 1e9;
    const after = this.sample();
    const m = machineTicks();
    const result: Record<string, number> = {};
    for (const [name, ticks] of after) result[name] = (ticks - (this.before.get(name) ?? 0)) / TICK / seconds;
    const cores = cpus().length;
    result.machine = m.total > this.machine.total ? ((m.busy - this.machine.busy) / (m.total - this.machine.total)) * cores : 0;
    return result as Record<string, number> & { machine: number };
  }
}

// ---- the servers ----

interface Running {
  target: Target;
  child: ChildProcess;
  url: string;
  output: () => string;
  /** When it said it was ready. */
  startedAt: number;
  /** The lines of bench/server-probe.ts it printed so far, in order. */
  probes: ProbeReport[];
}

async function startServer(target: Target, env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  const script = target === 'app' ? join(root, 'dist', 'src', 'main.js') : join(root, 'dist', 'bench', 'reference-server.js');
  // BENCH_PROFILE=<folder>: the servers write V8 CPU profiles there when they stop (node --cpu-prof).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_PROFILE)}`] : [];
  // BENCH_SERVER_NODE_ARGS: more node flags for the servers (e.g. --trace-gc with BENCH_DEBUG=1).
  const extra = [...PRODUCTION_NODE_FLAGS, ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  // bench/server-probe.js watches the server's event loop and garbage collector (askProbes).
  const probe = ['--require', join(__dirname, 'server-probe.js')];
  const child = spawn(process.execPath, [...profile, ...probe, ...extra, script], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const probes: ProbeReport[] = [];
  let line = '';
  child.stdout.on('data', (c: Buffer) => {
    output += c.toString();
    if (process.env.BENCH_DEBUG) process.stdout.write(c);
    const lines = (line + c.toString()).split('\n');
    line = lines.pop()!;
    for (const l of lines) if (l.startsWith('[probe] ')) probes.push(JSON.parse(l.slice('[probe] '.length)) as ProbeReport);
  });
  child.stderr.on('data', (c: Buffer) => {
    output += c.toString();
    if (process.env.BENCH_DEBUG) process.stderr.write(c);
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the ${target} server exited:\n${output}`);
    if (/ready on/.test(output)) return { target, child, url: `http://127.0.0.1:${port}`, output: () => output, startedAt: Date.now(), probes };
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`the ${target} server did not start within 2 minutes:\n${output}`);
}

/** What each server's probe saw since it was last asked (SIGUSR2; see bench/server-probe.ts), once all have answered. */
async function askProbes(servers: Running[]): Promise<ProbeReport[]> {
  // A server that died (its end is reported when it is stopped) has nothing to say.
  const alive = (s: Running) => s.child.exitCode === null && s.child.signalCode === null;
  const before = servers.map((s) => s.probes.length);
  for (const s of servers) if (alive(s)) s.child.kill('SIGUSR2');
  const deadline = Date.now() + 5000;
  while (servers.some((s, i) => alive(s) && s.probes.length === before[i])) {
    if (Date.now() > deadline) throw new Error('a server under test did not answer its probe (SIGUSR2) within 5 s');
    await sleep(20);
  }
  const answers = servers.filter((s, i) => s.probes.length > before[i]).map((s) => s.probes[s.probes.length - 1]);
  const silent: ProbeReport = {
    seconds: 0,
    loopDelayMs: { p50: NaN, p99: NaN, max: NaN },
    gc: { minor: { count: 0, ms: 0, maxMs: 0 }, major: { count: 0, ms: 0, maxMs: 0 } },
  };
  return answers.length ? answers : [silent];
}

async function stopServer(server: Running): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) {
    // It died during the run: say so, with the end of what it wrote.
    log(`the ${server.target} server (pid ${child.pid}) had exited during the run (${child.signalCode ?? `code ${child.exitCode}`}); its last output:`);
    console.log(server.output().split('\n').slice(-25).join('\n'));
    return;
  }
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

// ---- the load workers ----

class Worker {
  private waiting: Array<(m: FromWorker) => void> = [];
  constructor(readonly child: ChildProcess) {
    child.on('message', (m: FromWorker) => {
      if (m.type === 'error') {
        console.error(`[bench] load worker ${child.pid} failed:\n${m.message}`);
        process.exitCode = 1;
      }
      this.waiting.shift()?.(m);
    });
  }
  static start(): Worker {
    const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_PROFILE, 'load')}`] : [];
    return new Worker(fork(join(__dirname, 'realtime-load.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: profile }));
  }
  /** Asks the worker to close its sockets and exit (so that a CPU profile gets written), then makes sure it did. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.send({ type: 'exit' } satisfies ToWorker);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
  ask<T extends FromWorker>(command: ToWorker): Promise<T> {
    return new Promise((resolvePromise, reject) => {
      const onExit = (code: number) => reject(new Error(`load worker exited with ${code}`));
      this.child.once('exit', onExit);
      this.waiting.push((m) => {
        this.child.off('exit', onExit);
        if (m.type === 'error') reject(new Error(m.message));
        else resolvePromise(m as T);
      });
      this.child.send(command);
    });
  }
}

/** Whole channels to each worker, round robin. */
function share(specs: ClientSpec[], workers: number): ClientSpec[][] {
  const byChannel = new Map<string, ClientSpec[]>();
  for (const s of specs) byChannel.set(s.channelId, [...(byChannel.get(s.channelId) ?? []), s]);
  const shares: ClientSpec[][] = Array.from({ length: workers }, () => []);
  [...byChannel.values()].forEach((members, i) => shares[i % workers].push(...members));
  return shares;
}

async function connectAll(
  workers: Worker[],
  url: string,
  specs: ClientSpec[],
  join: boolean,
): Promise<{ connected: number; failed: number; ms: number; firstError?: string }> {
  const shares = share(specs, workers.length);
  const reports = await Promise.all(workers.map((w, i) => w.ask<ConnectReport>({ type: 'connect', url, clients: shares[i], join, concurrency: 50 })));
  return {
    connected: reports.reduce((s, r) => s + r.connected, 0),
    failed: reports.reduce((s, r) => s + r.failed, 0),
    ms: Math.max(...reports.map((r) => r.ms)),
    firstError: reports.find((r) => r.firstError)?.firstError,
  };
}

interface StepResult {
  rate: number;
  sent: number;
  acked: number;
  ackedPerSecond: number;
  deliveriesPerSecond: number;
  deliveredMessagesPerSecond: number;
  ratio: number;
  fanoutP50: number;
  fanoutP99: number;
  /** Fan-out from a sender on one app process to a receiver on another (two-process mode). */
  crossP50: number;
  crossP99: number;
  ackP50: number;
  ackP99: number;
  errors: number;
  errorDetail: string;
  cpu: Record<string, number>;
  serverPeakRss: number;
  maxScheduleLagMs: number;
  /** The servers' probes over the step (the worst event-loop delays, the garbage collection of all of them). */
  probe: ProbeReport;
  /** What PostgreSQL did besides the load over the step. */
  database: DatabaseActivity;
  /** The load workers' event-loop delay over the step, the worst of them. */
  loadLoopDelayMs: { p99: number; max: number };
  sustained: boolean;
}

/** PostgreSQL's own pauses: checkpoints (with their write and sync time) and autovacuum / autoanalyze of messages. */
interface DatabaseActivity {
  checkpoints: number;
  checkpointWriteMs: number;
  checkpointSyncMs: number;
  autovacuums: number;
  autoanalyzes: number;
}

async function databaseActivity(pg: Client): Promise<DatabaseActivity> {
  const {
    rows: [c],
  } = await pg.query<{ n: string; write_ms: number; sync_ms: number }>(
    'SELECT num_timed + num_requested AS n, write_time AS write_ms, sync_time AS sync_ms FROM pg_stat_checkpointer',
  );
  const {
    rows: [t],
  } = await pg.query<{ vacuums: string; analyzes: string }>(
    `SELECT autovacuum_count AS vacuums, autoanalyze_count AS analyzes FROM pg_stat_user_tables WHERE relname = 'messages'`,
  );
  return {
    checkpoints: Number(c.n),
    checkpointWriteMs: c.write_ms,
    checkpointSyncMs: c.sync_ms,
    autovacuums: Number(t?.vacuums ?? 0),
    autoanalyzes: Number(t?.analyzes ?? 0),
  };
}

const activitySince = (before: DatabaseActivity, after: DatabaseActivity): DatabaseActivity => ({
  checkpoints: after.checkpoints - before.checkpoints,
  checkpointWriteMs: after.checkpointWriteMs - before.checkpointWriteMs,
  checkpointSyncMs: after.checkpointSyncMs - before.checkpointSyncMs,
  autovacuums: after.autovacuums - before.autovacuums,
  autoanalyzes: after.autoanalyzes - before.autoanalyzes,
});

async function runStep(
  workers: Worker[],
  rate: number,
  step: number,
  tag: string,
  cpu: CpuMeter,
  servers: Running[],
  pg: Client,
  seconds = STEP_SECONDS,
): Promise<StepResult> {
  const startAt = Date.now() + 300;
  // Each measured step first runs in at its rate (not for the warm-up, step 0): what is measured is the rate held,
  // not the moment the machine goes from the pause between steps to it (see the README, 7 December 2026).
  const leadMs = step > 0 ? LEAD_SECONDS * 1000 : 0;
  const windowAt = startAt + leadMs;
  let peak = 0;
  const serverPids = servers.map((s) => s.child.pid!);
  const sampler = setInterval(() => (peak = Math.max(peak, ...serverPids.map((pid) => memoryOf(pid).rss))), 250);
  const reporting = Promise.all(
    workers.map((w) =>
      w.ask<StepReport>({
        type: 'step',
        step,
        rate: rate / workers.length,
        leadMs,
        durationMs: seconds * 1000,
        graceMs: GRACE_SECONDS * 1000,
        startAt,
        bodyChars: BODY_CHARS,
        tag,
      }),
    ),
  );
  // The servers' probes, the database's counters and the CPU meter start with the measured window.
  await sleep(Math.max(0, windowAt - 200 - Date.now()));
  await askProbes(servers);
  const databaseBefore = await databaseActivity(pg);
  await sleep(Math.max(0, windowAt - Date.now()));
  cpu.start();
  const reports = await reporting;
  const usage = cpu.stop();
  clearInterval(sampler);
  const probes = await askProbes(servers);
  const database = activitySince(databaseBefore, await databaseActivity(pg));
  const sum = (f: (r: StepReport) => number) => reports.reduce((s, r) => s + f(r), 0);
  const fanout = new Histogram();
  const cross = new Histogram();
  const ack = new Histogram();
  const errors: Record<string, number> = {};
  for (const r of reports) {
    fanout.merge(r.fanout);
    cross.merge(r.fanoutCross);
    ack.merge(r.ack);
    for (const [code, n] of Object.entries(r.ackErrors)) errors[code] = (errors[code] ?? 0) + n;
  }
  const unacked = sum((r) => r.unacked);
  if (unacked) errors['no ack'] = unacked;
  const duplicates = sum((r) => r.duplicates);
  if (duplicates) errors.duplicate = duplicates;
  const disconnects = sum((r) => r.disconnects);
  if (disconnects) errors.disconnect = disconnects;
  const sent = sum((r) => r.sent);
  const acked = sum((r) => r.acked);
  const expected = sum((r) => r.expected);
  const delivered = sum((r) => r.delivered);
  const ratio = expected ? delivered / expected : 0;
  const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
  const fanoutP99 = fanout.percentile(99);
  const reached = sent ? expected / sent : CHANNEL_SIZE - 1;
  return {
    rate,
    sent,
    acked,
    ackedPerSecond: sum((r) => r.ackedInWindow) / seconds,
    deliveriesPerSecond: sum((r) => r.deliveredInWindow) / seconds,
    deliveredMessagesPerSecond: sum((r) => r.deliveredInWindow) / reached / seconds,
    ratio,
    fanoutP50: fanout.percentile(50),
    fanoutP99,
    crossP50: cross.percentile(50),
    crossP99: cross.percentile(99),
    ackP50: ack.percentile(50),
    ackP99: ack.percentile(99),
    errors: errorCount,
    errorDetail: Object.entries(errors)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
    cpu: usage,
    serverPeakRss: peak,
    maxScheduleLagMs: Math.max(...reports.map((r) => r.maxScheduleLagMs)),
    probe: worstOf(probes),
    database,
    loadLoopDelayMs: { p99: Math.max(...reports.map((r) => r.loopDelayMs.p99)), max: Math.max(...reports.map((r) => r.loopDelayMs.max)) },
    sustained: ratio >= SUSTAINED.deliveryRatio && acked === sent && errorCount === 0 && fanoutP99 <= SUSTAINED.fanoutP99Ms,
  };
}

/** Several servers' probes as one: the worst event-loop delays, the garbage collection of all of them. */
function worstOf(probes: ProbeReport[]): ProbeReport {
  const gc = (kind: 'minor' | 'major') => ({
    count: probes.reduce((n, p) => n + p.gc[kind].count, 0),
    ms: probes.reduce((n, p) => n + p.gc[kind].ms, 0),
    maxMs: Math.max(...probes.map((p) => p.gc[kind].maxMs)),
  });
  const delay = (f: 'p50' | 'p99' | 'max') => Math.max(...probes.map((p) => p.loopDelayMs[f]));
  return {
    seconds: Math.max(...probes.map((p) => p.seconds)),
    loopDelayMs: { p50: delay('p50'), p99: delay('p99'), max: delay('max') },
    gc: { minor: gc('minor'), major: gc('major') },
  };
}

/** CPU used meanwhile by processes that are not part of this run (other work on the machine). */
const others = (s: StepResult) => Math.max(0, s.cpu.machine - s.cpu.server - s.cpu.postgres - s.cpu.load);

function printSteps(title: string, steps: StepResult[]): void {
  const crossing = steps.some((s) => Number.isFinite(s.crossP99));
  const header = [
    'offered msg/s',
    'acked msg/s',
    'delivered msg/s',
    'deliveries/s',
    'delivery ratio',
    'fan-out p50 / p99 ms',
    ...(crossing ? ['across processes p50 / p99 ms'] : []),
    'ack p50 / p99 ms',
    'errors',
    'CPU cores: server / pg / load gen / others',
    'sustained',
  ];
  const rows = steps.map((s) => [
    fmt(s.rate),
    fmt(s.ackedPerSecond),
    fmt(s.deliveredMessagesPerSecond),
    fmt(s.deliveriesPerSecond),
    s.ratio >= 0.9995 && s.ratio < 1 ? s.ratio.toFixed(5) : s.ratio.toFixed(4),
    `${fmt(s.fanoutP50, 1)} / ${fmt(s.fanoutP99, 1)}`,
    ...(crossing ? [`${fmt(s.crossP50, 1)} / ${fmt(s.crossP99, 1)}`] : []),
    `${fmt(s.ackP50, 1)} / ${fmt(s.ackP99, 1)}`,
    s.errors ? `${s.errors} (${s.errorDetail})` : '0',
    `${s.cpu.server.toFixed(2)} / ${s.cpu.postgres.toFixed(2)} / ${s.cpu.load.toFixed(2)} / ${others(s).toFixed(2)}`,
    s.sustained ? 'yes' : 'no',
  ]);
  console.log(`\n${title}`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map((h, i) => (i === 0 ? '---:' : i === header.length - 1 ? ':---:' : '---:')).join(' | ')} |`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  // What fan-out latency waits on besides the work itself: a server's event loop running late (queueing, garbage
  // collection), the load generator's own (a receipt is timed only when the worker's turn comes), and PostgreSQL's
  // checkpoints and autovacuum (a commit waits for its WAL to reach the disk, which they share).
  console.log(`\n${title}: where the waiting is (the step and its grace period; the servers' worst, their garbage collection together)`);
  console.log(
    '| offered msg/s | fan-out p99 ms | server event-loop delay p50 / p99 / max ms | server GC scavenges: count · total / longest ms | server GC full (and incremental steps): count · total / longest ms | load generator event-loop delay p99 / max ms | PostgreSQL checkpoints: count · write / sync ms | autovacuum / autoanalyze of messages |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const s of steps) {
    const { loopDelayMs: d, gc } = s.probe;
    console.log(
      `| ${fmt(s.rate)} | ${fmt(s.fanoutP99, 1)} | ${fmt(d.p50, 1)} / ${fmt(d.p99, 1)} / ${fmt(d.max, 1)} | ${fmt(gc.minor.count)} · ${fmt(gc.minor.ms)} / ${fmt(gc.minor.maxMs, 1)} | ` +
        `${fmt(gc.major.count)} · ${fmt(gc.major.ms)} / ${fmt(gc.major.maxMs, 1)} | ${fmt(s.loadLoopDelayMs.p99, 1)} / ${fmt(s.loadLoopDelayMs.max, 1)} | ` +
        `${fmt(s.database.checkpoints)} · ${fmt(s.database.checkpointWriteMs)} / ${fmt(s.database.checkpointSyncMs)} | ${fmt(s.database.autovacuums)} / ${fmt(s.database.autoanalyzes)} |`,
    );
  }
}

// ---- the world: people, roundtables, channels ----

interface World {
  specs: ClientSpec[];
}

async function createWorld(pg: Client, people: number, jwtSecret: string): Promise<World> {
  const constituencies = ['government', 'employers', 'workers'];
  const orgs = (
    await pg.query<{ id: string }>(
      `INSERT INTO organizations (name, constituency, region)
       SELECT jsonb_build_object('en', 'Bench ' || c || ' organization', 'zh', '基准' || c), c, 'Jiangsu' FROM unnest($1::text[]) c
       RETURNING id`,
      [constituencies],
    )
  ).rows.map((r) => r.id);
  const hash = await hashPassword(randomBytes(12).toString('hex'));
  // No daily digest for them (digest_hour NULL): at their hour the app would check all of them, a few statements each,
  // in whatever step happens to run then.
  const users = (
    await pg.query<{ id: string; org: string; n: number }>(
      `INSERT INTO users (email, password_hash, display_name, organization_id, role, digest_hour)
       SELECT 'bench-' || g || '@bench.greentable', $1, 'Bench Person ' || g, ($2::uuid[])[1 + g % cardinality($2::uuid[])], 'member', NULL
         FROM generate_series(0, $3 - 1) g
       RETURNING id, organization_id AS org, substring(email from 'bench-(\\d+)@')::int AS n`,
      [hash, orgs, people],
    )
  ).rows.sort((a, b) => a.n - b.n);
  const tables = Math.ceil(people / CHANNEL_SIZE);
  const roundtables = (
    await pg.query<{ id: string }>(
      `INSERT INTO roundtables (title, starts_at, ends_at, status, visibility)
       SELECT jsonb_build_object('en', 'Bench roundtable ' || g), now(), now() + interval '1 day', 'open', 'participants'
         FROM generate_series(0, $1 - 1) g
       RETURNING id`,
      [tables],
    )
  ).rows.map((r) => r.id);
  await pg.query(
    `INSERT INTO roundtable_participants (roundtable_id, user_id, role) SELECT r, u, 'participant' FROM unnest($1::uuid[], $2::uuid[]) AS t(r, u)`,
    [users.map((_, i) => roundtables[Math.floor(i / CHANNEL_SIZE)]), users.map((u) => u.id)],
  );
  const channels = new Map<string, string>(
    (
      await pg.query<{ id: string; ref_id: string }>(
        `INSERT INTO channels (kind, ref_id) SELECT 'roundtable', r FROM unnest($1::uuid[]) r RETURNING id, ref_id`,
        [roundtables],
      )
    ).rows.map((r) => [r.ref_id, r.id]),
  );
  const jwt = new JwtService({ secret: jwtSecret });
  const specs = users.map((u, i) => ({
    token: jwt.sign({ sub: u.id, role: 'member', org: u.org }, { expiresIn: 6 * 3600 }),
    channelId: channels.get(roundtables[Math.floor(i / CHANNEL_SIZE)])!,
  }));
  return { specs };
}

async function resetMessages(pg: Client): Promise<void> {
  // CASCADE: what hangs off messages (reactions, attachments, translations) goes with them; the bench makes none.
  await pg.query('TRUNCATE messages, message_revisions, notifications CASCADE');
  await pg.query('UPDATE channels SET last_seq = 0');
  await pg.query('VACUUM ANALYZE messages, channels');
  await pg.query('CHECKPOINT');
  if (PG_STATEMENTS) await pg.query('SELECT pg_stat_statements_reset()');
}

/** BENCH_PG_STATEMENTS=1: what PostgreSQL spent its time on during a target's run, by statement. */
async function printStatements(pg: Client, target: string): Promise<void> {
  // pg returns bigint and numeric columns as strings.
  const { rows } = await pg.query<{ calls: string; total_ms: number; mean_ms: string; plan_ms: number; rows: string; query: string }>(
    `SELECT calls, round(total_exec_time)::int AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms,
            round(total_plan_time)::int AS plan_ms, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY total_exec_time + total_plan_time DESC LIMIT 12`,
  );
  console.log(`\nPostgreSQL statements during the ${target} run (pg_stat_statements, by time)`);
  console.log('| calls | exec ms total | mean ms | plan ms total | rows | statement |');
  console.log('| ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows) console.log(`| ${r.calls} | ${r.total_ms} | ${r.mean_ms} | ${r.plan_ms} | ${r.rows} | ${r.query.replace(/\|/g, '\\|')} |`);
}

/** Every committed message is there once, and each channel's seqs run 1…n without a gap. */
async function checkDatabase(pg: Client): Promise<{ rows: number; gapless: boolean }> {
  const { rows } = await pg.query<{ id: string; last: number; n: number; max: number; distinct_seqs: number }>(
    `SELECT c.id, c.last_seq::int AS last, count(m.id)::int AS n, coalesce(max(m.seq), 0)::int AS max, count(DISTINCT m.seq)::int AS distinct_seqs
       FROM channels c LEFT JOIN messages m ON m.channel_id = c.id GROUP BY c.id`,
  );
  return {
    rows: rows.reduce((s, r) => s + r.n, 0),
    gapless: rows.every((r) => r.n === r.max && r.n === r.last && r.distinct_seqs === r.n),
  };
}

// ---- the parts of the run ----

interface LoadResult {
  target: string;
  steps: StepResult[];
  sustained: number;
  connectMs: number;
  db: { rows: number; gapless: boolean };
  acked: number;
}

async function loadTarget(target: Target, env: Record<string, string>, world: World, pg: Client, postgresPid: number): Promise<LoadResult> {
  await resetMessages(pg);
  const server = await startServer(target, env);
  try {
    return await runLoad(target, [server], server.url, world.specs.slice(0, CLIENTS), pg, postgresPid);
  } finally {
    await stopServer(server);
  }
}

/**
 * Two app processes behind Debian's nginx, rooms shared through PostgreSQL or Redis. Each channel's members alternate
 * between the two processes, each reaching its process through an nginx port pinned to it, so about half of every
 * fan-out crosses processes; that part's latency is printed on its own.
 */
async function loadScaleout(adapter: Adapter, env: Record<string, string>, world: World, pg: Client, postgresPid: number): Promise<LoadResult> {
  await resetMessages(pg);
  const redis = adapter === 'redis' ? await RedisServer.start() : undefined;
  const adapterEnv = redis ? { ...env, REDIS_URL: redis.url } : env;
  const servers = await Promise.all([startServer('app', adapterEnv), startServer('app', adapterEnv)]);
  const nginx = await Nginx.start(
    servers.map((s) => Number(new URL(s.url).port)),
    { pinned: true },
  );
  try {
    const specs = world.specs.slice(0, CLIENTS).map((spec, i) => ({ ...spec, side: i % 2, url: nginx.pinnedUrl(i % 2) }));
    return await runLoad(`2 apps + nginx, ${adapter}`, servers, nginx.url, specs, pg, postgresPid);
  } finally {
    await nginx.stop();
    await Promise.all(servers.map(stopServer));
    await redis?.stop();
  }
}

async function runLoad(label: string, servers: Running[], url: string, specs: ClientSpec[], pg: Client, postgresPid: number): Promise<LoadResult> {
  const workers = Array.from({ length: WORKERS }, () => Worker.start());
  const serverPids = servers.map((s) => s.child.pid!);
  try {
    const connected = await connectAll(workers, url, specs, true);
    if (connected.failed) throw new Error(`${connected.failed} of ${specs.length} clients could not connect or join: ${connected.firstError}`);
    log(`${label}: ${connected.connected} clients connected and joined in ${fmt(connected.ms / 1000, 1)} s`);
    const cpu = new CpuMeter({
      server: () => serverPids,
      postgres: () => [postgresPid, ...childrenOf(postgresPid)],
      load: () => [...workers.map((w) => w.child.pid!), process.pid],
    });
    const tag = `${label.replace(/\W/g, '')}${Date.now().toString(36)}`;
    // Warm-up, not reported: JIT, connection pools, and the start-up of the app's socket.io adapter (until it has
    // listened 7 s a new process also publishes every broadcast to the database for processes it has not heard from yet).
    // Until at least WARM_UP_UNTIL_S after the server said it was ready, and 3 s at the least; the same for both.
    const startedAt = Math.max(...servers.map((s) => s.startedAt));
    const warmUpSeconds = Math.max(3, Math.ceil(WARM_UP_UNTIL_S - (Date.now() - startedAt) / 1000));
    log(`${label}: warming up for ${warmUpSeconds} s at ${fmt(Math.min(200, RATES[0]))} msg/s`);
    await runStep(workers, Math.min(200, RATES[0]), 0, tag, cpu, servers, pg, warmUpSeconds);
    await sleep(1000);
    const rates = servers.length > 1 ? SCALEOUT_RATES : RATES;
    const steps: StepResult[] = [];
    for (const [i, rate] of rates.entries()) {
      const result = await runStep(workers, rate, i + 1, tag, cpu, servers, pg);
      steps.push(result);
      log(
        `${label} ${fmt(rate)} msg/s: acked ${fmt(result.ackedPerSecond)}/s, ${fmt(result.deliveriesPerSecond)} deliveries/s, ratio ${result.ratio.toFixed(4)}, ` +
          `fan-out p99 ${fmt(result.fanoutP99, 1)} ms${servers.length > 1 ? ` (across processes p50 ${fmt(result.crossP50, 1)} / p99 ${fmt(result.crossP99, 1)} ms)` : ''}, ` +
          `ack p99 ${fmt(result.ackP99, 1)} ms, errors ${result.errors}${result.errors ? ` (${result.errorDetail})` : ''}, ` +
          `CPU server ${result.cpu.server.toFixed(2)} pg ${result.cpu.postgres.toFixed(2)} load ${result.cpu.load.toFixed(2)} others ${others(result).toFixed(2)}` +
          `${result.maxScheduleLagMs > 50 ? `, load-generator timer lag up to ${fmt(result.maxScheduleLagMs)} ms` : ''}`,
      );
      // Far past saturation (acks falling behind by seconds): the higher steps can only be worse.
      if (!result.sustained && (result.ackedPerSecond < 0.9 * rate || result.fanoutP99 > 2000)) {
        log(`${label} is saturated at ${fmt(rate)} msg/s; skipping the higher steps`);
        break;
      }
      await sleep(2000);
    }
    const sustained = Math.max(0, ...steps.filter((s) => s.sustained).map((s) => s.rate));
    await Promise.all(workers.map((w) => w.ask({ type: 'disconnect' })));
    const db = await checkDatabase(pg);
    if (PG_STATEMENTS) await printStatements(pg, label);
    return { target: label, steps, sustained, connectMs: connected.ms, db, acked: steps.reduce((s, r) => s + r.acked, 0) };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}

interface IdleRound {
  connectSeconds: number;
  /** CPU spent while they connected and joined, in core-seconds: the server process, PostgreSQL, the load workers. */
  connectCpu: { server: number; postgres: number; load: number };
}

interface IdleResult {
  target: Target;
  sockets: number;
  /** Each round's connect + join, in the order they ran (the first on a fresh server). */
  rounds: IdleRound[];
  rssBefore: number;
  rss: number;
  peak: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const connectMedian = (i: IdleResult) => median(i.rounds.map((r) => r.connectSeconds));

/** One target's servers and load workers for the idle part, and what its rounds measured. */
interface IdleSide {
  target: Target;
  server: Running;
  workers: Worker[];
  result: IdleResult;
}

/** Connects and joins every idle socket to one side's server, measuring the time and the CPU it took. */
async function idleRound(side: IdleSide, specs: ClientSpec[], pg: Client, postgresPid: number, first: boolean): Promise<void> {
  const { server, workers, target } = side;
  if (first) side.result.rssBefore = memoryOf(server.child.pid!).rss;
  if (PG_STATEMENTS && first) await pg.query('SELECT pg_stat_statements_reset()');
  const cpu = new CpuMeter({
    server: () => [server.child.pid!],
    postgres: () => [postgresPid, ...childrenOf(postgresPid)],
    load: () => workers.map((w) => w.child.pid!),
  });
  const connected = await connectAll(workers, server.url, specs, true);
  const cores = cpu.stop();
  const seconds = connected.ms / 1000;
  if (PG_STATEMENTS && first) await printStatements(pg, `${target} connect + join`);
  if (connected.failed) throw new Error(`${connected.failed} of ${specs.length} idle clients could not connect or join: ${connected.firstError}`);
  side.result.sockets = connected.connected;
  side.result.rounds.push({
    connectSeconds: seconds,
    connectCpu: { server: cores.server * seconds, postgres: cores.postgres * seconds, load: cores.load * seconds },
  });
  const perSocket = (coreSeconds: number) => fmt((coreSeconds * seconds * 1000) / Math.max(1, connected.connected), 2);
  log(
    `${target}: ${connected.connected} idle sockets connected and joined in ${fmt(seconds, 1)} s (round ${side.result.rounds.length}; ` +
      `CPU per socket: server ${perSocket(cores.server)}, PostgreSQL ${perSocket(cores.postgres)}, load workers ${perSocket(cores.load)} ms)`,
  );
  if (first) {
    log(`${target}: letting them sit 10 s`);
    await sleep(10_000);
    Object.assign(side.result, memoryOf(server.child.pid!));
  }
  await Promise.all(workers.map((w) => w.ask({ type: 'disconnect' })));
  // The server closes them and the room hears who left: let it settle before the next round measures anything.
  await sleep(IDLE_SETTLE_MS);
}

/**
 * The idle part: BENCH_IDLE authenticated sockets connect and join, on a fresh server of each target, in
 * BENCH_IDLE_ROUNDS rounds that alternate which target goes first (app, reference; reference, app; …), each target
 * with load workers of its own. The first round also lets the sockets sit 10 s and reads the server's memory. The
 * machine's speed drifts from minute to minute (the same round takes 6 to 10 s), so the targets take turns and the
 * comparison is between their median times.
 */
async function idlePart(targets: Target[], env: Record<string, string>, world: World, pg: Client, postgresPid: number): Promise<IdleResult[]> {
  const sides: IdleSide[] = [];
  try {
    for (const target of targets) {
      const server = await startServer(target, env);
      const workers = Array.from({ length: WORKERS }, () => Worker.start());
      sides.push({ target, server, workers, result: { target, sockets: 0, rounds: [], rssBefore: 0, rss: 0, peak: 0 } });
    }
    // Servers that have finished starting, as the load steps' warm-up also waits for: until its socket.io adapter has
    // listened 7 s, a new app process publishes every broadcast (here each presence frame) to the database for
    // processes it has not heard from yet. The same wait for both servers.
    const lastStart = Math.max(...sides.map((s) => s.server.startedAt));
    await sleep(Math.max(0, IDLE_AFTER_START_MS - (Date.now() - lastStart)));
    const specs = world.specs.slice(0, IDLE);
    for (let round = 0; round < IDLE_ROUNDS; round++) {
      const order = round % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) await idleRound(side, specs, pg, postgresPid, round === 0);
    }
    return sides.map((s) => s.result);
  } finally {
    for (const side of sides) {
      await Promise.all(side.workers.map((w) => w.stop()));
      await stopServer(side.server);
    }
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'greentable-bench-realtime-'));
  chmodSync(dir, 0o755); // as root the database runs as the postgres user, who must reach its folder inside this one
  const load = loadavg();
  log(`${CLIENTS} clients in channels of ${CHANNEL_SIZE}, ${WORKERS} load workers, steps ${RATES.join(', ')} msg/s × ${STEP_SECONDS} s; idle ${IDLE}`);
  const openFiles = readFileSync('/proc/self/limits', 'utf8').match(/Max open files\s+(\d+)/)?.[1] ?? '?';
  log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${load.map((l) => l.toFixed(2)).join(' ')}; open files limit ${openFiles}; working in ${dir}`,
  );
  let db = await startEmbeddedPostgres(join(dir, 'db'), 'greentable_bench');
  if (PG_STATEMENTS || PG_SETTINGS.length) {
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    if (PG_STATEMENTS) {
      await admin.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
      await admin.query(`ALTER SYSTEM SET pg_stat_statements.track_planning = 'on'`);
    }
    for (const [name, value] of PG_SETTINGS) await admin.query(`ALTER SYSTEM SET ${name} = '${value.replace(/'/g, "''")}'`);
    await admin.end();
    await db.stop();
    db = await startEmbeddedPostgres(join(dir, 'db'), 'greentable_bench');
  }
  const postgresPid = Number(readFileSync(join(dir, 'db', 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const pg = new Client({ connectionString: db.url });
  const jwtSecret = randomBytes(36).toString('base64url');
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    DATA_DIR: join(dir, 'app'),
    JWT_SECRET: jwtSecret,
    ACCESS_TOKEN_TTL_SECONDS: String(6 * 3600),
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
  };
  const results: LoadResult[] = [];
  const idle: IdleResult[] = [];
  try {
    // The app's first start applies the migrations; then the world goes in straight through SQL.
    await stopServer(await startServer('app', env));
    await pg.connect();
    if (PG_STATEMENTS) await pg.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const people = Math.max(CLIENTS, IDLE);
    const world = await createWorld(pg, people, jwtSecret);
    log(`created ${people} people in ${Math.ceil(people / CHANNEL_SIZE)} roundtables (participants; one channel each)`);

    for (const target of TARGETS) results.push(await loadTarget(target, env, world, pg, postgresPid));
    for (const adapter of SCALEOUT) results.push(await loadScaleout(adapter, env, world, pg, postgresPid));
    if (IDLE > 0 && IDLE_TARGETS.length) idle.push(...(await idlePart(IDLE_TARGETS, env, world, pg, postgresPid)));
  } finally {
    await pg.end().catch(() => undefined);
    await db.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }

  // ---- the report ----
  const after = loadavg();
  console.log('');
  console.log(`GreenTable realtime benchmark — ${CLIENTS} clients (socket.io, websocket) in channels of ${CHANNEL_SIZE}, open-loop steps of ${STEP_SECONDS} s`);
  console.log(
    `machine: ${cpus().length} cores; load average before ${load.map((l) => l.toFixed(2)).join(' ')}, after ${after.map((l) => l.toFixed(2)).join(' ')}`,
  );
  console.log(
    `sustained = delivery ratio ≥ ${SUSTAINED.deliveryRatio}, every message acked, no errors, fan-out p99 ≤ ${SUSTAINED.fanoutP99Ms} ms. ` +
      'CPU in cores (of 2): the server process / PostgreSQL / the load generator / other processes on the machine.',
  );
  for (const r of results) {
    printSteps(
      `${r.target === 'app' ? 'The app (dist/src/main.js)' : r.target === 'reference' ? 'The reference (bench/reference-server.ts)' : r.target} — sustained ${fmt(r.sustained)} msg/s; ` +
        `database: ${r.db.rows.toLocaleString('en-US')} messages, seqs ${r.db.gapless ? 'gapless' : 'WITH GAPS'}; ` +
        `server RSS up to ${fmt(mib(Math.max(...r.steps.map((s) => s.serverPeakRss))))} MiB under load`,
      r.steps,
    );
  }
  if (idle.length) {
    console.log(
      `\nIdle connections (authenticated, each joined to its channel; ${IDLE_ROUNDS} rounds per server taking turns, memory after the first and 10 s)`,
    );
    console.log(
      '| server | sockets | connect + join time, each round | median | server CPU per socket (median) | PostgreSQL / load workers CPU per socket (median) | RSS before | RSS with the sockets | peak RSS | per socket |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const i of idle) {
      const perSocketMs = (pick: (r: IdleRound) => number) => fmt((median(i.rounds.map(pick)) * 1000) / Math.max(1, i.sockets), 2);
      console.log(
        `| ${i.target} | ${fmt(i.sockets)} | ${i.rounds.map((r) => `${fmt(r.connectSeconds, 1)} s`).join(', ')} | ${fmt(connectMedian(i), 1)} s | ` +
          `${perSocketMs((r) => r.connectCpu.server)} ms | ${perSocketMs((r) => r.connectCpu.postgres)} / ${perSocketMs((r) => r.connectCpu.load)} ms | ` +
          `${fmt(mib(i.rssBefore))} MiB | ${fmt(mib(i.rss))} MiB | ${fmt(mib(i.peak))} MiB | ${fmt((i.rss - i.rssBefore) / Math.max(1, i.sockets) / 1024, 1)} KiB |`,
      );
    }
  }
  const app = results.find((r) => r.target === 'app');
  const reference = results.find((r) => r.target === 'reference');
  const appIdle = idle.find((i) => i.target === 'app');
  console.log('\nGoals');
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  if (app) {
    const top = app.steps.find((s) => s.rate === app.sustained);
    console.log(
      `  ≥ ${fmt(GOALS.messagesPerSecond)} msg/s sustained: ${fmt(app.sustained)} msg/s` +
        `${top ? ` (${fmt(top.deliveriesPerSecond)} deliveries/s, fan-out p99 ${fmt(top.fanoutP99, 1)} ms)` : ''} — ${verdict(app.sustained >= GOALS.messagesPerSecond)}`,
    );
    console.log(`  every acked message stored once, seqs gapless: ${verdict(app.db.gapless && app.db.rows >= app.acked)}`);
  }
  if (app && reference) {
    // A reference that sustained no step did less than the lowest: the app's rate over that is where the ratio starts.
    const below = !reference.sustained;
    const lowest = Math.min(...RATES);
    const ratio = app.sustained / (reference.sustained || lowest);
    console.log(
      `  ≥ ${GOALS.vsReference.toFixed(1)}× the reference: app ${fmt(app.sustained)} / reference ` +
        `${below ? `below ${fmt(lowest)} (no step sustained)` : fmt(reference.sustained)} msg/s = ${below ? 'more than ' : ''}${fmt(ratio, 2)}× — ` +
        verdict(ratio >= GOALS.vsReference),
    );
  }
  const referenceIdle = idle.find((i) => i.target === 'reference');
  if (appIdle && referenceIdle) {
    const ratio = connectMedian(appIdle) / connectMedian(referenceIdle);
    const each = appIdle.rounds.map((r, n) => fmt(r.connectSeconds / (referenceIdle.rounds[n]?.connectSeconds ?? NaN), 2)).join(', ');
    console.log(
      `  ${fmt(appIdle.sockets)} sockets connect and join in ≤ ${GOALS.connectVsReference}× the reference's time (medians of ${IDLE_ROUNDS} rounds): ` +
        `${fmt(connectMedian(appIdle), 1)} s / ${fmt(connectMedian(referenceIdle), 1)} s = ${fmt(ratio, 2)}× — ${verdict(ratio <= GOALS.connectVsReference)} (round by round: ${each})`,
    );
  }
  if (appIdle) {
    console.log(
      `  ${fmt(appIdle.sockets)} idle sockets with RSS ≤ ${GOALS.idleRssMiB} MB: ${fmt(mib(appIdle.rss))} MiB — ${verdict(mib(appIdle.rss) <= GOALS.idleRssMiB && appIdle.sockets >= IDLE)}`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
