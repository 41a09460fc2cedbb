import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, openDb, rowsOf, type DbHandle } from './client';

/**
 * One backend killed (pg_terminate_backend) is not an outage: the pool is not renewed, and a
 * healthy transaction on another connection still commits even when it takes seconds.
 */
describe('pool renewal', () => {
  let handle: DbHandle;
  let admin: postgres.Sql;

  beforeAll(async () => {
    handle = openDb({ max: 2 });
    admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin`create table if not exists renewal_probe (id text not null)`;
    // A pool renews at most once a second from its creation: past that, a renewal would show.
    await new Promise((r) => setTimeout(r, 1100));
  });
  afterAll(async () => {
    if (admin) {
      await admin`drop table if exists renewal_probe`;
      await admin.end();
    }
    await handle?.close();
  });

  it('keeps a long healthy transaction when another backend is terminated (57P01)', async () => {
    const id = `long-${Date.now()}`;
    let inside!: () => void;
    const started = new Promise<void>((resolve) => (inside = resolve));
    const long = handle.db.transaction(async (tx) => {
      await tx.execute(sql`insert into renewal_probe (id) values (${id})`);
      inside();
      await tx.execute(sql`select pg_sleep(2.5)`); // longer than the old 1 s grace
    });
    await started;

    // A query on the pool's other connection, terminated by an administrator. The marker finds
    // exactly this backend (pg_stat_activity is cluster-wide).
    const marker = `victim_${id.replace(/\W/g, '_')}`;
    // A drizzle query runs again on every `then`: settle it once, into its outcome.
    const victim: Promise<unknown> = handle.db.execute(sql.raw(`select pg_sleep(10) as ${marker}`)).then(
      () => null,
      (e: unknown) => e,
    );
    const victimPids = async () =>
      (
        await admin<{ pid: number }[]>`select pid from pg_stat_activity
          where datname = current_database() and state = 'active' and pid <> pg_backend_pid()
            and query like ${'%' + marker + '%'}`
      ).map((r) => r.pid);
    await expect.poll(victimPids, { timeout: 10_000 }).toHaveLength(1);
    const [pid] = await victimPids();
    const [terminated] = await admin<{ ok: boolean }[]>`select pg_terminate_backend(${pid!}::int) as ok`;
    expect(terminated?.ok).toBe(true);
    const error = await victim;
    expect(isDatabaseUnavailable(error)).toBe(true);

    await long; // before: the pool was renewed and the old one ended after 1 s, destroying it
    const rows = rowsOf<{ n: number }>(
      await handle.db.execute(sql`select count(*)::int as n from renewal_probe where id = ${id}`),
    );
    expect(rows[0]!.n).toBe(1);
  }, 30_000);
});
