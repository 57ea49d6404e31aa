// The official record's benchmark: `npm run bench:record [section ...]` (all sections when none is named).
//
// Sections:
//   upload  a 200 MB document streamed to POST /api/documents: MB/s, and how much the server's resident memory
//           grows meanwhile (goals: ≥ 100 MB/s; RSS growth < 50 MB). RECORD_UPLOAD_MB sets another size.
// A section is an async function of the running app in SECTIONS below; add one there to measure more.
//
// It starts its own embedded PostgreSQL in a temporary folder and the built app (dist/src/main.js) on a free port,
// with the demo data, and signs in as the demo facilitator.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_PASSWORD = 'greentable-demo';
const MB = 1024 * 1024;

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function startApp(extraEnv = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'greentable-bench-record-'));
  const port = await freePort();
  const env = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), DATA_DIR: dataDir, DEMO_DATA: 'true', ...extraEnv };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'TRUST_PROXY', 'S3_ENDPOINT', 'S3_BUCKET']) delete env[name];
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the app did not answer /api/health within 3 minutes');
    await new Promise((r) => setTimeout(r, 250));
  }
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'facilitator@greentable.demo', password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`sign-in: ${login.status}`);
  const { accessToken } = await login.json();
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, token: accessToken, pid: child.pid, stop };
}

/** The resident memory of a process, in bytes (Linux). */
const rssOf = (pid) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)[1]) * 1024;

async function api(app, path) {
  const response = await fetch(`${app.url}/api${path}`, { headers: { Authorization: `Bearer ${app.token}` } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return response.json();
}

/** A large PDF (by its first bytes) sent as a multipart form, streamed as it is made; reports MB/s and server RSS growth. */
async function uploadSection(app) {
  const sizeMb = Number(process.env.RECORD_UPLOAD_MB ?? 200);
  const size = Math.round(sizeMb * MB);
  const roundtables = await api(app, '/roundtables?limit=50');
  const roundtable = roundtables.items.find((r) => r.canManage) ?? roundtables.items[0];
  const boundary = `----greentable${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="background-paper.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const block = randomBytes(MB);
  Buffer.from('%PDF-1.7\n').copy(block);
  const hash = createHash('sha256');
  let sent = 0;
  let peakRss = 0;
  const baseline = rssOf(app.pid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(app.pid))), 20);
  const started = performance.now();
  // node:http rather than fetch: a streamed fetch body goes through web streams, which the client cannot feed fast enough.
  const { status, answer } = await new Promise((resolveUpload, reject) => {
    const request = httpRequest(`${app.url}/api/documents?targetType=roundtable&targetId=${roundtable.id}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${app.token}`,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': String(head.length + size + tail.length),
      },
    });
    request.once('error', reject);
    request.once('response', async (response) => {
      let text = '';
      for await (const chunk of response) text += chunk;
      resolveUpload({ status: response.statusCode, answer: JSON.parse(text) });
    });
    const writeAll = () => {
      for (;;) {
        if (sent >= size) return request.end(tail);
        const chunk = Buffer.from(block.subarray(0, Math.min(MB, size - sent)));
        if (sent > 0) chunk[0] = sent & 0xff; // every block differs a little from the first
        hash.update(chunk);
        sent += chunk.length;
        if (!request.write(chunk)) return request.once('drain', writeAll);
      }
    };
    request.write(head);
    writeAll();
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, rssOf(app.pid));
  if (status !== 201) throw new Error(`upload: ${status} ${JSON.stringify(answer)}`);
  const sha256 = hash.digest('hex');
  if (answer.current.sha256 !== sha256 || answer.current.sizeBytes !== size) throw new Error('the stored file differs from the one sent');
  const rate = size / MB / seconds;
  const growth = (peakRss - baseline) / MB;
  console.log(`upload: ${sizeMb} MB in ${seconds.toFixed(2)} s = ${rate.toFixed(0)} MB/s (goal ≥ 100) ${rate >= 100 ? 'ok' : 'BELOW GOAL'}`);
  console.log(
    `upload: server RSS ${(baseline / MB).toFixed(0)} MB before, ${(peakRss / MB).toFixed(0)} MB at peak: +${growth.toFixed(1)} MB (goal < 50) ${growth < 50 ? 'ok' : 'ABOVE GOAL'}`,
  );
  console.log(`upload: SHA-256 ${sha256} matches what the server kept`);
}

/** Each section measures one thing against the running app. */
const SECTIONS = {
  upload: uploadSection,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !SECTIONS[name]);
if (unknown.length) {
  console.error(`unknown section(s) ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}`);
  process.exit(2);
}
const uploadMb = Number(process.env.RECORD_UPLOAD_MB ?? 200);
const app = await startApp({ MAX_UPLOAD_MB: String(Math.max(50, Math.ceil(uploadMb) + 1)) });
try {
  for (const name of wanted.length ? wanted : Object.keys(SECTIONS)) await SECTIONS[name](app);
} finally {
  await app.stop();
}
