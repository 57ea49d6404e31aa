import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../src/database/embedded-postgres';

const SUPPORT = __dirname;

export interface AppProcessOptions {
  /** Another database than the shared test database. */
  databaseUrl?: string;
  /** Without the test-only opening of working-group channels (see app-process.ts): the app exactly as shipped. */
  asShipped?: boolean;
  /** Rooms shared through this Redis instead of PostgreSQL (the app's REDIS_URL). */
  redisUrl?: string;
  /** More environment for the process (SMTP_URL, MAIL_RATE_PER_SECOND, MAIL_LEASE_SECONDS: see app-process.ts). */
  env?: Record<string, string>;
}

/** A separate app process on the shared test database (see app-process.ts), restartable on the same port. */
export class AppProcess {
  private child: ChildProcess | null = null;
  private output = '';

  private constructor(
    readonly port: number,
    private readonly jwtSecret: string,
    private readonly options: AppProcessOptions,
  ) {}

  static async start(jwtSecret: string, options: AppProcessOptions = {}): Promise<AppProcess> {
    const proc = new AppProcess(await freePort(), jwtSecret, options);
    await proc.boot();
    return proc;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The process id (while it runs). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The process's own output, to show when a test fails. */
  get log(): string {
    return this.output;
  }

  async boot(timeoutMs = 90_000): Promise<void> {
    const child = spawn(process.execPath, ['-r', join(SUPPORT, 'swc-register.js'), join(SUPPORT, 'app-process.ts')], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(this.port),
        JWT_SECRET: this.jwtSecret,
        GREENTABLE_TEST_DATABASE_URL: this.options.databaseUrl ?? process.env.GREENTABLE_TEST_DATABASE_URL,
        APP_PROCESS_AS_SHIPPED: this.options.asShipped ? 'true' : '',
        REDIS_URL: this.options.redisUrl ?? '',
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk) => (this.output += chunk));
    child.stderr?.on('data', (chunk) => (this.output += chunk));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`app process did not start within ${timeoutMs} ms:\n${this.output}`)), timeoutMs);
      child.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`app process exited with ${code}:\n${this.output}`));
      });
    });
  }

  /** Kills the process outright (no graceful shutdown), as a crash would. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }
}
