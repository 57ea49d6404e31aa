// npm run bench:indicators — national-scale indicators: CSV import rate, series and roll-up latency, roadmap
// dashboard latency, the completeness matrix, the SDMX-CSV export, a bare COPY of the same files for comparison,
// and the server's memory while importing and exporting.
//
// It starts its own embedded PostgreSQL in a temporary folder and the built app (dist/src/main.js) as a child
// process on a free port, creates BENCH_PARKS parks (default 2,543) over 31 provinces, imports every catalogue
// indicator × BENCH_MONTHS monthly periods (default 60) for every park through POST /api/observations/import in
// files of about BENCH_FILE_ROWS rows, then times queries over HTTP. Everything is removed at the end.
//
//   BENCH_PARKS=200 npm run bench:indicators      a quick try
//   BENCH_CONCURRENCY (2)  uploads in flight at once;  BENCH_QUERIES (200)  requests per measured query
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { freePort, startEmbeddedPostgres } from '../src/database/embedded-postgres';

const env = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const PARKS = env('BENCH_PARKS', 2543);
const MONTHS = env('BENCH_MONTHS', 60);
const FILE_ROWS = env('BENCH_FILE_ROWS', 100_000);
const CONCURRENCY = env('BENCH_CONCURRENCY', 2);
const QUERIES = env('BENCH_QUERIES', 200);
const FIRST_YEAR = 2020;

const PROVINCES = [
  'Anhui',
  'Beijing',
  'Chongqing',
  'Fujian',
  'Gansu',
  'Guangdong',
  'Guangxi',
  'Guizhou',
  'Hainan',
  'Hebei',
  'Heilongjiang',
  'Henan',
  'Hubei',
  'Hunan',
  'Inner Mongolia',
  'Jiangsu',
  'Jiangxi',
  'Jilin',
  'Liaoning',
  'Ningxia',
  'Qinghai',
  'Shaanxi',
  'Shandong',
  'Shanghai',
  'Shanxi',
  'Sichuan',
  'Tianjin',
  'Tibet',
  'Xinjiang',
  'Yunnan',
  'Zhejiang',
];
const CITIES_PER_PROVINCE = 8;

const root = resolve(__dirname, '..', '..');
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const log = (message: string) => console.log(`[bench] ${message}`);

/** Deterministic pseudo-random numbers, so every run imports the same values. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s ^ (s >>> 15), 1 | s) + 0x6d2b79f5) >>> 0) / 2 ** 32;
}

interface Indicator {
  id: string;
  code: string;
  unit: string;
  aggregation: string;
}

/** A plausible value for a unit. */
function valueFor(unit: string, random: () => number, base: number): string {
  switch (unit) {
    case 'persons':
      return String(Math.round(base * (0.8 + random() * 0.4)));
    case 'count':
      return String(Math.floor(random() * 12));
    case 'percent':
      return (random() * 100).toFixed(1);
    case 'rate_per_100k':
      return (random() * 400).toFixed(2);
    case 'cny_per_month':
      return (4000 + random() * 6000).toFixed(0);
    case 'boolean':
      return random() < 0.6 ? '1' : '0';
    case 'score_0_6':
      return String(Math.floor(random() * 7));
    default:
      throw new Error(`no generator for the unit ${unit}`);
  }
}

const PG_SETTINGS = { shared_buffers: '1GB', wal_buffers: '64MB', max_wal_size: '8GB', checkpoint_timeout: '30min' };

/** Baseline → target per unit, for the links (swapped for injury rates, where lower is better). */
const TARGETS: Record<string, [number, number]> = {
  persons: [100, 50_000],
  count: [1, 12],
  percent: [20, 80],
  rate_per_100k: [100, 300],
  cny_per_month: [4000, 9000],
  score_0_6: [2, 5],
};

/** HTTP against the app, JSON in and out. */
/** What POST /api/observations/import answers. */
interface ImportResult {
  ok: boolean;
  rows: number;
  inserted: number;
  errorCount: number;
  errors: unknown[];
}

