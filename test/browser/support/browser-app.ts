import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../../src/common/paths';
import { freePort } from '../../../src/database/embedded-postgres';

/** Settings of the developer's environment that must not reach the throwaway app (their database, their secrets). */
const INHERITED_SETTINGS = [
  'DATABASE_URL',
  'REDIS_URL',
  'JWT_SECRET',
  'ADMIN_EMAIL',
  'ADMIN_PASSWORD',
  'DEMO_DATA',
  'DATA_DIR',
  'PORT',
  'CORS_ORIGINS',
  'TRUST_PROXY',
  'LOGIN_MAX_FAILURES',
  'LOGIN_FAILURE_WINDOW_SECONDS',
];

/**
 * The real app (src/main.ts, compiled on the fly, so no server build is needed) as a child process with its own
 * embedded PostgreSQL in a temporary folder: the demo world loads on its first start, as on a fresh machine.
 */
export class BrowserApp {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly dataDir: string,
    readonly url: string,
  ) {
    child.stdout?.on('data', (chunk) => (this.output += chunk));
    child.stderr?.on('data', (chunk) => (this.output += chunk));
  }

  static async start(timeoutMs = 120_000): Promise<BrowserApp> {
    const root = projectRoot();
    const dataDir = mkdtempSync(join(tmpdir(), 'greentable-browser-'));
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of INHERITED_SETTINGS) delete env[name];
    const child = spawn(process.execPath, ['-r', join(root, 'test', 'support', 'swc-register.js'), join(root, 'src', 'main.ts')], {
      cwd: root,
      env: { ...env, NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: String(port), DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Should jest stop without its global teardown, the app (which stops its database on SIGTERM) goes too.
    const stopOnExit = () => child.kill('SIGTERM');
    process.once('exit', stopOnExit);
    child.once('exit', () => process.off('exit', stopOnExit));
    const app = new BrowserApp(child, dataDir, `http://127.0.0.1:${port}`);
    await app.waitUntilHealthy(timeoutMs);
    return app;
  }

  private async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`the app exited with ${this.child.exitCode}:\n${this.output}`);
      const healthy = await fetch(`${this.url}/api/health`)
        .then((response) => response.ok)
        .catch(() => false);
      if (healthy) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await this.stop();
    throw new Error(`the app did not answer /api/health within ${timeoutMs} ms:\n${this.output}`);
  }

  /** Stops the app (which stops its embedded PostgreSQL) and removes the data folder. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
