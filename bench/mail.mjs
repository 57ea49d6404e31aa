#!/usr/bin/env node
// npm run bench:mail — mail delivery: BENCH_MAILS (10,000) digest-sized mails queued in the outbox and delivered by the
// built app (dist/src/main.js) to a local SMTP sink (the smtp-server package) in this process. Prints mails/s, the
// app's RSS during delivery, and the p95 of an ordinary API request (GET /api/roundtables) before and during it.
//
// It starts its own embedded PostgreSQL in a temporary folder and the app on a free port.
//
//   npm run bench:mail                      10,000 mails
//   BENCH_MAILS=500 npm run bench:mail      a quick check
//   BENCH_MAIL_RATE=2000 npm run bench:mail the app's MAIL_RATE_PER_SECOND (default 1000)
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MAILS = Number(process.env.BENCH_MAILS ?? 10_000);
const RATE = Number(process.env.BENCH_MAIL_RATE ?? 1000);
const GOALS = { mailsPerSecond: 200, p95Slowdown: 1.2 };
const ADMIN = { email: 'bench-admin@greentable.localhost', password: 'bench-admin-password' };
const log = (message) => console.log(`[bench] ${message}`);
const { startEmbeddedPostgres } = await import(join(ROOT, 'dist', 'src', 'database', 'embedded-postgres.js'));

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
    server.on('error', reject);
  });
}

/** An SMTP server that counts what it accepts (by Message-ID) and throws the rest away. */
async function startSink() {
  const ids = new Set();
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk) => {
        if (head.length < 4096) head += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const id = /^Message-ID:\s*(\S+)/im.exec(head)?.[1];
        if (id) ids.add(id);
        received++;
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  return { url: `smtp://127.0.0.1:${port}`, ids, received: () => received, close: () => new Promise((done) => server.close(done)) };
}

const rssMb = (pid) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
};
const p95 = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
};

const dataDir = mkdtempSync(join(tmpdir(), 'greentable-bench-mail-'));
// The embedded server may run as another user (when this runs as root): it must be able to reach its folder.
chmodSync(dataDir, 0o755);
const db = await startEmbeddedPostgres(join(dataDir, 'pg'));
const sink = await startSink();
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  PORT: String(port),
  DATABASE_URL: db.url,
  JWT_SECRET: 'bench-mail-secret-bench-mail-secret-0123456789',
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  DEMO_DATA: 'false',
  SMTP_URL: sink.url,
  MAIL_RATE_PER_SECOND: String(RATE),
  PUBLIC_URL: 'https://greentable.example',
};
delete env.REDIS_URL;
const app = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
const cleanup = async () => {
  app.kill('SIGTERM');
  await new Promise((done) => (app.exitCode !== null ? done() : app.once('exit', done)));
  await sink.close();
  await db.stop();
  rmSync(dataDir, { recursive: true, force: true });
};

try {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (app.exitCode !== null) throw new Error(`the app exited with ${app.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the app did not answer /api/health within 2 minutes');
    await new Promise((done) => setTimeout(done, 300));
  }
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  const { accessToken } = await login.json();
  const request = async () => {
    const started = performance.now();
    const res = await fetch(`${url}/api/roundtables`, { headers: { authorization: `Bearer ${accessToken}` } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`GET /api/roundtables answered ${res.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 20; i++) await request();
  const baseline = [];
  for (let i = 0; i < 300; i++) baseline.push(await request());

  // Digest-sized mails (a few unread channels and notifications, HTML and text), queued at once.
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const text = Array.from({ length: 12 }, (_, i) => `• A roundtable discussion: ${i + 2} — https://greentable.example/roundtables/${i}`).join('\n');
  await client.query(
    `INSERT INTO mail_outbox (kind, to_address, subject, text_body, html_body, headers, message_id, dedupe_key)
     SELECT 'digest', 'person-' || n || '@bench.example', 'What you missed on GreenTable', $1, $2,
            '{"List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}'::jsonb, gen_random_uuid() || '@bench.example', 'bench:' || n
       FROM generate_series(1, $3::int) AS n`,
    [text, `<!doctype html><html><body><p>${text.replace(/\n/g, '<br>')}</p></body></html>`, MAILS],
  );
  await client.end();
  log(`${MAILS} mails queued`);

  const started = performance.now();
  const rss = [];
  const during = [];
  const sampler = setInterval(() => rss.push(rssMb(app.pid)), 250);
  while (sink.ids.size < MAILS) {
    during.push(await request());
    await new Promise((done) => setTimeout(done, 20));
    if (performance.now() - started > 15 * 60_000) throw new Error(`only ${sink.ids.size} of ${MAILS} mails arrived in 15 minutes`);
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const rate = MAILS / seconds;
  const [base95, during95] = [p95(baseline), p95(during)];
  log(
    `delivered ${sink.ids.size} mails (${sink.received()} received, ${sink.received() - sink.ids.size} twice) in ${seconds.toFixed(1)} s: ${rate.toFixed(0)} mails/s (goal ≥ ${GOALS.mailsPerSecond})`,
  );
  log(`app RSS during delivery: min ${Math.min(...rss)} MB, max ${Math.max(...rss)} MB, first ${rss[0]} MB, last ${rss[rss.length - 1]} MB`);
  log(
    `GET /api/roundtables p95: ${base95.toFixed(1)} ms before, ${during95.toFixed(1)} ms during (${during.length} requests; goal within ${Math.round((GOALS.p95Slowdown - 1) * 100)}%)`,
  );
  const health = await (await fetch(`${url}/api/health`)).json();
  log(`health after: ${JSON.stringify(health.mail)}`);
} finally {
  await cleanup();
}
