#!/usr/bin/env node
// npm run bench:web — Lighthouse (mobile, its default emulation and throttling) on the pages people open first:
// sign-in, the home page, the roadmap dashboard and a roundtable page, signed in where needed, on the built app with
// the demo world. Prints each page's scores and timings, and the spread when BENCH_RUNS > 1.
//
// It starts its own embedded PostgreSQL in a temporary folder and the built app (dist/src/main.js) on a free port,
// and drives the same Chromium the browser tests use (scripts/ensure-chromium.mjs). Each page is measured two ways:
// as deployed (docs/deploy.md: Debian's nginx in front, HTTPS and HTTP/2, with a self-signed certificate Chromium is
// told to trust), and on the app's own port (plain HTTP/1.1, as in development). The goals are judged as deployed;
// the direct figures are printed beside them.
//
//   npm run bench:web                           three runs of each page, both ways
//   BENCH_RUNS=1 npm run bench:web              one run
//   BENCH_WEB_VIA=nginx npm run bench:web       as deployed only (or app: the app's port only)
//   BENCH_PAGES=home,roundtable npm run bench:web   some of the pages (sign-in, home, roadmap dashboard, roundtable)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { Nginx, selfSignedCertificate } from '../dist/bench/scaleout-servers.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('BENCH_RUNS must be a positive whole number');
const VIA = (process.env.BENCH_WEB_VIA ?? 'nginx,app').split(',');
const PAGES = process.env.BENCH_PAGES?.split(',');
if (!VIA.length || VIA.some((via) => via !== 'nginx' && via !== 'app')) throw new Error('BENCH_WEB_VIA must be nginx, app or nginx,app');
const GOALS = { performance: 95, accessibility: 100 };
const DEMO_PASSWORD = 'greentable-demo';
const log = (message) => console.log(`[bench] ${message}`);

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

function chromium() {
  const found = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-chromium.mjs')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (found.status !== 0) throw new Error('no Chromium to run Lighthouse on');
  return JSON.parse(found.stdout.trim().split('\n').pop());
}

async function startApp() {
  const dataDir = mkdtempSync(join(tmpdir(), 'greentable-bench-web-'));
  const port = await freePort();
  const env = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), DATA_DIR: dataDir, DEMO_DATA: 'true' };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'TRUST_PROXY']) delete env[name];
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the app did not answer /api/health within 2 minutes');
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, port, stop };
}

