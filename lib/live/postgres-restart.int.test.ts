import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresListen } from '@/lib/live/app-hub';
import { startPrivatePostgres, type PrivatePostgres } from '@/lib/testing/private-postgres';
import { isDatabaseUnavailable, openDb, POSTGRES_TIMEOUTS, rowsOf, type DbHandle } from '@/db/client';

/** The value below which a share `p` of `values` lie (nearest rank). */
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
};

interface Outcome {
  started: number;
  ms: number;
  ok: boolean;
  unavailable: boolean;
}

/**
 * Issue 11: a 0.26 s PostgreSQL restart under 20 concurrent requests was followed by minutes of
 * 30 s hangs. This restarts a private server (never the shared one) under that load.
 */
describe('a PostgreSQL restart under load', () => {
  let server: PrivatePostgres;
  let handle: DbHandle;

  beforeAll(async () => {
    server = await startPrivatePostgres();
    handle = openDb({ url: server.url, max: 10 });
    await handle.db.execute(sql`create table acks (id text not null)`);
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
    await server?.destroy();
  });

  it('fails fast during the outage, recovers within seconds, and loses or repeats nothing acknowledged', async () => {
    const outcomes: Outcome[] = [];
    const acknowledged: string[] = [];
    let running = true;
    const worker = async (w: number) => {
      for (let i = 0; running; i++) {
        const id = `${w}-${i}`;
        const started = performance.now();
        try {
          // A request's shape: a transaction with a read and a write.
          await handle.db.transaction(async (tx) => {
            await tx.execute(sql`select pg_sleep(0.01)`);
            await tx.execute(sql`insert into acks (id) values (${id})`);
          });
          acknowledged.push(id);
          outcomes.push({ started, ms: performance.now() - started, ok: true, unavailable: false });
        } catch (error) {
          outcomes.push({
            started,
            ms: performance.now() - started,
            ok: false,
            unavailable: isDatabaseUnavailable(error),
          });
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    };
    const workers = Array.from({ length: 20 }, (_, w) => worker(w));
    await new Promise((r) => setTimeout(r, 1000));

    // An outage long enough to see requests during it, then the server is back.
    const down = performance.now();
    await server.stop();
    await new Promise((r) => setTimeout(r, 1000));
    await server.start();
    const up = performance.now();
    await new Promise((r) => setTimeout(r, 6000));
    running = false;
    await Promise.all(workers);

    const failures = outcomes.filter((o) => !o.ok);
    expect(failures.length).toBeGreaterThan(0);
    // Every failure says "database unavailable" (a 503), none is a query error.
    expect(failures.filter((o) => !o.unavailable)).toEqual([]);
    // Bounds that prove "recovery in seconds" (before the fix: 30 s hangs for 5 minutes) without
    // failing on a GC pause or a checkpoint on two busy cores: percentiles, and a generous maximum.
    const timeout = POSTGRES_TIMEOUTS.connect_timeout * 1000;
    // Requests during the outage fail fast: most at once, none waits much past the connect timeout.
    const during = outcomes.filter((o) => o.started >= down && o.started < up).map((o) => o.ms);
    expect(during.length).toBeGreaterThan(20);
    expect(percentile(during, 0.9)).toBeLessThan(2000);
    expect(Math.max(...during)).toBeLessThan(timeout + 3000);
    // From 2 s after the server's return every request succeeds, and quickly.
    const after = outcomes.filter((o) => o.started >= up + 2000);
    expect(after.length).toBeGreaterThan(50);
    expect(after.filter((o) => !o.ok)).toEqual([]);
    const afterMs = after.map((o) => o.ms);
    expect(percentile(afterMs, 0.5)).toBeLessThan(500);
    expect(percentile(afterMs, 0.95)).toBeLessThan(1500);
    expect(Math.max(...afterMs)).toBeLessThan(timeout + 1000);

    const rows = rowsOf<{ id: string; n: number }>(
      await handle.db.execute(sql`select id, count(*)::int as n from acks group by id`),
    );
    const stored = new Map(rows.map((r) => [r.id, r.n]));
    expect(acknowledged.filter((id) => stored.get(id) !== 1)).toEqual([]); // none lost, none twice
    expect(rows.filter((r) => r.n > 1)).toEqual([]);
  }, 60_000);

  it('keeps listening across a restart and says when it is back', async () => {
    const heard: string[] = [];
    let reconnects = 0;
    const connection = postgresListen(server.url, { onReconnect: () => reconnects++ });
    try {
      await connection.listen('cairn_restart_test', (payload) => heard.push(payload));
      const notify = (payload: string) => handle.db.execute(sql`select pg_notify('cairn_restart_test', ${payload})`);
      const waitFor = async (check: () => boolean, ms: number) => {
        const deadline = Date.now() + ms;
        while (!check()) {
          if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      await notify('before');
      await waitFor(() => heard.includes('before'), 2000);

      await server.stop();
      await new Promise((r) => setTimeout(r, 500));
      await server.start();
      await waitFor(() => reconnects === 1, 5000);
      // The app pool may need one failed query to notice the restart; then it is fresh.
      await notify('after').catch(() => notify('after'));
      await waitFor(() => heard.includes('after'), 2000);
    } finally {
      await connection.close();
    }
  }, 30_000);
});
