import { sql } from 'drizzle-orm';
import { closeOnSignal, openDb, rowsOf } from '@/db/client';

/**
 * Child process for db/pglite-signal.int.test.ts: opens the PGlite in argv[2], takes values from a
 * sequence, says "ready <last value>", then waits for a signal. With `--no-close` it does not
 * install the close-on-signal handler (how the app behaved before).
 */
const handle = openDb({ dataDir: process.argv[2] });
if (!process.argv.includes('--no-close')) closeOnSignal(handle);
else for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(1));
await handle.db.execute(sql`create sequence if not exists numbers`);
let last = 0;
for (let i = 0; i < 3; i++)
  last = Number(rowsOf<{ n: string }>(await handle.db.execute(sql`select nextval('numbers') as n`))[0]!.n);
console.log(`ready ${last}`);
setInterval(() => undefined, 1000);
