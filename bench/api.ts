// npm run bench:api — the read API under load: what NestJS, authentication, validation and mapping cost over the
// database work itself.
//
// It starts its own embedded PostgreSQL in a temporary folder, loads the Jiangsu demo world into it
// (dist/src/database/seed-demo.js), starts the built app (dist/src/main.js) on it, and signs in as the demo
// facilitator. For each of the most-used reads (the roundtable page's requests, the commitment page with its
// positions, the roadmap's progress and indicator health, filtered lists, notifications) it then:
//
//   1. records the SQL the app sends for one request (PostgreSQL's own statement log, with the parameters), after
//      a first request that warms the app's caches;
//   2. drives BENCH_CONNECTIONS (100) concurrent connections at the app for BENCH_SECONDS (10) with autocannon,
//      each request carrying the real access token, each connection sending its next request as soon as the last
//      is answered: the most requests a second the app can serve (saturation), and the CPU its process spent per
//      request (steadier than requests/s on a shared machine);
//   3. drives the same load at the reference (bench/api-reference.ts): a bare node:http + pg server that answers
//      the same path by running exactly those recorded statements with their parameters, prepared where the app
//      prepared them (all at once on its pool, the fastest way to run them), and sending the rows as JSON. No
//      framework, no token check, no validation, no mapping: the floor for this work on this machine.
//      Steps 2 and 3 are taken in turns, BENCH_SLICES (5) slices of BENCH_SECONDS / BENCH_SLICES each
//      (saturateInTurns), so that both servers are measured in the same stretch of the machine's weather;
//   4. offers both the same BENCH_CONNECTIONS connections at a fixed BENCH_RATE (100) requests a second in all, and
//      times each answer.
//
// and prints requests/s at saturation and latency percentiles of both, with the goals: the app's requests/s ≥ 0.5×
// the reference's at saturation, and p95 ≤ 50 ms for each read at the fixed rate. The latency goal is judged at a
// rate, not at saturation, because a saturated closed loop's latency is only its queue: 100 connections waiting on
// a server that answers R requests a second wait 100 / R seconds on average (Little's law), so no server on two
// cores answering fewer than 2,000 a second (the reference included) could be under 50 ms there. 100 requests a
// second is 100 people each opening a page every second, or a 500-person plenary all opening the same page within
// five seconds. Everything is removed at the end.
//
//   BENCH_CONNECTIONS=20 BENCH_SECONDS=3 npm run bench:api      a quick try
//   BENCH_RATE=200                                              the fixed rate of the latency step (requests/s)
//   BENCH_ONLY=notifications,roadmap-progress                   some of the reads
//   BENCH_PROFILE=/tmp/profiles                                 a CPU profile of the app
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { freePort, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import type { RecordedRoute } from './api-reference';
import { Histogram } from './realtime-common';

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const CONNECTIONS = int('BENCH_CONNECTIONS', 100);
const SECONDS = int('BENCH_SECONDS', 10);
const RATE = int('BENCH_RATE', 100);
const SLICES = int('BENCH_SLICES', 5);
const WARM_UP_SECONDS = 2;
const ONLY = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const GOALS = { p95Ms: 50, vsReference: 0.5 };
// BENCH_PROFILE=<folder>: the app writes a CPU profile there when it stops.
const PROFILE_FLAGS = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_PROFILE)}`] : [];
const BENCH_APPLICATION = 'greentable-bench';

const root = resolve(__dirname, '..', '..');
const log = (message: string) => console.log(`[bench] ${message}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—');

// ---- processes ----

