#!/usr/bin/env node
// npm run bench:votes — the end of a large plenary: BENCH_VOTERS people (default 500) vote on one tripartite_majority
// vote within BENCH_VOTE_SECONDS (default 10), each from their own socket (vote:cast), while every one of them has
// joined the roundtable's channel and hears the live tally (vote:tally). Then the facilitator closes the vote.
//
// It starts its own embedded PostgreSQL in a temporary folder and the built app (dist/src/main.js) on a free port; the
// people, the open roundtable (everyone recorded present) and its decision go in straight through SQL. It checks
// that every vote was counted once (one ballot row per voter, the acked ones), that the closed vote's tally equals a
// count made in the database, and that the last tally every socket heard counts everyone; it prints ack latency and
// tally latency: from sending vote:cast to the first vote:tally at that socket counting at least as many voters as had
// been acknowledged when its own ack came (the goal: p99 ≤ 200 ms).
//
//   BENCH_VOTERS=60 BENCH_VOTE_SECONDS=3 npm run bench:votes   a quick try
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import pg from 'pg';
import { io } from 'socket.io-client';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { freePort, startEmbeddedPostgres } = require(join(ROOT, 'dist', 'src', 'database', 'embedded-postgres.js'));
const { JwtService } = require('@nestjs/jwt');

const int = (name, fallback, min = 1) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}`);
  return value;
};
const VOTERS = int('BENCH_VOTERS', 500, 3);
const VOTE_SECONDS = int('BENCH_VOTE_SECONDS', 10);
const GOAL_P99_MS = 200;
const log = (message) => console.log(`[bench] ${message}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (v) => (Number.isFinite(v) ? v.toFixed(1) : '—');
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1),
    text: `p50 ${f(percentile(sorted, 50))} ms, p95 ${f(percentile(sorted, 95))} ms, p99 ${f(percentile(sorted, 99))} ms, max ${f(sorted.at(-1))} ms (n=${sorted.length})`,
  };
};

async function startServer(env) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c.toString()));
  child.stderr.on('data', (c) => (output += c.toString()));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited:\n${output}`);
    if (/ready on/.test(output)) return { child, url: `http://127.0.0.1:${port}`, output: () => output };
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`the app did not start within 2 minutes:\n${output}`);
}

