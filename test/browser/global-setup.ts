import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/common/paths';
import { BrowserApp } from './support/browser-app';

const CLIENT = join(projectRoot(), 'client');

/** The newest modification time under a path (a file, or a folder walked recursively). */
function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs);
}

/** Builds the web client when client/dist is missing or older than its sources (`npm test` with no build before). */
function ensureClientBuilt(): void {
  const built = join(CLIENT, 'dist', 'index.html');
  const sources = ['src', 'index.html', 'vite.config.mts', 'route-preloads.mts', 'opening-scripts.mts'].map((name) => join(CLIENT, name));
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestChange))) return;
  console.log('\nBuilding the web client for the browser tests ...');
  const vite = join(projectRoot(), 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', join(CLIENT, 'vite.config.mts')], {
    cwd: projectRoot(),
    encoding: 'utf8',
    // Jest sets NODE_ENV=test, which would make Vite ship React's development build: test what users get.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

/**
 * The Chromium to drive: CHROMIUM_PATH, /usr/bin/chromium, installed with apt-get when missing, or the one inside
 * @sparticuz/chromium (scripts/ensure-chromium.mjs). Handed to the test files in GREENTABLE_CHROMIUM; no Chromium fails
 * the run here, with the reasons, rather than skipping anything.
 */
function ensureChromium(): void {
  const result = spawnSync(process.execPath, [join(projectRoot(), 'scripts', 'ensure-chromium.mjs')], {
    cwd: projectRoot(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error('the browser tests need Chromium, and none could be found or installed (see above)');
  process.env.GREENTABLE_CHROMIUM = result.stdout.trim().split('\n').pop();
}

/**
 * For the `browser` project: Chromium, the built web client, served by the real app (src/main.ts as a child process) on a
 * throwaway embedded PostgreSQL holding the demo world. Tests find it at GREENTABLE_BROWSER_URL.
 */
export default async function globalSetup(): Promise<void> {
  ensureChromium();
  ensureClientBuilt();
  const app = await BrowserApp.start();
  (globalThis as Record<string, unknown>).__GREENTABLE_BROWSER_APP__ = app;
  process.env.GREENTABLE_BROWSER_URL = app.url;
}
