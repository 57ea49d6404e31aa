import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../src/database/embedded-postgres';

const ROOT = join(__dirname, '..');
const ADMIN = { email: 'restart-admin@example.org', password: 'restart-admin-password' };

/** The app as `npm start` runs it (src/main.ts, compiled on the fly), with the embedded PostgreSQL in `dataDir`. */
class App {
  output = '';
  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(dataDir: string, logLevel = 'info'): Promise<App> {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of ['DATABASE_URL', 'JWT_SECRET', 'REDIS_URL']) delete env[name];
    const child = spawn(process.execPath, ['-r', join(ROOT, 'test/support/swc-register.js'), join(ROOT, 'src/main.ts')], {
      cwd: ROOT,
      env: {
        ...env,
        NODE_ENV: 'development',
        PORT: String(port),
        DATA_DIR: dataDir,
        DEMO_DATA: 'false',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        LOG_FORMAT: 'json',
        LOG_LEVEL: logLevel,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const app = new App(child, port);
    child.stdout.on('data', (chunk) => (app.output += chunk));
    child.stderr.on('data', (chunk) => (app.output += chunk));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the app did not start within 90 s:\n${app.output}`)), 90_000);
      const check = () => {
        if (!app.output.includes('is ready on')) return;
        clearTimeout(timer);
        child.stdout.off('data', check);
        resolve();
      };
      child.stdout.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the app exited with ${code}:\n${app.output}`));
      });
    });
    return app;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The JSON log lines written so far. */
  get lines(): Record<string, unknown>[] {
    return this.output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  async signIn(): Promise<string> {
    const res = await fetch(`${this.url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ADMIN) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  /** kill -9: no signal handler runs, nothing is closed. */
  async kill(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};
const postmasterPid = (dataDir: string) => Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
const within = async (ms: number, condition: () => boolean) => {
  const until = Date.now() + ms;
  while (!condition() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  return condition();
};
/** The processes whose parent is `pid` (Linux). */
const childrenOf = (pid: number) =>
  readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');

describe('the app comes back after kill -9, with its data', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'greentable-restart-'));
  let app: App | undefined;

  afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const createOrganization = async (name: string) => {
    const token = await app!.signIn();
    const res = await fetch(`${app!.url}/api/organizations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: { en: name }, constituency: 'workers' }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const organizationNames = async () => {
    const token = await app!.signIn();
    const res = await fetch(`${app!.url}/api/organizations`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { name: { en?: string } }[] };
    return body.items.map((o) => o.name.en);
  };

  it('kill -9 takes the embedded PostgreSQL along, and the next start finds the data', async () => {
    app = await App.start(dataDir);
    await createOrganization('Written before the first kill');
    const postgres = postmasterPid(dataDir);
    await app.kill();
    // The database does not outlive the app.
    expect(await within(15_000, () => !isRunning(postgres))).toBe(true);

    app = await App.start(dataDir);
    expect(await organizationNames()).toContain('Written before the first kill');
    // At info each API request has its access line, with who asked.
    const access = () => app!.lines.filter((line) => (line.req as { url?: string } | undefined)?.url === '/api/organizations');
    expect(await within(5_000, () => access().length > 0)).toBe(true);
    expect(access()).toEqual([
      expect.objectContaining({ level: 30, req: expect.objectContaining({ method: 'GET' }), res: { statusCode: 200 }, userId: expect.any(String) }),
    ]);
  }, 240_000);

  it('a PostgreSQL left running on the folder (its watchdog killed too) is stopped cleanly on the next start', async () => {
    await createOrganization('Written before the second kill');
    const postgres = postmasterPid(dataDir);
    const settings = readFileSync(join(dataDir, 'postgres.json'), 'utf8');
    const watchdogs = childrenOf(app!.child.pid!).filter((pid) => cmdline(pid).includes('postmaster.pid'));
    expect(watchdogs).toHaveLength(1);
    process.kill(watchdogs[0], 'SIGKILL');
    await app!.kill();
    // Orphaned: nothing stops this one but the next start.
    await new Promise((r) => setTimeout(r, 1000));
    expect(isRunning(postgres)).toBe(true);

    app = await App.start(dataDir);
    expect(isRunning(postgres)).toBe(false);
    expect(postmasterPid(dataDir)).not.toBe(postgres);
    expect(JSON.parse(readFileSync(join(dataDir, 'postgres.json'), 'utf8'))).toMatchObject({ password: JSON.parse(settings).password });
    expect(await organizationNames()).toEqual(expect.arrayContaining(['Written before the first kill', 'Written before the second kill']));
  }, 240_000);

  it('a second app on the same folder is refused with a reason, and changes nothing', async () => {
    const settings = readFileSync(join(dataDir, 'postgres.json'), 'utf8');
    const postgres = postmasterPid(dataDir);
    await expect(App.start(dataDir)).rejects.toThrow(/in use by another GreenTable process/);
    expect(readFileSync(join(dataDir, 'postgres.json'), 'utf8')).toBe(settings);
    expect(isRunning(postgres)).toBe(true);
    expect(await organizationNames()).toContain('Written before the second kill');
  }, 120_000);
});

describe('at warn, no access lines, and what goes wrong is still told', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'greentable-quiet-'));
  let app: App | undefined;

  afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes a refused request and nothing for the answered ones', async () => {
    app = await App.start(dataDir, 'warn');
    const token = await app.signIn();
    const listed = await fetch(`${app.url}/api/organizations`, { headers: { Authorization: `Bearer ${token}` } });
    expect(listed.status).toBe(200);
    const refused = await fetch(`${app.url}/api/organizations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: '{"name":',
    });
    expect(refused.status).toBe(400);
    expect(await within(5_000, () => app!.output.includes('refused with 400'))).toBe(true);
    const lines = app.lines.filter((line) => typeof line.msg === 'string' && !/embedded PostgreSQL|ready on/.test(line.msg));
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, context: 'RequestInput', msg: 'POST /api/organizations refused with 400: body: is not valid JSON' }),
    ]);
  }, 120_000);
});
