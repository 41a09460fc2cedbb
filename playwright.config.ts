import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;
// PGlite is one process, so the second instance exists only on PostgreSQL; without it, tests use the first.
const SECOND_PORT = process.env.DATABASE_URL ? PORT + 1 : null;
const secondURL = SECOND_PORT ? `http://127.0.0.1:${SECOND_PORT}` : baseURL;
process.env.E2E_SECOND_URL = secondURL;

function serverEnv(url: string): Record<string, string> {
  return {
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? 'e2e-only-secret-not-for-production',
    NEXTAUTH_URL: url,
    NEXT_TELEMETRY_DISABLED: '1',
    // POST /api/inbound/email (e2e/email-in.spec.ts) needs it.
    INBOUND_EMAIL_SECRET: process.env.INBOUND_EMAIL_SECRET ?? 'e2e-inbound-secret',
    // e2e/admin-webhooks.spec.ts sends to a receiver on 127.0.0.1 (docs/webhooks.md).
    WEBHOOKS_ALLOW_PRIVATE: '1',
    ...(process.env.DATABASE_URL ? {} : { CAIRN_DATA_DIR: '.data/e2e' }),
  };
}
// Debian's Chromium (no browser download); elsewhere, a Chromium that `npx playwright install chromium` put in place.
const chromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/**
 * Journeys through the real UI in Debian's Chromium (no browser download), against a production
 * build served on PORT over a freshly seeded database: DATABASE_URL, or else a PGlite of its own
 * in .data/e2e, so running the journeys never wipes the demo's data.
 */
export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      command: `npm run seed && npx next start -p ${PORT}`,
      url: `${baseURL}/signin`,
      timeout: 180_000,
      reuseExistingServer: false,
      env: serverEnv(baseURL),
    },
    // A second app instance on the same PostgreSQL: live updates must cross instances.
    ...(SECOND_PORT
      ? [
          {
            command: `npx next start -p ${SECOND_PORT}`,
            url: `${secondURL}/signin`,
            timeout: 180_000,
            reuseExistingServer: false,
            env: serverEnv(secondURL),
          },
        ]
      : []),
  ],
});
