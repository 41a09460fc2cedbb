import next from 'eslint-config-next';

/**
 * The layers (ARCHITECTURE.md): app/ → lib/ → db/, and components/ beside app/. Paths are checked
 * after resolving, so `@/…` and relative imports alike. Components may import types from db/
 * (`import type { Status } from '@/db/schema'`: erased at build, no database code reaches the
 * browser); anything else from db/ goes through lib/.
 */
const ROOT = import.meta.dirname;
const restrictedPaths = (zones) => ['error', { basePath: ROOT, zones }];
const COMPONENTS_NO_DB = {
  group: ['@/db', '@/db/*', '**/db', '**/db/*'],
  allowTypeImports: true,
  message:
    'Components do not import db/: call a lib/ use case from the page or action and pass the data in (types may be imported with `import type`).',
};
const LIB_NO_FRAMEWORK = {
  group: ['next', 'next/*', 'next-auth', 'next-auth/*', 'react', 'react/*', 'react-dom', 'react-dom/*'],
  message: 'lib/ is the domain: no Next.js or React here (app/ maps results to pages and responses).',
};

export const layerRules = [
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'import/no-restricted-paths': restrictedPaths([
        {
          target: './components',
          from: './app',
          message: 'Components do not import app/: the page passes server actions in as props.',
        },
      ]),
      'no-restricted-imports': ['error', { patterns: [COMPONENTS_NO_DB] }],
    },
  },
  {
    files: ['lib/**/*.{ts,tsx}'],
    rules: {
      'import/no-restricted-paths': restrictedPaths([
        { target: './lib', from: './app', message: 'lib/ does not import app/.' },
        { target: './lib', from: './components', message: 'lib/ does not import components/.' },
      ]),
      'no-restricted-imports': ['error', { patterns: [LIB_NO_FRAMEWORK] }],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'import/no-restricted-paths': restrictedPaths([
        { target: './db', from: './lib', message: 'db/ does not import lib/ (schema, client and migrations only).' },
      ]),
    },
  },
];

const config = [
  ...next,
  ...layerRules,
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      '.data/**',
      'db/migrations/**',
      'next-env.d.ts',
      'playwright-report/**',
      'test-results/**',
    ],
  },
];

export default config;
