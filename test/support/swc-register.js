// A tiny require hook so a child process can run the TypeScript app directly (used by the scale-out tests):
// node -r ./test/support/swc-register.js test/support/app-process.ts
// Compiled the same way as jest.config.js does (decorators with metadata, CommonJS).
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
