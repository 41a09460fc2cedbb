import { parseArgs } from 'node:util';
import { openDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { installJobs } from '@/lib/jobs/runner';
import { DEFAULT_TICKETS, DEMO_PASSWORD, seedDemo, seedNow } from '@/lib/seed/demo';

/**
 * `npm run db:seed [-- --tickets N] [--now 2025-06-02T10:00:00Z]`: migrates, then replaces
 * everything in the database with the demo. DATABASE_URL → PostgreSQL, unset → PGlite in ./.data.
 */
const { values } = parseArgs({ options: { tickets: { type: 'string' }, now: { type: 'string' } } });
const tickets = values.tickets === undefined ? DEFAULT_TICKETS : Number(values.tickets);
if (!Number.isInteger(tickets) || tickets < 0)
  throw new Error(`--tickets must be a whole number, got "${values.tickets}"`);
const now = values.now ? seedNow(new Date(values.now)) : seedNow();
if (Number.isNaN(now.getTime())) throw new Error(`--now must be a date, got "${values.now}"`);

const handle = openDb({ max: 1, direct: true });
try {
  const started = performance.now();
  await runMigrations(handle);
  await installJobs(handle);
  const migrated = performance.now();
  const summary = await seedDemo(handle.db, { now, tickets });
  const seeded = performance.now();
  console.log(`Seeded the ${handle.kind} database as of ${now.toISOString()}:`);
  console.table(summary);
  console.log(`migrations ${Math.round(migrated - started)} ms, seed ${Math.round(seeded - migrated)} ms`);
  console.log(`Sign in with admin@, lead@, agent@, agent2@ or customer@demo.test, password "${DEMO_PASSWORD}".`);
} finally {
  await handle.close();
}
