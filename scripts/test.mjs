// `npm test`: every test, in two runs of jest. The unit and end-to-end files run on two workers, one per core (each
// worker on a database of its own, test/support/worker-database.ts): a test file keeps one core busy for most of its
// time (its app runs in the worker's own process), so two side by side take about 6 minutes instead of 10 here. The
// browser files run after them on one worker, as they share one app and its demo world.
// Arguments are handed to one run of jest as they are (`npm test -- test/chat.e2e-spec.ts`).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const jest = createRequire(import.meta.url).resolve('jest/bin/jest');
const run = (args) => spawnSync(process.execPath, [jest, '--config', 'jest.config.js', ...args], { stdio: 'inherit' }).status ?? 1;

const extra = process.argv.slice(2);
if (extra.length) process.exit(run(extra));

const runs = [
  ['unit and e2e', ['--selectProjects', 'unit', 'e2e', '--maxWorkers=2']],
  ['browser', ['--selectProjects', 'browser', '--maxWorkers=1']],
];
const failed = runs.filter(([, args]) => run(args) !== 0).map(([name]) => name);
if (failed.length) {
  console.error(`npm test: the ${failed.join(' and the ')} tests failed (see above)`);
  process.exit(1);
}
