import { startPgBouncer } from '@/lib/testing/pgbouncer';

/**
 * `npx tsx scripts/pgbouncer-local.ts`: Debian's pgbouncer in transaction pooling mode in front of
 * DATABASE_URL, on a free port, with the configuration of docs/scaling.md (what the PgBouncer test
 * uses), until Ctrl-C. For measuring the app behind a pooler: start the app with the printed
 * DATABASE_URL and DATABASE_DIRECT_URL. PGBOUNCER_POOL sets the server pool (default 10).
 */
const direct = process.env.DATABASE_URL;
if (!direct) {
  console.error('set DATABASE_URL to the PostgreSQL database to pool');
  process.exit(1);
}
const bouncer = await startPgBouncer(direct, Number(process.env.PGBOUNCER_POOL ?? 10));
console.log(`DATABASE_URL=${bouncer.url} DATABASE_DIRECT_URL=${direct}`);
const stop = () => void bouncer.stop().finally(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