async function stopServer(server) {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** An open roundtable with VOTERS people of the three groups (a third each), all recorded present, one facilitator, one decision. */
async function createWorld(db, jwtSecret) {
  const constituencies = ['government', 'employers', 'workers'];
  const orgs = (
    await db.query(
      `INSERT INTO organizations (name, constituency, region)
       SELECT jsonb_build_object('en', 'Bench ' || c || ' organization'), c, 'Jiangsu' FROM unnest($1::text[]) c RETURNING id, constituency`,
      [constituencies],
    )
  ).rows;
  const orgOf = new Map(orgs.map((o) => [o.constituency, o.id]));
  const facilitator = (
    await db.query(
      `INSERT INTO users (email, password_hash, display_name, organization_id, role) VALUES ('bench-facilitator@bench.greentable', 'x', 'Bench Facilitator', $1, 'facilitator') RETURNING id`,
      [orgOf.get('government')],
    )
  ).rows[0].id;
  const people = (
    await db.query(
      `INSERT INTO users (email, password_hash, display_name, organization_id, role)
       SELECT 'bench-voter-' || g || '@bench.greentable', 'x', 'Bench Voter ' || g, ($1::uuid[])[1 + g % 3], 'member' FROM generate_series(0, $2 - 1) g
       RETURNING id, organization_id AS org`,
      [constituencies.map((c) => orgOf.get(c)), VOTERS],
    )
  ).rows;
  const roundtableId = (
    await db.query(
      `INSERT INTO roundtables (title, starts_at, ends_at, status, visibility) VALUES ('{"en":"Bench plenary"}', now(), now() + interval '1 day', 'open', 'participants') RETURNING id`,
    )
  ).rows[0].id;
  await db.query(`INSERT INTO roundtable_participants (roundtable_id, user_id, role, attended) VALUES ($1, $2, 'facilitator', true)`, [
    roundtableId,
    facilitator,
  ]);
  await db.query(`INSERT INTO roundtable_participants (roundtable_id, user_id, role, attended) SELECT $1, u, 'participant', true FROM unnest($2::uuid[]) u`, [
    roundtableId,
    people.map((p) => p.id),
  ]);
  const channelId = (await db.query(`INSERT INTO channels (kind, ref_id) VALUES ('roundtable', $1) RETURNING id`, [roundtableId])).rows[0].id;
  const decisionId = (
    await db.query(
      `INSERT INTO roundtable_decisions (roundtable_id, text, adoption) VALUES ($1, '{"en":"Adopt the plenary text"}', 'consensus') RETURNING id`,
      [roundtableId],
    )
  ).rows[0].id;
  const jwt = new JwtService({ secret: jwtSecret });
  const constituencyOf = new Map(orgs.map((o) => [o.id, o.constituency]));
  return {
    roundtableId,
    channelId,
    decisionId,
    facilitatorToken: jwt.sign({ sub: facilitator, role: 'facilitator', org: orgOf.get('government') }, { expiresIn: 3600 }),
    voters: people.map((p) => ({
      id: p.id,
      constituency: constituencyOf.get(p.org),
      token: jwt.sign({ sub: p.id, role: 'member', org: p.org }, { expiresIn: 3600 }),
    })),
  };
}

function connect(url, token) {
  const socket = io(url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  return new Promise((resolveSocket, reject) => {
    socket.once('connect', () => resolveSocket(socket));
    socket.once('connect_error', reject);
  });
}

/** The employers mostly vote no, the others mostly yes; a few abstain. */
const choiceFor = (constituency, i) => (i % 10 === 0 ? 'abstain' : constituency === 'employers' ? (i % 4 === 0 ? 'yes' : 'no') : 'yes');

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'greentable-bench-votes-'));
  chmodSync(dir, 0o755);
  log(
    `${VOTERS} voters on one vote within ${VOTE_SECONDS} s; machine: ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const database = await startEmbeddedPostgres(join(dir, 'db'), 'greentable_bench');
  const jwtSecret = randomBytes(36).toString('base64url');
  const env = { NODE_ENV: 'production', DATABASE_URL: database.url, DATA_DIR: join(dir, 'app'), JWT_SECRET: jwtSecret, DEMO_DATA: 'false', LOG_LEVEL: 'warn' };
  const db = new pg.Client({ connectionString: database.url });
  const sockets = [];
  let server;
  let failed = false;
  try {
    await stopServer(await startServer(env)); // the first start applies the migrations
    await db.connect();
    const world = await createWorld(db, jwtSecret);
    server = await startServer(env);
    const api = async (method, path, body) => {
      const res = await fetch(server.url + path, {
        method,
        headers: { Authorization: `Bearer ${world.facilitatorToken}`, 'Content-Type': 'application/json' },
        body: body && JSON.stringify(body),
      });
      const json = await res.json();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };

    const connectStarted = performance.now();
    for (let i = 0; i < world.voters.length; i += 50) {
      sockets.push(...(await Promise.all(world.voters.slice(i, i + 50).map((v) => connect(server.url, v.token)))));
    }
    await Promise.all(sockets.map((s) => s.timeout(10_000).emitWithAck('channel:join', { channelId: world.channelId })));
    log(`${sockets.length} sockets connected and joined the roundtable's channel in ${((performance.now() - connectStarted) / 1000).toFixed(1)} s`);

    const vote = await api('POST', `/api/roundtables/${world.roundtableId}/votes`, {
      decisionId: world.decisionId,
      kind: 'yes_no_abstain',
      ballot: 'open',
      rule: 'tripartite_majority',
    });
    // What each socket heard: every vote:tally with its arrival time.
    const heard = sockets.map(() => []);
    sockets.forEach((s, i) => s.on('vote:tally', (e) => e.voteId === vote.id && heard[i].push({ at: performance.now(), voters: e.tally.total.voters })));

    const ackLatency = [];
    const tallyLatency = [];
    let acked = 0;
    const failures = [];
    const spacing = (VOTE_SECONDS * 1000) / VOTERS;
    const started = performance.now();
    const casts = world.voters.map(async (voter, i) => {
      const due = started + i * spacing;
      await sleep(Math.max(0, due - performance.now()));
      const sent = performance.now();
      const answer = await sockets[i].timeout(15_000).emitWithAck('vote:cast', { voteId: vote.id, choices: [choiceFor(voter.constituency, i)] });
      const ackAt = performance.now();
      if (!answer.ok) {
        failures.push(answer.error);
        return;
      }
      acked += 1;
      ackLatency.push(ackAt - sent);
      const needed = acked;
      // The first tally at this socket, after sending, that counts at least everyone acknowledged by now.
      const deadline = ackAt + 5_000;
      for (;;) {
        const hit = heard[i].find((h) => h.at >= sent && h.voters >= needed);
        if (hit) {
          tallyLatency.push(hit.at - sent);
          return;
        }
        if (performance.now() > deadline) {
          failures.push({ code: 'no_tally', message: `no tally counting ${needed} voters within 5 s of the ack` });
          return;
        }
        await sleep(5);
      }
    });
    await Promise.all(casts);
    const castSeconds = (performance.now() - started) / 1000;
    await sleep(500);

    const closed = await api('POST', `/api/votes/${vote.id}/close`);
    const rows = (await db.query(`SELECT count(*)::int AS n, count(DISTINCT voter_id)::int AS voters FROM vote_ballots WHERE vote_id = $1`, [vote.id])).rows[0];
    const byDb = (
      await db.query(`SELECT constituency, c AS choice, count(*)::int AS n FROM vote_ballots, unnest(choices) c WHERE vote_id = $1 GROUP BY 1, 2`, [vote.id])
    ).rows;
    const closedCounts = closed.tally.byConstituency
      .flatMap((g) =>
        Object.entries(g.counts)
          .filter(([, n]) => n > 0)
          .map(([choice, n]) => `${g.constituency}:${choice}:${n}`),
      )
      .sort();
    const dbCounts = byDb.map((r) => `${r.constituency}:${r.choice}:${r.n}`).sort();
    const lastHeard = heard.map((h) => h.at(-1)?.voters ?? 0);
    const everyoneHeardAll = lastHeard.every((n) => n === VOTERS);
    const tallyEvents = heard.reduce((n, h) => n + h.length, 0);
    const ack = summary(ackLatency);
    const tally = summary(tallyLatency);

    log(
      `${acked} of ${VOTERS} votes acknowledged in ${castSeconds.toFixed(1)} s; refused or lost: ${failures.length}${failures.length ? ` (${JSON.stringify(failures.slice(0, 3))})` : ''}`,
    );
    log(`ballot rows ${rows.n}, distinct voters ${rows.voters}: ${rows.n === VOTERS && rows.voters === VOTERS ? 'every vote counted once' : 'MISMATCH'}`);
    log(
      `closed tally ${closed.tally.total.voters} voters; per constituency and answer ${JSON.stringify(closedCounts) === JSON.stringify(dbCounts) ? 'equal to' : 'DIFFERENT FROM'} the database (${dbCounts.join(', ')})`,
    );
    log(
      `outcome: ${closed.outcome.adopted ? 'adopted' : 'not adopted'}${closed.outcome.reasons.length ? ` — ${closed.outcome.reasons.map((r) => r.message).join('; ')}` : ''}`,
    );
    log(
      `vote:tally events received: ${tallyEvents} (${(tallyEvents / VOTERS).toFixed(1)} per socket); every socket's last tally counts all ${VOTERS}: ${everyoneHeardAll ? 'yes' : 'NO'}`,
    );
    log(`ack latency: ${ack.text}`);
    log(`tally latency (cast → tally counting it): ${tally.text} — goal p99 ≤ ${GOAL_P99_MS} ms: ${tally.p99 <= GOAL_P99_MS ? 'met' : 'NOT met'}`);
    failed =
      failures.length > 0 || rows.n !== VOTERS || rows.voters !== VOTERS || JSON.stringify(closedCounts) !== JSON.stringify(dbCounts) || !everyoneHeardAll;
  } finally {
    for (const s of sockets) s.close();
    if (server) await stopServer(server);
    await db.end().catch(() => undefined);
    await database.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
