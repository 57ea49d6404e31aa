#!/usr/bin/env node
/**
 * Makes sure the Debian programs the scale-out tests run for real are installed: nginx (the load balancer in front of
 * several app processes) and redis-server (the other socket.io adapter). The e2e global setup runs this; by hand:
 * `node scripts/ensure-system-tools.mjs`. Missing ones are installed with apt-get when running as root (once, about
 * half a minute); otherwise it exits 1 naming what to install. Prints the paths found as one line of JSON on stdout.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const TOOLS = [
  { name: 'nginx', path: '/usr/sbin/nginx', packages: ['nginx'] },
  { name: 'redis-server', path: '/usr/bin/redis-server', packages: ['redis-server'] },
];
const say = (message) => process.stderr.write(`${message}\n`);

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const missing = TOOLS.filter((t) => !executable(t.path));
if (missing.length) {
  const packages = missing.flatMap((t) => t.packages);
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status !== 0) {
    say(`Missing ${missing.map((t) => t.name).join(' and ')}: install the Debian packages ${packages.join(' ')} (apt-get, as root).`);
    process.exit(1);
  }
  say(`Installing Debian's ${packages.join(' and ')} for the scale-out tests (apt-get, once) ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...packages]]) {
    const run = spawnSync('apt-get', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (run.status !== 0) {
      say(`apt-get ${args[0]} failed (exit ${run.status}):\n${`${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').slice(-5).join('\n')}`);
      process.exit(1);
    }
  }
  const still = TOOLS.filter((t) => !executable(t.path));
  if (still.length) {
    say(`apt-get finished, yet ${still.map((t) => t.path).join(' and ')} is missing`);
    process.exit(1);
  }
}
process.stdout.write(`${JSON.stringify(Object.fromEntries(TOOLS.map((t) => [t.name, t.path])))}\n`);
