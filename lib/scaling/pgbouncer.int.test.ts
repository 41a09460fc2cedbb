import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrls, openDb, rowsOf, type DbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import type { Actor } from '@/lib/auth/actor';
import { postgresListen } from '@/lib/live/app-hub';
import { TICKET_CHANNEL } from '@/lib/live/channels';
import { replyToTicket } from '@/lib/pipeline/reply-to-ticket';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { hit, LIMITS } from '@/lib/rate-limit/rate-limit';
import { searchTickets } from '@/lib/search/search-tickets';
import { makeCustomer, makeStaff, must } from '@/lib/testing/fixtures';
import { startPgBouncer, type PgBouncer } from '@/lib/testing/pgbouncer';
import { getTicketForStaff } from '@/lib/tickets/get-ticket';
import { listQueue } from '@/lib/tickets/queue';

/**
 * The app behind PgBouncer in transaction pooling mode (docs/scaling.md): DATABASE_URL is the
 * pooler, DATABASE_DIRECT_URL PostgreSQL itself. Two server connections serve a pool of 10
 * clients, so consecutive transactions of one client land on different server connections:
 * anything session-bound (a named prepared statement, a session setting, LISTEN) would break.
 */
describe('behind PgBouncer (pool_mode = transaction)', () => {
  const direct = process.env.DATABASE_URL!;
  const saved = { url: process.env.DATABASE_URL, direct: process.env.DATABASE_DIRECT_URL };
  let bouncer: PgBouncer;
  let app: DbHandle;
  let customer: Actor;
  let agent: Actor;

  beforeAll(async () => {
    bouncer = await startPgBouncer(direct, 2);
    process.env.DATABASE_URL = bouncer.url;
    process.env.DATABASE_DIRECT_URL = direct;
    app = openDb({ max: 10 }); // what getDb() opens: the pooler, without prepared statements
    customer = await makeCustomer(app.db);
    agent = await makeStaff(app.db, 'agent');
  });
  afterAll(async () => {
    await app?.close();
    process.env.DATABASE_URL = saved.url;
    if (saved.direct === undefined) delete process.env.DATABASE_DIRECT_URL;
    else process.env.DATABASE_DIRECT_URL = saved.direct;
    await bouncer?.stop();
  });

  it('splits the URLs: the pool goes through PgBouncer, LISTEN, migrations and jobs straight to PostgreSQL', () => {
    expect(databaseUrls()).toEqual({ app: bouncer.url, direct, replica: undefined, pooled: true });
    expect(new URL(databaseUrls().app!).port).toBe(String(bouncer.port));
  });

  it('runs the use cases a browser triggers, many at once, with a live update heard on the direct LISTEN connection', async () => {
    const heard: number[] = [];
    const listener = postgresListen(databaseUrls().direct!);
    try {
      await listener.listen(TICKET_CHANNEL, (payload) =>
        heard.push((JSON.parse(payload) as { number: number }).number),
      );
      const created = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          submitRequest(app.db, customer, { subject: `Through PgBouncer ${i}`, description: 'Pooled.' }).then(must),
        ),
      );
      await Promise.all(
        created.map((t) => replyToTicket(app.db, agent, { number: t.number, body: 'Answered.', visibility: 'public' })),
      ).then((results) => results.forEach(must));
      // Read back many times from many clients: prepared statements would now be missing on the other connection.
      for (let round = 0; round < 3; round++) {
        const pages = await Promise.all(created.map((t) => getTicketForStaff(app.db, agent, t.number)));
        for (const page of pages)
          expect(page.timeline.some((e) => e.kind === 'message' && e.body === 'Answered.')).toBe(true);
        const queues = await Promise.all(
          (['open', 'mine', 'unassigned', 'open'] as const).map((view) => listQueue(app.db, agent, { view })),
        );
        expect(queues.every((q) => Array.isArray(q.rows))).toBe(true);
      }
      const found = await searchTickets(app.db, agent, { q: 'Through PgBouncer' });
      expect(found.rows.length).toBeGreaterThan(0);
      const deadline = Date.now() + 5000;
      while (!created.every((t) => heard.includes(t.number)) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(created.filter((t) => !heard.includes(t.number))).toEqual([]);
    } finally {
      await listener.close();
    }
  });

  it('never pipelines across transactions: a client with one connection sends many queries of different parameter types at once', async () => {
    // Without a transaction, each query is its own "transaction" to PgBouncer. postgres.js sends a
    // query with parameters and no prepared statement as Parse + Describe, then Bind + Execute
    // once the types are known; pipelined behind another query, PgBouncer may give the second half
    // to another server connection, whose unnamed statement is someone else's ("invalid input
    // syntax for type bigint: "f"", seen at 50 agents on two app processes). Two one-connection
    // clients on the two server connections force the interleaving.
    const one = openDb({ max: 1 });
    const two = openDb({ max: 1 });
    try {
      // A query without parameters goes out whole and lets the next one follow at once: the case.
      const queries = (h: DbHandle, k: number) =>
        Array.from({ length: 60 }, (_, i) =>
          i % 3 === 0
            ? h.db.execute(sql`select 7 as v`).then((r) => Number(rowsOf<{ v: number }>(r)[0]?.v))
            : i % 3 === 1
              ? h.db
                  .execute(sql`select ${k * 1000 + i}::bigint + 1 as v`)
                  .then((r) => Number(rowsOf<{ v: string }>(r)[0]?.v))
              : h.db
                  .execute(sql`select ${i % 2 === 0}::boolean as v, ${`text ${i}`}::text as t`)
                  .then((r) => rowsOf<{ v: boolean }>(r)[0]?.v),
        );
      const [a, b] = await Promise.all([Promise.all(queries(one, 1)), Promise.all(queries(two, 2))]);
      expect(a[0]).toBe(7);
      expect(a[1]).toBe(1002);
      expect(b[58]).toBe(2059);
      expect(a[2]).toBe(true);
      expect(b[5]).toBe(false);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('counts rate limits atomically through the pooler (one upsert per hit)', async () => {
    const subject = `pgbouncer-${Date.now()}`;
    const verdicts = await Promise.all(Array.from({ length: 12 }, () => hit(app.db, LIMITS.signInAccountIp, subject)));
    expect(verdicts.filter((v) => v.allowed).length).toBe(LIMITS.signInAccountIp.max);
  });

  it('keeps transactions whole and session settings out of the pool (jit off on every server connection)', async () => {
    const settings = await Promise.all(
      Array.from({ length: 6 }, () => app.db.execute(sql`select current_setting('jit') as jit`)),
    );
    expect(settings.map((r) => rowsOf<{ jit: string }>(r)[0]?.jit)).toEqual(Array(6).fill('off'));
    await expect(
      app.db.transaction(async (tx) => {
        await submitRequest(tx as never, customer, { subject: 'Rolled back behind PgBouncer', description: 'x' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const left = await searchTickets(app.db, agent, { q: 'Rolled back behind PgBouncer' });
    expect(left.rows.filter((t) => t.subject === 'Rolled back behind PgBouncer')).toEqual([]);
  });

  it('migrates over the direct URL (a session advisory lock) while the app uses the pooler', async () => {
    const migrator = openDb({ max: 1, direct: true });
    try {
      await runMigrations(migrator);
    } finally {
      await migrator.close();
    }
  });
});