class Api {
  token = '';
  constructor(readonly port: number) {}

  call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    return new Promise((resolvePromise, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          method,
          path,
          agent: keepAlive,
          headers: {
            ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
            ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolvePromise({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : null) as T });
            } catch {
              resolvePromise({ status: res.statusCode ?? 0, body: text as unknown as T });
            }
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.call<T>(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
    return res.body;
  }

  /** Reads a GET answer as it streams, counting its bytes and lines (nothing is kept). */
  stream(path: string): Promise<{ bytes: number; lines: number }> {
    return new Promise((resolvePromise, reject) => {
      const req = request(
        { host: '127.0.0.1', port: this.port, method: 'GET', path, agent: keepAlive, headers: { Authorization: `Bearer ${this.token}` } },
        (res) => {
          if ((res.statusCode ?? 0) >= 300) reject(new Error(`GET ${path} → ${res.statusCode}`));
          let bytes = 0;
          let lines = 0;
          res.on('data', (c: Buffer) => {
            bytes += c.length;
            for (let i = c.indexOf(10); i >= 0; i = c.indexOf(10, i + 1)) lines++;
          });
          res.on('end', () => resolvePromise({ bytes, lines }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  /** Streams a file as a text/csv body to the importer. */
  upload(file: string): Promise<{ status: number; body: ImportResult }> {
    return new Promise((resolvePromise, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          method: 'POST',
          path: '/api/observations/import',
          agent: keepAlive,
          headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'text/csv', 'Content-Length': statSync(file).size },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ImportResult }));
        },
      );
      req.on('error', reject);
      createReadStream(file).pipe(req);
    });
  }
}
const keepAlive = new Agent({ keepAlive: true, maxSockets: 8 });

/** The server's memory, from /proc (Linux): current and peak resident set. */
function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(status.match(new RegExp(`${key}:\\s+(\\d+) kB`))?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return null;
  }
}
const mib = (bytes: number) => `${fmt(bytes / 2 ** 20, 0)} MiB`;

async function startServer(port: number, databaseUrl: string, dataDir: string): Promise<ChildProcess> {
  const server = spawn(process.execPath, [join(root, 'dist', 'src', 'main.js')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      JWT_SECRET: randomUUID() + randomUUID(),
      ACCESS_TOKEN_TTL_SECONDS: '14400',
      ADMIN_EMAIL: 'bench@greentable.bench',
      ADMIN_PASSWORD: 'bench-password-1',
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (c: Buffer) => (output += c.toString()));
  server.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the app exited:\n${output}`);
    if (output.includes('is ready on')) return server;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the app did not start within 2 minutes:\n${output}`);
}

/**
 * COPYs one of the bench's CSV files (indicator_code,park,<park id>,YYYY-MM,,value,bench,) into bench_copy as the
 * table's own columns: the bare reference the app's import is compared with. Answers the rows written.
 */
async function bareCopy(client: Client, file: string, indicatorIds: Map<string, string>): Promise<number> {
  const days = new Map<string, string>();
  const periodDays = (period: string) => {
    let found = days.get(period);
    if (!found) {
      const [y, m] = period.split('-').map(Number);
      found = `${period}-01\t${new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)}`;
      days.set(period, found);
    }
    return found;
  };
  let rows = 0;
  let header = true;
  let pending = '';
  const toCopy = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const text = pending + chunk.toString('utf8');
      const end = text.lastIndexOf('\n');
      pending = text.slice(end + 1);
      let out = '';
      for (const line of text.slice(0, end).split('\n')) {
        if (header) {
          header = false;
          continue;
        }
        if (!line) continue;
        const [code, scopeType, parkId, period, disaggregation, value, source, notes] = line.split(',');
        out += `${randomUUID()}\t${indicatorIds.get(code)}\t${scopeType}\t${parkId}\t\t\t${period}\t${periodDays(period)}\t${disaggregation}\t${value}\t${source}\t${notes}\n`;
        rows++;
      }
      callback(null, out);
    },
  });
  const copy = client.query(
    copyFrom(
      'COPY bench_copy (id, indicator_id, scope_type, park_id, province, city, period, period_start, period_end, disaggregation, value, source, notes) FROM STDIN',
    ),
  );
  await pipeline(createReadStream(file), toCopy, copy);
  return rows;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'greentable-bench-'));
  // As root the database runs as the postgres user, who must be able to reach its folder inside this one.
  chmodSync(dir, 0o755);
  log(`parks ${PARKS}, months ${MONTHS}, ~${FILE_ROWS} rows per file, ${CONCURRENCY} upload(s) at a time; working in ${dir}`);
  let db = await startEmbeddedPostgres(join(dir, 'db'), 'greentable_bench');
  if (process.env.BENCH_PG_DEFAULTS !== '1') {
    // The settings a PostgreSQL server holding this much data would be given (the embedded defaults are sized for a
    // laptop demo: 128 MB of buffers, 4 MB of WAL buffers). BENCH_PG_DEFAULTS=1 keeps the defaults.
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    for (const [name, value] of Object.entries(PG_SETTINGS)) await admin.query(`ALTER SYSTEM SET ${name} = '${value}'`);
    await admin.end();
    await db.stop();
    db = await startEmbeddedPostgres(join(dir, 'db'), 'greentable_bench');
  }
  const pg = new Client({ connectionString: db.url });
  let server: ChildProcess | undefined;
  // Interrupted: stop the app and the database before leaving (the finally below does it on the way out).
  const interrupted = new Promise<never>((_, reject) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => reject(new Error(`${signal}: stopping`)));
  });
  try {
    await Promise.race([run(), interrupted]);
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit').catch(() => undefined);
    }
    await pg.end().catch(() => undefined);
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  async function run(): Promise<void> {
    const port = await freePort();
    server = await startServer(port, db.url, join(dir, 'app'));
    const api = new Api(port);
    api.token = (
      await api.ok<{ accessToken: string }>('POST', '/api/auth/login', { email: 'bench@greentable.bench', password: 'bench-password-1' })
    ).accessToken;
    const me = await api.ok<{ organizationId?: string; organization?: { id: string } }>('GET', '/api/auth/me');
    const organizationId = me.organizationId ?? me.organization!.id;
    await pg.connect();

    // Parks, spread over provinces and cities, each run by its own administration.
    let start = process.hrtime.bigint();
    await pg.query(
      `WITH n AS (SELECT g AS i FROM generate_series(0, $1 - 1) g),
            orgs AS (
              INSERT INTO organizations (name, constituency, region)
              SELECT jsonb_build_object('en', 'Park administration ' || i), 'park_management', 'bench' FROM n RETURNING id, (name->>'en') AS label
            )
       INSERT INTO parks (name, city, province, level, organization_id)
       SELECT jsonb_build_object('en', 'Eco-Industrial Park ' || i, 'zh', '生态工业园' || i),
              ($2::text[])[1 + i % cardinality($2::text[])] || ' City ' || ((i / cardinality($2::text[])) % ${CITIES_PER_PROVINCE} + 1),
              ($2::text[])[1 + i % cardinality($2::text[])],
              CASE WHEN i % 5 = 0 THEN 'national' ELSE 'provincial' END,
              o.id
         FROM n JOIN orgs o ON o.label = 'Park administration ' || n.i`,
      [PARKS, PROVINCES],
    );
    const parks = (await pg.query<{ id: string; city: string; province: string }>('SELECT id, city, province FROM parks ORDER BY province, city, id')).rows;
    log(`created ${parks.length} parks in ${new Set(parks.map((p) => p.province)).size} provinces (${fmt(ms(start) / 1000)} s)`);

    const indicators = (await api.ok<{ items: Indicator[] }>('GET', '/api/indicators')).items;
    const periods = Array.from({ length: MONTHS }, (_, m) => `${FIRST_YEAR + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);
    const rowsPerPark = indicators.length * periods.length;
    const parksPerFile = Math.max(1, Math.round(FILE_ROWS / rowsPerPark));

    // The files are written before the clock starts, so the import rate measures the server, not this script.
    start = process.hrtime.bigint();
    const files: string[] = [];
    const random = rng(42);
    for (let first = 0; first < parks.length; first += parksPerFile) {
      const file = join(dir, `observations-${files.length + 1}.csv`);
      const out = createWriteStream(file);
      out.write('indicator_code,scope_type,scope,period,disaggregation,value,source,notes\n');
      let buffer = '';
      for (const park of parks.slice(first, first + parksPerFile)) {
        const size = 200 + Math.floor(random() * 5000);
        for (const indicator of indicators) {
          for (const period of periods) {
            buffer += `${indicator.code},park,${park.id},${period},,${valueFor(indicator.unit, random, size)},bench,\n`;
          }
          if (buffer.length > 1 << 20) {
            if (!out.write(buffer)) await once(out, 'drain');
            buffer = '';
          }
        }
      }
      out.end(buffer);
      await once(out, 'finish');
      files.push(file);
    }
    const totalRows = parks.length * rowsPerPark;
    const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
    log(`wrote ${files.length} files, ${totalRows.toLocaleString('en-US')} rows, ${mib(bytes)} (${fmt(ms(start) / 1000)} s)`);

    // Every rule on for the national import: a minimum on every indicator (the unit's own range is checked anyway),
    // the history and peer checks and the relations between breakdowns (on by default).
    for (const indicator of indicators) {
      await api.ok('PATCH', `/api/indicators/${indicator.code}/rules`, { minValue: 0, historyThreshold: 3.5, peerThreshold: 3.5, checkRelations: true });
    }

    // Import, sampling the server's memory as it goes.
    const samples: number[] = [];
    const before = memoryOf(server.pid!);
    const sampler = setInterval(() => {
      const m = memoryOf(server!.pid!);
      if (m) samples.push(m.rss);
    }, 200);
    start = process.hrtime.bigint();
    let next = 0;
    let imported = 0;
    const fileTimes: number[] = [];
    const worker = async () => {
      while (next < files.length) {
        const file = files[next++];
        const t = process.hrtime.bigint();
        const res = await api.upload(file);
        if (res.status !== 200 || !res.body.ok) throw new Error(`import of ${file} → ${res.status} ${JSON.stringify(res.body).slice(0, 800)}`);
        imported += res.body.inserted;
        fileTimes.push(ms(t));
        if (fileTimes.length % 10 === 0 || fileTimes.length === files.length) {
          log(`  imported ${fileTimes.length}/${files.length} files, server RSS ${mib(memoryOf(server!.pid!)?.rss ?? 0)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const importSeconds = ms(start) / 1000;
    clearInterval(sampler);
    const after = memoryOf(server.pid!);
    if (imported !== totalRows) throw new Error(`imported ${imported} rows, expected ${totalRows}`);
    const importRate = totalRows / importSeconds;
    // The largest RSS seen in each tenth of the import: flat means the import holds no more memory as it goes on.
    const tenths = Array.from({ length: 10 }, (_, i) =>
      Math.max(
        ...samples.slice(
          Math.floor((i * samples.length) / 10),
          Math.max(Math.floor(((i + 1) * samples.length) / 10), Math.floor((i * samples.length) / 10) + 1),
        ),
      ),
    );
    log(`imported ${totalRows.toLocaleString('en-US')} rows in ${fmt(importSeconds)} s: ${fmt(importRate, 0)} rows/s`);

    // Re-uploading a file adds nothing (and shows the cost of an idempotent re-upload).
    start = process.hrtime.bigint();
    const again = await api.upload(files[0]);
    const reuploadMs = ms(start);
    if (again.body.inserted !== 0) throw new Error('a re-upload inserted rows');

    // Setup for the read side, not timed: a second facilitator's verification of everything, done in SQL, then the
    // statistics autovacuum would gather.
    start = process.hrtime.bigint();
    await pg.query(`UPDATE observations SET status = 'verified', reviewed_at = now() WHERE status = 'submitted'`);
    await pg.query('VACUUM ANALYZE observations');
    log(`verified everything and analysed (setup, ${fmt(ms(start) / 1000)} s)`);

    // A roadmap of 40 commitments, each linked to 1–3 indicators for a park, a city or a province.
    const roadmap = await api.ok<{ id: string }>('POST', '/api/roadmaps', {
      title: { en: 'National green jobs roadmap (bench)' },
      periodStart: 2020,
      periodEnd: 2030,
      ownerOrganizationId: organizationId,
    });
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
    const linkable = indicators.filter((i) => i.unit !== 'boolean');
    for (let n = 0; n < 40; n++) {
      const item = await api.ok<{ id: string }>('POST', '/api/action-items', {
        roadmapId: roadmap.id,
        title: { en: `Commitment ${n + 1}` },
        leadOrganizationId: organizationId,
        policyArea: 'skills',
        dueDate: '2028-12-31',
      });
      const links = 1 + (n % 3);
      const used = new Set<string>();
      for (let k = 0; k < links; k++) {
        const indicator = pick(linkable);
        if (used.has(indicator.code)) continue;
        used.add(indicator.code);
        const park = pick(parks);
        const scope =
          k === 0
            ? { scopeType: 'park', parkId: park.id }
            : k === 1
              ? { scopeType: 'city', province: park.province, city: park.city }
              : { scopeType: 'province', province: park.province };
        const [baselineValue, targetValue] = TARGETS[indicator.unit];
        await api.ok('POST', `/api/action-items/${item.id}/indicator-links`, {
          indicatorId: indicator.code,
          ...scope,
          baselineValue: indicator.code.startsWith('DW.INJURY') ? targetValue : baselineValue,
          baselineDate: '2019-12-31',
          targetValue: indicator.code.startsWith('DW.INJURY') ? baselineValue : targetValue,
          targetDate: '2028-12-31',
        });
      }
    }

    const measure = async (label: string, paths: () => string, warmUp: string[] = Array.from({ length: 10 }, paths)) => {
      for (const path of warmUp) await api.ok('GET', path);
      const times: number[] = [];
      for (let i = 0; i < QUERIES; i++) {
        const path = paths();
        const t = process.hrtime.bigint();
        await api.ok('GET', path);
        times.push(ms(t));
      }
      return { label, p50: percentile(times, 50), p95: percentile(times, 95) };
    };
    const provinces = [...new Set(parks.map((p) => p.province))];
    const results = [
      await measure('park series (60 months)', () => `/api/indicators/${pick(indicators).code}/series?scopeType=park&scope=${pick(parks).id}`),
      await measure(`province roll-up (~${Math.round(parks.length / provinces.length)} parks × 60 months)`, () => {
        const indicator = pick(indicators);
        return `/api/indicators/${indicator.code}/series?scopeType=province&scope=${encodeURIComponent(pick(provinces))}`;
      }),
      await measure(
        'province roll-up, weighted mean',
        () => `/api/indicators/DW.CB_COVERAGE/series?scopeType=province&scope=${encodeURIComponent(pick(provinces))}`,
      ),
      await measure('roadmap progress (40 commitments)', () => `/api/roadmaps/${roadmap.id}/progress`),
      await measure('roadmap indicator-health (80 links)', () => `/api/roadmaps/${roadmap.id}/indicator-health`),
    ];
    const dashboard: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const t = process.hrtime.bigint();
      await Promise.all([api.ok('GET', `/api/roadmaps/${roadmap.id}/progress`), api.ok('GET', `/api/roadmaps/${roadmap.id}/indicator-health`)]);
      dashboard.push(ms(t));
    }
    results.push({ label: 'dashboard: progress + indicator-health together', p50: percentile(dashboard, 50), p95: percentile(dashboard, 95) });

    // The reporting calendar: every indicator monthly, then the completeness matrix for a province over all the
    // months and for every park over the last 12.
    for (const indicator of indicators) await api.ok('PATCH', `/api/indicators/${indicator.code}/rules`, { frequency: 'month', dueDays: 30 });
    const lastPeriod = periods[periods.length - 1];
    const yearBack = periods[Math.max(0, periods.length - 12)];
    const nationalMatrix = (code: string) => `/api/indicators/${code}/completeness?from=${yearBack}&to=${lastPeriod}`;
    results.push(
      await measure(`completeness: a province (~${Math.round(parks.length / provinces.length)} parks) × ${MONTHS} months`, () => {
        return `/api/indicators/${pick(indicators).code}/completeness?province=${encodeURIComponent(pick(provinces))}&from=${periods[0]}&to=${lastPeriod}`;
      }),
      await measure(
        `completeness: all ${parks.length} parks × 12 months`,
        () => nationalMatrix(pick(indicators).code),
        // Every indicator twice first, so that the server's database connections have each read every indicator's
        // part of the index once: a new PostgreSQL connection's first read of ~2,000 pages costs it 70–90 ms of page
        // faults on the shared buffers here (measured with /proc/<pid>/stat), which a running server has paid long ago.
        [...indicators, ...indicators].map((i) => nationalMatrix(i.code)),
      ),
    );

    // A monthly update with every rule at work: the next month for every park, each value checked against its
    // series' history (36 months back) and, by sex, against the total where it applies.
    const nextMonth = `${FIRST_YEAR + Math.floor(MONTHS / 12)}-${String((MONTHS % 12) + 1).padStart(2, '0')}`;
    const updateFile = join(dir, 'update.csv');
    {
      const out = createWriteStream(updateFile);
      out.write('indicator_code,scope_type,scope,period,disaggregation,value,source,notes\n');
      for (const park of parks) {
        const size = 200 + Math.floor(random() * 5000);
        let buffer = '';
        for (const indicator of indicators) buffer += `${indicator.code},park,${park.id},${nextMonth},,${valueFor(indicator.unit, random, size)},bench,\n`;
        if (!out.write(buffer)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
    }
    start = process.hrtime.bigint();
    const update = await api.upload(updateFile);
    const updateSeconds = ms(start) / 1000;
    if (update.status !== 200 || !update.body.ok) throw new Error(`update import → ${update.status} ${JSON.stringify(update.body).slice(0, 800)}`);
    const updateRows = parks.length * indicators.length;

    // The SDMX-CSV export of one indicator nationally (every park, every month), streamed: rows per second and the
    // server's memory while it streams.
    const sdmxIndicator = indicators.find((i) => i.code === 'GJ.GREEN_JOBS') ?? indicators[0];
    const sdmxSamples: number[] = [];
    const sdmxSampler = setInterval(() => {
      const m = memoryOf(server!.pid!);
      if (m) sdmxSamples.push(m.rss);
    }, 100);
    start = process.hrtime.bigint();
    const sdmx = await api.stream(`/api/indicators/${sdmxIndicator.code}/sdmx.csv`);
    const sdmxSeconds = ms(start) / 1000;
    clearInterval(sdmxSampler);
    const sdmxRows = sdmx.lines - 1;

    // The reference for the import rate: a bare COPY of the same files into a copy of the observations table with the
    // same indexes and constraints, each line turned into the table's columns here (indicator id, period days, an id)
    // and nothing checked, CONCURRENCY files at a time as the app had them.
    await pg.query('CREATE TABLE bench_copy (LIKE observations INCLUDING ALL)');
    const indicatorIds = new Map((await pg.query<{ code: string; id: string }>('SELECT code, id FROM indicators')).rows.map((r) => [r.code, r.id]));
    const copyClients = await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        const client = new Client({ connectionString: db.url });
        await client.connect();
        return client;
      }),
    );
    start = process.hrtime.bigint();
    let copyNext = 0;
    let copied = 0;
    await Promise.all(
      copyClients.map(async (client) => {
        while (copyNext < files.length) {
          // (Not `copied += await …`: that reads `copied` before the await and loses the other client's rows.)
          const rows = await bareCopy(client, files[copyNext++], indicatorIds);
          copied += rows;
        }
      }),
    );
    const copySeconds = ms(start) / 1000;
    await Promise.all(copyClients.map((c) => c.end()));
    await pg.query('DROP TABLE bench_copy');
    if (copied !== totalRows) throw new Error(`bare COPY wrote ${copied} rows, expected ${totalRows}`);
    const copyRate = totalRows / copySeconds;

    const [{ size }] = (await pg.query<{ size: string }>(`SELECT pg_size_pretty(pg_total_relation_size('observations')) AS size`)).rows;
    console.log('');
    console.log(`GreenTable indicators benchmark — ${parks.length} parks × ${indicators.length} indicators × ${MONTHS} months`);
    console.log(`  import: ${totalRows.toLocaleString('en-US')} rows in ${files.length} files (${mib(bytes)}), ${CONCURRENCY} at a time`);
    console.log(`    ${fmt(importRate, 0)} rows/s (${fmt(importSeconds)} s; per file p50 ${fmt(percentile(fileTimes, 50) / 1000, 2)} s)`);
    console.log(`    re-upload of a ${Math.round(totalRows / files.length).toLocaleString('en-US')}-row file (all unchanged): ${fmt(reuploadMs / 1000, 2)} s`);
    console.log(`    server RSS: ${mib(before?.rss ?? 0)} before the import, ${mib(after?.rss ?? 0)} after, peak (VmHWM) ${mib(after?.peak ?? 0)}`);
    console.log(`    server RSS, max per tenth of the import (MiB): ${tenths.map((b) => fmt(b / 2 ** 20, 0)).join(', ')}`);
    console.log(`    observations table with indexes: ${size}`);
    console.log(
      `    monthly update, every rule on (history per row): ${updateRows.toLocaleString('en-US')} rows in ${fmt(updateSeconds, 2)} s: ${fmt(updateRows / updateSeconds, 0)} rows/s, ${(update.body as { warningCount?: number }).warningCount ?? 0} warnings`,
    );
    console.log(
      `    bare COPY of the same files into a copy of the table (same indexes, no checks): ${fmt(copyRate, 0)} rows/s (${fmt(copySeconds)} s); the app's import is ${fmt(importRate / copyRate, 2)}× that`,
    );
    console.log(
      `  SDMX-CSV export of ${sdmxIndicator.code} nationally: ${sdmxRows.toLocaleString('en-US')} rows (${mib(sdmx.bytes)}) in ${fmt(sdmxSeconds, 2)} s: ${fmt(sdmxRows / sdmxSeconds, 0)} rows/s`,
    );
    console.log(`    server RSS while streaming: max ${mib(Math.max(0, ...sdmxSamples))}, min ${mib(sdmxSamples.length ? Math.min(...sdmxSamples) : 0)}`);
    console.log(`    PostgreSQL: ${process.env.BENCH_PG_DEFAULTS === '1' ? 'embedded defaults' : JSON.stringify(PG_SETTINGS)}`);
    console.log(`  HTTP latency over ${QUERIES} requests each (ms):`);
    for (const r of results) console.log(`    ${r.label.padEnd(52)} p50 ${fmt(r.p50).padStart(7)}   p95 ${fmt(r.p95).padStart(7)}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
