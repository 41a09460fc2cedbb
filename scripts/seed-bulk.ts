import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { openDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { seedNow } from '@/lib/seed/demo';
import { DEFAULT_BULK_TICKETS, seedBulk } from '@/lib/seed/bulk';

/**
 * `npm run seed:bulk [-- --tickets N] [--now 2026-11-25T13:00:00Z] [--batch 100000] [--connections 2]`: migrates,
 * then REPLACES everything in the PostgreSQL database in DATABASE_URL with the demo plus volume:
 * N tickets in all (default 1,000,000), ~5 messages each, N/5 customers, three years of history.
 */
const { values } = parseArgs({
  options: {
    tickets: { type: 'string' },
    now: { type: 'string' },
    batch: { type: 'string' },
    connections: { type: 'string' },
  },
});
const whole = (name: string, raw: string | undefined, fallback: number) => {
  const n = raw === undefined ? fallback : Number(raw.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number, got "${raw}"`);
  return n;
};
const tickets = whole('tickets', values.tickets, DEFAULT_BULK_TICKETS);
const batch = whole('batch', values.batch, 100_000);
// The load is CPU-bound in PostgreSQL (text search vectors, indexes, foreign keys): one connection per core.
const connections = whole('connections', values.connections, Math.min(4, availableParallelism()));
const now = values.now ? seedNow(new Date(values.now)) : seedNow();
if (Number.isNaN(now.getTime())) throw new Error(`--now must be a date, got "${values.now}"`);

if (!process.env.DATABASE_URL) {
  console.error(
    'seed:bulk fills PostgreSQL only: set DATABASE_URL, e.g.\n  createdb cairn_bulk && DATABASE_URL=postgres://postgres@127.0.0.1:5432/cairn_bulk npm run seed:bulk',
  );
  process.exit(1);
}

// One connection each: the migration lock and the load's session settings live on them.
const handle = openDb({ max: 1, direct: true });
const helpers = Array.from({ length: connections - 1 }, () => openDb({ max: 1, direct: true }));
try {
  const started = performance.now();
  await runMigrations(handle);
  console.log(
    `Bulk seed of ${tickets.toLocaleString('en')} tickets as of ${now.toISOString()} (the database is emptied first)`,
  );
  const summary = await seedBulk(handle.db, {
    tickets,
    now,
    batch,
    helpers: helpers.map((h) => h.db),
    log: (line) => console.log(line),
  });
  console.table(summary);
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  // Drizzle's error carries the whole generated statement; the cause is what matters.
  const cause = (error as { cause?: unknown }).cause;
  console.error(
    'seed:bulk failed:',
    cause instanceof Error ? cause.message : error instanceof Error ? error.message.slice(0, 500) : error,
  );
  process.exitCode = 1;
} finally {
  await Promise.all([handle, ...helpers].map((h) => h.close()));
}
