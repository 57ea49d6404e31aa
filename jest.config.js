// Three tiers: unit tests beside the code they test, e2e tests in test/ against a real PostgreSQL
// (an embedded throwaway server started once in global setup, or TEST_DATABASE_URL), and browser tests in
// test/browser/ against the real app.
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true, tsx: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};

// Node runs the ES modules some dependencies ship (content-disposition 3, under @fastify/static) through require();
// jest's own module loader does not before Node 24.9, so they are compiled to CommonJS like the sources.
const transformIgnorePatterns = ['/node_modules/(?!(.*/)?content-disposition/)'];

module.exports = {
  // Per project, testTimeout is not applied: a database-backed hook on a busy 2-core machine can take more than 5 s.
  testTimeout: 30000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/client/src/**/*.spec.ts'],
      // The client imports the rules it shares with the server as @shared/* (client/tsconfig.json).
      moduleNameMapper: { '^@shared/(.*)$': '<rootDir>/src/shared/$1' },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      // Includes the fuzz suite, test/fuzz/api.e2e-spec.ts (every operation and socket event with bad input).
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
      // Each worker on a database of its own (copies made in global setup).
      setupFiles: ['<rootDir>/test/support/worker-database.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-timeout.ts'],
    },
    {
      // Journeys in Chromium (playwright-core driving the system's chromium, CHROMIUM_PATH to override) against the
      // real app with the demo world; see test/browser/support/browser.ts.
      displayName: 'browser',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/browser/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/browser/global-setup.ts',
      globalTeardown: '<rootDir>/test/browser/global-teardown.ts',
      // (A project's testTimeout is not applied: test/browser/support/browser.ts sets 60 s with jest.setTimeout.)
    },
  ],
};
