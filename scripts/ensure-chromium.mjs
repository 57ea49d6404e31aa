#!/usr/bin/env node
/**
 * Finds or provisions the Chromium that the browser tests drive (test/browser/global-setup.ts runs this; by hand:
 * `node scripts/ensure-chromium.mjs`). In order:
 *
 *   1. CHROMIUM_PATH, when set: it must exist (a wrong path is an error, not a reason to look elsewhere);
 *   2. Debian's chromium at /usr/bin/chromium;
 *   3. when it is missing and we are root with apt-get: `apt-get update && apt-get install chromium`, so it stays;
 *   4. otherwise (or when that install fails) the Chromium shipped inside the @sparticuz/chromium devDependency,
 *      unpacked once under node_modules/.cache/ with its own NSS libraries.
 *
 * TEST_CHROMIUM=system skips step 4, TEST_CHROMIUM=bundled goes straight to it. Prints the result as one line of JSON
 * on stdout, `{ "executablePath": ..., "env": { ... }, "source": ... }`, and progress on stderr; exits 1 with the
 * reasons when no Chromium can be had.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const say = (message) => process.stderr.write(`${message}\n`);

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Debian's chromium through apt-get; true when /usr/bin/chromium is there afterwards. */
function aptInstall(reasons) {
  if (!isRoot() || !hasCommand('apt-get')) {
    reasons.push('apt-get: not root, or no apt-get on this machine');
    return false;
  }
  say("No Chromium at /usr/bin/chromium: installing Debian's chromium (apt-get, about a minute, once) ...");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const run = spawnSync('apt-get', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (run.status !== 0) {
      const tail = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').slice(-5).join('\n');
      reasons.push(`apt-get ${args[0]} failed (exit ${run.status}):\n${tail}`);
      return false;
    }
  }
  if (!executable(SYSTEM_CHROMIUM)) reasons.push('apt-get installed chromium, yet /usr/bin/chromium is missing');
  return executable(SYSTEM_CHROMIUM);
}

/** The Chromium inside @sparticuz/chromium (brotli-compressed in the package), unpacked once per package version. */
async function bundled(reasons) {
  const require = createRequire(join(ROOT, 'package.json'));
  let entry;
  try {
    entry = require.resolve('@sparticuz/chromium');
  } catch {
    reasons.push('@sparticuz/chromium: not installed (npm ci installs it with the devDependencies)');
    return undefined;
  }
  const packageDir = resolve(dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const dir = join(ROOT, 'node_modules', '.cache', `sparticuz-chromium-${version}`);
  const executablePath = join(dir, 'chromium');
  const complete = join(dir, '.complete');
  if (!existsSync(complete)) {
    say(`Unpacking the Chromium of @sparticuz/chromium ${version} into ${dir} (once) ...`);
    // A half-unpacked folder (an interrupted run) is started again from nothing.
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // The package's inflate() writes into os.tmpdir(): point that at our folder while it runs.
    const tmpdir = process.env.TMPDIR;
    process.env.TMPDIR = dir;
    try {
      const { inflate } = await import(pathToFileURL(entry).href);
      const bin = join(packageDir, 'bin');
      for (const archive of ['al2023.tar.br', 'swiftshader.tar.br', 'fonts.tar.br', 'chromium.br']) await inflate(join(bin, archive));
      writeFileSync(complete, `${version}\n`);
    } catch (error) {
      reasons.push(`@sparticuz/chromium: unpacking failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    } finally {
      if (tmpdir === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmpdir;
    }
  }
  // Its own NSS (and the SwiftShader GL) instead of the machine's, which may not have them; its fonts when the machine
  // has no fontconfig of its own.
  const env = { LD_LIBRARY_PATH: [join(dir, 'al2023', 'lib'), dir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') };
  if (!existsSync('/etc/fonts/fonts.conf')) env.FONTCONFIG_PATH = join(dir, 'fonts');
  return { executablePath, env, source: `@sparticuz/chromium ${version}` };
}

async function main() {
  const mode = process.env.TEST_CHROMIUM || 'auto';
  if (!['auto', 'system', 'bundled'].includes(mode)) throw new Error(`TEST_CHROMIUM must be auto, system or bundled (not ${mode})`);
  const reasons = [];
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) {
    if (executable(explicit)) return { executablePath: explicit, env: {}, source: 'CHROMIUM_PATH' };
    throw new Error(`CHROMIUM_PATH=${explicit} is not an executable file: fix it, or unset it to use or install /usr/bin/chromium`);
  }
  if (mode !== 'bundled') {
    if (executable(SYSTEM_CHROMIUM) || aptInstall(reasons)) return { executablePath: SYSTEM_CHROMIUM, env: {}, source: 'Debian chromium' };
  }
  if (mode !== 'system') {
    const found = await bundled(reasons);
    if (found) return found;
  }
  throw new Error(
    `No Chromium for the browser tests:\n${reasons.map((r) => `  - ${r}`).join('\n')}\n` +
      'Install it (apt-get install chromium), run npm ci (for @sparticuz/chromium), or set CHROMIUM_PATH.',
  );
}

main().then(
  (found) => {
    say(`Chromium for the browser tests: ${found.executablePath} (${found.source})`);
    process.stdout.write(`${JSON.stringify(found)}\n`);
  },
  (error) => {
    say(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
