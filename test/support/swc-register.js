// A tiny require hook so a child process can run the TypeScript app directly (used by the scale-out tests):
// node -r ./test/support/swc-register.js test/support/app-process.ts
// Compiled the same way as jest.config.js does (decorators with metadata, CommonJS).
//
// The tests start such processes about forty times in a run, each compiling the same few hundred files (about 1.2 s
// of CPU each time), so what is compiled is kept in node_modules/.cache/greentable-swc, by a hash of the source, its
// path, the options and the compiler's version: a changed file is compiled again, an unchanged one is read back.
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync, version } = require('@swc/core');

const OPTIONS = {
  sourceMaps: 'inline',
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};
const CACHE = join(__dirname, '..', '..', 'node_modules', '.cache', 'greentable-swc');
const SALT = JSON.stringify([version, OPTIONS]);

function compiled(source, filename) {
  const key = createHash('sha256').update(SALT).update('\0').update(filename).update('\0').update(source).digest('hex');
  const file = join(CACHE, `${key}.js`);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // Not compiled yet.
  }
  const { code } = transformSync(source, { ...OPTIONS, filename });
  try {
    mkdirSync(CACHE, { recursive: true });
    // Written whole and then renamed, so a process compiling the same file at the same time never reads half of it.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  } catch {
    // A cache that cannot be written only costs the next process the compile.
  }
  return code;
}

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  module._compile(compiled(readFileSync(filename, 'utf8'), filename), filename);
};
