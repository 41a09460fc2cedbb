import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.dirname(new URL(import.meta.url).pathname);

/** Integration tests: use cases against a real PostgreSQL (DATABASE_URL) and PGlite. `npm run test:integration`. */
export default defineConfig({
  resolve: { alias: { '@': root } },
  test: {
    include: ['lib/**/*.int.test.ts', 'db/**/*.int.test.ts', 'app/**/*.int.test.ts'],
    environment: 'node',
    globalSetup: ['lib/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Files share one database; each test makes its own customers and tickets.
    fileParallelism: false,
  },
});