async function startProcess(name: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output}`);
    if (ready.test(output)) return child;
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not start within 3 minutes:\n${output}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

// ---- recording the app's SQL from PostgreSQL's statement log ----

/** Statements that are not the request's work: transaction control, and the socket.io adapter's own traffic. */
const NOT_REQUEST_WORK = /^\s*(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SET |SHOW |LISTEN|UNLISTEN|DISCARD)|pg_notify|socket_io_attachments/i;

/** `$1 = 'a', $2 = NULL` (PostgreSQL's log of bind parameters; quotes inside values are doubled). */
export function parseParameters(detail: string): (string | null)[] {
  const values: (string | null)[] = [];
  for (const m of detail.matchAll(/\$(\d+) = (NULL|'((?:[^']|'')*)')/g)) values[Number(m[1]) - 1] = m[2] === 'NULL' ? null : m[3].replace(/''/g, "'");
  return values;
}

/**
 * The server's log, as the embedded PostgreSQL hands it over, while `log_statement = 'all'` is on; each entry is
 * prefixed with its connection's application_name (log_line_prefix), so the benchmark's own statements are left out.
 */
class StatementLog {
  private text = '';
  private recording = false;
  constructor(private readonly pg: Client) {}

  /** For startEmbeddedPostgres's onServerLog. */
  readonly take = (chunk: string): void => {
    if (this.recording) this.text += chunk.endsWith('\n') ? chunk : `${chunk}\n`;
  };

  private async set(value: 'all' | 'none'): Promise<void> {
    await this.pg.query(`ALTER SYSTEM SET log_statement = '${value}'`);
    await this.pg.query('SELECT pg_reload_conf()');
    await sleep(300); // every backend picks the reload up at its next command
  }

  /** The statements the app ran while `act` ran, in order, with their parameters. */
  async record(act: () => Promise<void>): Promise<RecordedRoute['statements']> {
    await this.set('all');
    this.text = '';
    this.recording = true;
    await act();
    await sleep(300);
    this.recording = false;
    await this.set('none');
    const statements: RecordedRoute['statements'] = [];
    // Entries start with "@@<application>@@ LOG:  " or "… DETAIL:  "; the lines in between continue the entry.
    const entries = this.text.split(/^(?=@@[^@\n]*@@ [A-Z]+: {2})/m).map((e) => /^@@([^@\n]*)@@ ([A-Z]+): {2}([\s\S]*?)\n?$/.exec(e));
    for (const [i, entry] of entries.entries()) {
      if (!entry || entry[1] === BENCH_APPLICATION || entry[2] !== 'LOG') continue;
      const m = /^(?:execute ([^:]*)|statement): ([\s\S]*)$/.exec(entry[3]);
      if (!m || NOT_REQUEST_WORK.test(m[2])) continue;
      const detail = entries[i + 1];
      const params = detail && detail[1] === entry[1] && detail[2] === 'DETAIL' && /^parameters:/i.test(detail[3]) ? parseParameters(detail[3]) : [];
      // A named statement ("execute <name>") was prepared by the app; the reference prepares it too.
      statements.push({ sql: m[2], params, prepared: m[1] !== undefined && m[1] !== '<unnamed>' });
    }
    return statements;
  }
}

// ---- the load ----

interface Figures {
  requestsPerSecond: number;
  /** CPU time of the server's own process per request (user + system), in µs: its cost, whatever else the machine does. */
  cpuMicrosPerRequest?: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

/**
 * Requests sent evenly spaced at `rate` a second over at most CONNECTIONS keep-alive connections, whatever the
 * answers do (open loop), for SECONDS. Each latency runs from when its request was due to be sent, so a request held
 * back for want of a free connection counts its wait (no coordinated omission). autocannon's own `overallRate` sends
 * each second's quota at the start of the second, a burst of 100 requests, which would time a queue, not the server.
 */
async function paced(url: string, token: string | null, rate: number): Promise<Figures> {
  const histogram = new Histogram();
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const headers: Record<string, string> = { 'accept-encoding': 'gzip, br', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  let errors = 0;
  const one = (due: number) =>
    new Promise<void>((done) => {
      const req = httpRequest(url, { agent, headers }, (res) => {
        res.resume();
        res.on('end', () => {
          if ((res.statusCode ?? 500) >= 400) errors++;
          histogram.add(performance.now() - due);
          done();
        });
      });
      req.on('error', () => {
        errors++;
        done();
      });
      req.end();
    });
  const total = rate * SECONDS;
  const start = performance.now() + 50;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(one(due));
  }
  await Promise.all(inFlight);
  agent.destroy();
  return { requestsPerSecond: total / SECONDS, p50: histogram.percentile(50), p95: histogram.percentile(95), p99: histogram.percentile(99), errors };
}

/** CPU seconds a process has used so far (user + system, Linux's /proc). */
function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}
const CLOCK_TICKS_PER_SECOND = 100;

interface Server {
  process: ChildProcess;
  url: string;
  token: string | null;
}

/** What one server did over its slices of a saturated step. */
class Tally {
  readonly histogram = new Histogram();
  requests = 0;
  seconds = 0;
  cpuSeconds = 0;
  errors = 0;
  /** Requests a second in each slice, in order. */
  readonly slices: number[] = [];

  figures(): Figures {
    return {
      requestsPerSecond: this.requests / this.seconds,
      cpuMicrosPerRequest: this.requests ? (this.cpuSeconds * 1e6) / this.requests : NaN,
      p50: this.histogram.percentile(50),
      p95: this.histogram.percentile(95),
      p99: this.histogram.percentile(99),
      errors: this.errors,
    };
  }
}

/**
 * Both servers saturated in turns: SLICES rounds, the app first in odd rounds and the reference first in even ones.
 * On a shared machine whose speed drifts (other tenants, the run's own history), two 10-second windows one after the
 * other can land on different weather, and a ratio of the two then measures the weather; slices taken in turns see
 * the same weather, so the ratio is the servers'. Each slice runs RAMP_SECONDS before and after the SECONDS / SLICES
 * it measures: requests, CPU and latencies count only in that middle, when all the connections are busy, not while
 * they are opening or while the last requests are dropped unanswered (a slow read at 300 requests a second has a
 * sixth of a 2-second slice's requests in flight at its end). Each server's figures are its slices together.
 */
async function saturateInTurns(app: Server, reference: Server): Promise<{ app: Figures; reference: Figures; sliceRatios: number[] }> {
  const tallies = new Map([
    [app, new Tally()],
    [reference, new Tally()],
  ]);
  const sliceSeconds = SECONDS / SLICES;
  for (let round = 0; round < SLICES; round++) {
    for (const server of round % 2 === 0 ? [app, reference] : [reference, app]) {
      const tally = tallies.get(server)!;
      const slice = await drive(server.url, server.token, sliceSeconds, { histogram: tally.histogram, server: server.process });
      tally.cpuSeconds += slice.cpuSeconds;
      tally.requests += slice.requests;
      tally.seconds += slice.seconds;
      tally.errors += slice.errors;
      tally.slices.push(slice.requests / slice.seconds);
      await sleep(250);
    }
  }
  const [appTally, referenceTally] = [tallies.get(app)!, tallies.get(reference)!];
  return {
    app: appTally.figures(),
    reference: referenceTally.figures(),
    sliceRatios: appTally.slices.map((rate, i) => rate / referenceTally.slices[i]),
  };
}
const RAMP_SECONDS = 1;

/**
 * Each of CONNECTIONS connections sends its next request as soon as the last is answered, for `seconds`. With
 * `measured`, the load runs RAMP_SECONDS longer at each end, and the requests answered (with their latencies into
 * the histogram) and the server's CPU are counted for the `seconds` between.
 */
async function drive(
  url: string,
  token: string | null,
  seconds: number,
  measured?: { histogram: Histogram; server: ChildProcess },
): Promise<{ requests: number; errors: number; cpuSeconds: number; seconds: number }> {
  const ramp = measured ? RAMP_SECONDS : 0;
  let [requests, errors, cpuSeconds, counting, elapsed] = [0, 0, 0, !measured, seconds];
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolvePromise, reject) => {
    instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: seconds + 2 * ramp,
        headers: token ? { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip, br' } : { 'accept-encoding': 'gzip, br' },
      },
      (error, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolvePromise(result)),
    );
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (!counting) return;
    requests++;
    if (status >= 400) errors++;
    measured?.histogram.add(ms);
  });
  if (measured) {
    const pid = measured.server.pid!;
    await sleep(ramp * 1000);
    const [cpuBefore, start] = [cpuSecondsOf(pid), performance.now()];
    counting = true;
    await sleep(seconds * 1000);
    counting = false;
    [cpuSeconds, elapsed] = [cpuSecondsOf(pid) - cpuBefore, (performance.now() - start) / 1000];
  }
  const result = await finished;
  // autocannon's own count of failed connections and timeouts covers the whole run, ramps included.
  return { requests: measured ? requests : result.requests.total, errors: errors + result.errors + result.timeouts, cpuSeconds, seconds: elapsed };
}

// ---- the run ----

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'greentable-bench-api-'));
  chmodSync(dir, 0o755); // as root the database runs as the postgres user, who must reach its folder inside this one
  const load = loadavg();
  log(`${CONNECTIONS} connections × ${SECONDS} s per read; machine: ${cpus().length} cores, load average ${load.map((l) => l.toFixed(2)).join(' ')}`);
  let statementLog: StatementLog | undefined;
  const db = await startEmbeddedPostgres(join(dir, 'db'), 'greentable_bench', (text) => statementLog?.take(text));
  {
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(`ALTER SYSTEM SET log_line_prefix = '@@%a@@ '`);
    await admin.query(`ALTER SYSTEM SET log_parameter_max_length = -1`);
    await admin.query('SELECT pg_reload_conf()');
    await admin.end();
  }
  const pg = new Client({ connectionString: db.url, application_name: BENCH_APPLICATION });
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    DATA_DIR: join(dir, 'app'),
    JWT_SECRET: randomUUID() + randomUUID(),
    ACCESS_TOKEN_TTL_SECONDS: String(6 * 3600),
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
  };
  const processes: ChildProcess[] = [];
  const rows: {
    name: string;
    path: string;
    statements: number;
    app: Figures;
    reference: Figures;
    sliceRatios: number[];
    appAtRate: Figures;
    referenceAtRate: Figures;
  }[] = [];
  try {
    const seeded = await startProcess('the demo loader', [join(root, 'dist', 'src', 'database', 'seed-demo.js')], env, /Demo world loaded/);
    await new Promise((r) => (seeded.exitCode === null ? seeded.once('exit', r) : r(null)));
    const appPort = await freePort();
    const app = await startProcess('the app', [...PROFILE_FLAGS, join(root, 'dist', 'src', 'main.js')], { ...env, PORT: String(appPort) }, /ready on/);
    processes.push(app);
    const appUrl = `http://127.0.0.1:${appPort}`;
    await pg.connect();

    const signIn = await fetch(`${appUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'facilitator@greentable.demo', password: 'greentable-demo' }),
    });
    if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
    const token = ((await signIn.json()) as { accessToken: string }).accessToken;
    const get = async <T>(path: string): Promise<T> => {
      const res = await fetch(`${appUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    type Page = { items: { id: string }[] };
    const roundtable = (await get<Page>('/api/roundtables?limit=1&when=past')).items[0].id;
    const roadmap = (await get<Page>('/api/roadmaps?limit=1')).items[0].id;
    const commitment = (await get<Page>(`/api/action-items?roadmapId=${roadmap}&limit=1`)).items[0].id;

    const reads: { name: string; path: string }[] = [
      { name: 'roundtable', path: `/api/roundtables/${roundtable}` },
      { name: 'roundtable-participants', path: `/api/roundtables/${roundtable}/participants` },
      { name: 'roundtable-agenda', path: `/api/roundtables/${roundtable}/agenda-items` },
      { name: 'roundtable-decisions', path: `/api/roundtables/${roundtable}/decisions` },
      { name: 'commitment', path: `/api/action-items/${commitment}` },
      { name: 'commitment-positions', path: `/api/action-items/${commitment}/positions` },
      { name: 'roadmap-progress', path: `/api/roadmaps/${roadmap}/progress` },
      { name: 'indicator-health', path: `/api/roadmaps/${roadmap}/indicator-health` },
      { name: 'commitments-filtered', path: `/api/action-items?roadmapId=${roadmap}&status=in_progress&sort=dueDate&limit=20` },
      { name: 'roundtables-upcoming', path: '/api/roundtables?when=past&limit=20' },
      { name: 'notifications', path: '/api/notifications?limit=20' },
    ].filter((r) => !ONLY.length || ONLY.includes(r.name));

    // What the app asks of the database for each read.
    statementLog = new StatementLog(pg);
    const recorded: RecordedRoute[] = [];
    for (const read of reads) {
      await get(read.path); // warms caches (e.g. the identity of the token's user), as under load
      const statements = await statementLog.record(async () => void (await get(read.path)));
      if (!statements.length) throw new Error(`no statements were recorded for ${read.path}`);
      recorded.push({ path: read.path, statements });
      log(`${read.name}: ${statements.length} statements per request, ${statements.filter((s) => s.prepared).length} of them prepared`);
    }

    const referencePort = await freePort();
    const reference = await startProcess(
      'the reference',
      [join(root, 'dist', 'bench', 'api-reference.js')],
      { REFERENCE_DATABASE_URL: db.url, REFERENCE_ROUTES: JSON.stringify(recorded), PORT: String(referencePort) },
      /reference ready/,
    );
    processes.push(reference);
    const referenceUrl = `http://127.0.0.1:${referencePort}`;

    for (const read of reads) {
      // Both servers get WARM_UP_SECONDS of the same load first, not timed, so that neither is timed while its code
      // for this read is still being compiled or its pool still opening connections.
      await drive(`${appUrl}${read.path}`, token, WARM_UP_SECONDS);
      await drive(`${referenceUrl}${read.path}`, null, WARM_UP_SECONDS);
      await sleep(1000);
      const saturated = await saturateInTurns(
        { process: app, url: `${appUrl}${read.path}`, token },
        { process: reference, url: `${referenceUrl}${read.path}`, token: null },
      );
      const [appFigures, referenceFigures] = [saturated.app, saturated.reference];
      await sleep(1000);
      const appAtRate = await paced(`${appUrl}${read.path}`, token, RATE);
      await sleep(1000);
      const referenceAtRate = await paced(`${referenceUrl}${read.path}`, null, RATE);
      await sleep(1000);
      const statements = recorded.find((r) => r.path === read.path)!.statements.length;
      rows.push({
        name: read.name,
        path: read.path,
        statements,
        app: appFigures,
        reference: referenceFigures,
        sliceRatios: saturated.sliceRatios,
        appAtRate,
        referenceAtRate,
      });
      log(
        `${read.name}: saturated, app ${fmt(appFigures.requestsPerSecond)} req/s, reference ${fmt(referenceFigures.requestsPerSecond)} req/s; ` +
          `at ${RATE} req/s, p95 app ${fmt(appAtRate.p95, 1)} ms, reference ${fmt(referenceAtRate.p95, 1)} ms`,
      );
    }
  } finally {
    for (const child of processes.reverse()) await stop(child);
    await pg.end().catch(() => undefined);
    await db.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }

  const after = loadavg();
  console.log('');
  console.log(`GreenTable read API benchmark — ${CONNECTIONS} concurrent connections, ${SECONDS} s per step, autocannon`);
  console.log(
    `machine: ${cpus().length} cores; load average before ${load.map((l) => l.toFixed(2)).join(' ')}, after ${after.map((l) => l.toFixed(2)).join(' ')}`,
  );
  const pcts = (f: Figures) => `${fmt(f.p50, 1)} / ${fmt(f.p95, 1)} / ${fmt(f.p99, 1)}`;
  console.log(
    `| read | SQL statements | saturated: app req/s | reference req/s | app / reference | per slice | at ${RATE} req/s: app p50 / p95 / p99 ms | reference p50 / p95 / p99 ms | saturated: app p95 ms | server CPU per request: app / reference µs | errors |`,
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const errorsOf = (r: (typeof rows)[number]) => r.app.errors + r.reference.errors + r.appAtRate.errors + r.referenceAtRate.errors;
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.statements} | ${fmt(r.app.requestsPerSecond)} | ${fmt(r.reference.requestsPerSecond)} | ` +
        `${fmt(r.app.requestsPerSecond / r.reference.requestsPerSecond, 2)}× | ${fmt(Math.min(...r.sliceRatios), 2)}–${fmt(Math.max(...r.sliceRatios), 2)}× | ${pcts(r.appAtRate)} | ${pcts(r.referenceAtRate)} | ${fmt(r.app.p95, 1)} | ` +
        `${fmt(r.app.cpuMicrosPerRequest ?? NaN)} / ${fmt(r.reference.cpuMicrosPerRequest ?? NaN)} | ${errorsOf(r)} |`,
    );
  }
  console.log(
    `Saturated: each server had ${SLICES} slices of ${fmt(SECONDS / SLICES, 1)} s in turns (measured between ${RAMP_SECONDS} s of load before and after); "per slice" is the lowest and highest ratio of the app's slice to the reference's slice of the same round. ` +
      'Server CPU per request is what the server process itself spent (user + system) while saturated, divided by the requests it answered: ' +
      "PostgreSQL's backends and the load generator share the machine with it and are not counted.",
  );
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const slow = rows.filter((r) => !(r.appAtRate.p95 <= GOALS.p95Ms));
  const behind = rows.filter((r) => !(r.app.requestsPerSecond >= GOALS.vsReference * r.reference.requestsPerSecond));
  const failed = rows.filter((r) => errorsOf(r));
  console.log('\nGoals');
  console.log(
    `  app p95 ≤ ${GOALS.p95Ms} ms on every read at ${RATE} req/s: ${slow.length ? `${slow.map((r) => r.name).join(', ')} above` : 'all'} — ${verdict(!slow.length)}`,
  );
  console.log(
    `  app requests/s ≥ ${GOALS.vsReference}× the reference's on every read, saturated: ${behind.length ? `${behind.map((r) => r.name).join(', ')} below` : 'all'} — ${verdict(!behind.length)}`,
  );
  console.log(`  no errors: ${failed.length ? failed.map((r) => r.name).join(', ') : 'none'} — ${verdict(!failed.length)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
