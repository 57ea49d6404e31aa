// ESLint 9 flat config: typescript-eslint's type-checked rules for the server, the tests and the web client; React's
// hooks rules for the client. Formatting is Prettier's (.prettierrc.json): eslint-config-prettier turns off the rules
// that would disagree with it. `npm run lint` runs both; `npm run format` rewrites with Prettier.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Migrations are never edited once they land, so they are not linted either.
  {
    ignores: [
      '**/node_modules/',
      'dist/',
      'client/dist/',
      'coverage/',
      'test-results/',
      'data/',
      'client/src/api/schema.gen.ts',
      'src/openapi/metadata.ts',
      'migrations/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // Each file is checked with its nearest tsconfig.json: the root one (src, migrations, bench, test),
      // test/browser/tsconfig.json (the DOM too) and client/tsconfig.json.
      parserOptions: {
        projectService: {
          allowDefaultProject: ['client/vite.config.mts', 'client/route-preloads.mts', 'client/opening-scripts.mts'],
          defaultProject: 'client/tsconfig.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['src/**/*.ts', 'migrations/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Repositories are the only door to the database: services and controllers may name TypeORM's types, not use it.
    files: ['src/**/*.service.ts', 'src/**/*.controller.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'typeorm',
              allowTypeImports: true,
              message: "Database access belongs in the module's *.repository.ts; a service or controller may import TypeORM types only (import type).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    rules: {
      // An async onSubmit/onClick is fine: React ignores the promise, and the handlers catch their own errors.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // The pages load their data in effects and set state when it arrives; moving that to a data-loading library is a
      // change of its own. Reported, not failed.
      'react-hooks/set-state-in-effect': 'warn',
      'react-hooks/refs': 'warn',
    },
  },
  {
    // Response bodies (supertest) and socket acks are untyped JSON in the tests; the expectations are the check.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain JavaScript (config files, scripts): no type information.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs', 'jest.config.js', 'test/support/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
