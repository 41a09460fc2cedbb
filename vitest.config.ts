import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.dirname(new URL(import.meta.url).pathname);

/** Unit tests: pure rules, no database. `npm run test:unit`. */
export default defineConfig({
  resolve: { alias: { '@': root } },
  test: {
    include: ['lib/**/*.test.ts', 'db/**/*.test.ts', 'components/**/*.test.ts'],
    exclude: ['**/*.int.test.ts', 'node_modules/**'],
    environment: 'node',
  },
});