async function api(url, path, token) {
  const response = await fetch(`${url}/api${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return response.json();
}

/** The demo's Suzhou round table of December 2019 and the 2020–2025 roadmap, found as a user would find them. */
async function demoPages(url) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'facilitator@greentable.demo', password: DEMO_PASSWORD }),
  });
  const { accessToken } = await login.json();
  const roundtables = await api(url, '/roundtables?when=past&limit=50', accessToken);
  const roundtable = roundtables.items.find((item) => item.title.en.includes('Suzhou')) ?? roundtables.items[0];
  const roadmaps = await api(url, '/roadmaps', accessToken);
  const roadmap = (roadmaps.items ?? roadmaps)[0];
  return [
    { name: 'sign-in', path: '/signin', signedIn: false },
    { name: 'home', path: '/', signedIn: true },
    { name: 'roadmap dashboard', path: `/roadmaps/${roadmap.id}/dashboard`, signedIn: true },
    { name: 'roundtable', path: `/roundtables/${roundtable.id}`, signedIn: true },
  ];
}

/**
 * Starts each measured load as a new visitor would: nothing cached, signed out; then, where the page needs it, signs
 * in through the sign-in page itself, so the browser keeps the session the way the client keeps it. (Lighthouse
 * keeps that session because storage reset is off, so the cache is cleared here instead.)
 */
async function prepareVisit(browser, url, signedIn) {
  const page = await browser.newPage();
  const cdp = await page.createCDPSession();
  // Every cookie, the session's HttpOnly one on /api/auth included, and everything cached.
  await cdp.send('Network.clearBrowserCookies');
  await cdp.send('Network.clearBrowserCache');
  await page.goto(`${url}/signin`);
  await page.evaluate(() => localStorage.clear());
  if (signedIn) {
    await page.goto(`${url}/signin`, { waitUntil: 'networkidle0' });
    await page.type('input[type="email"]', 'facilitator@greentable.demo');
    await page.type('input[type="password"]', DEMO_PASSWORD);
    await Promise.all([page.waitForFunction(() => !globalThis.location.pathname.startsWith('/signin')), page.click('button[type="submit"]')]);
  }
  await cdp.send('Network.clearBrowserCache');
  await page.close();
}

const ms = (value) => `${Math.round(value).toLocaleString('en-US')} ms`;
const spread = (values, format = String) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 1 ? format(sorted[0]) : `${format(sorted[Math.floor((sorted.length - 1) / 2)])} (${format(sorted[0])}–${format(sorted.at(-1))})`;
};

const app = await startApp();
const certificateDir = mkdtempSync(join(tmpdir(), 'greentable-bench-tls-'));
const certificate = selfSignedCertificate(certificateDir);
const nginx = VIA.includes('nginx') ? await Nginx.start([app.port], { tls: certificate }) : null;
const fronts = [
  { via: 'nginx', title: 'as deployed: nginx, HTTPS, HTTP/2', url: nginx?.url },
  { via: 'app', title: "the app's own port: HTTP/1.1", url: app.url },
].filter((front) => VIA.includes(front.via));
const { executablePath } = chromium();
const userDataDir = mkdtempSync(join(tmpdir(), 'greentable-bench-chromium-'));
const chrome = await chromeLauncher.launch({
  chromePath: executablePath,
  userDataDir,
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    `--ignore-certificate-errors-spki-list=${certificate.spki}`,
  ],
});
const results = [];
try {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  const pages = (await demoPages(app.url)).filter((target) => !PAGES || PAGES.includes(target.name));
  for (const front of fronts) {
    for (const target of pages) {
      const runs = [];
      for (let run = 0; run < RUNS; run++) {
        await prepareVisit(browser, front.url, target.signedIn);
        const result = await lighthouse(`${front.url}${target.path}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
          disableStorageReset: true,
        });
        const { categories, audits } = result.lhr;
        if (result.lhr.runtimeError) throw new Error(`${target.name}: ${result.lhr.runtimeError.message}`);
        runs.push({
          performance: Math.round(categories.performance.score * 100),
          accessibility: Math.round(categories.accessibility.score * 100),
          fcp: audits['first-contentful-paint'].numericValue,
          lcp: audits['largest-contentful-paint'].numericValue,
          tbt: audits['total-blocking-time'].numericValue,
          cls: audits['cumulative-layout-shift'].numericValue,
          bytes: audits['total-byte-weight'].numericValue,
          failing: Object.values(audits)
            .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary')
            .map((audit) => audit.id),
        });
      }
      results.push({ ...target, front, runs });
      log(`${target.name} (${target.path.replace(/[0-9a-f-]{36}/, ':id')}), ${front.title}, ${RUNS} run(s):`);
      const col = (key) => runs.map((r) => r[key]);
      log(`  performance ${spread(col('performance'))}, accessibility ${spread(col('accessibility'))}`);
      log(`  FCP ${spread(col('fcp'), ms)}, LCP ${spread(col('lcp'), ms)}, TBT ${spread(col('tbt'), ms)}, CLS ${spread(col('cls'), (v) => v.toFixed(3))}`);
      log(`  transferred ${spread(col('bytes'), (v) => `${(v / 1024).toFixed(0)} KiB`)}`);
      const failing = [...new Set(runs.flatMap((r) => r.failing))];
      if (failing.length) log(`  audits not passed: ${failing.join(', ')}`);
    }
  }
  await browser.disconnect();
} finally {
  await chrome.kill();
  rmSync(userDataDir, { recursive: true, force: true });
  await nginx?.stop();
  rmSync(certificateDir, { recursive: true, force: true });
  await app.stop();
}

log('goals, judged as deployed: mobile performance >= 95 on each page (every run), accessibility 100');
for (const { name, front, runs } of results) {
  const met = runs.every((r) => r.performance >= GOALS.performance && r.accessibility >= GOALS.accessibility);
  const verdict = front.via === 'nginx' ? (met ? 'met    ' : 'NOT met') : '(direct)';
  log(
    `  ${verdict} ${name}, ${front.title}: performance ${runs.map((r) => r.performance).join(', ')}; accessibility ${runs.map((r) => r.accessibility).join(', ')}`,
  );
}
