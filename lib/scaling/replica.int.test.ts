import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, getDbHandle, getReadDb, openDb, REPLICA_READS, rowsOf, type Db, type DbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import type { Actor } from '@/lib/auth/actor';
import { replyToTicket } from '@/lib/pipeline/reply-to-ticket';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { searchTickets } from '@/lib/search/search-tickets';
import { makeCustomer, makeStaff, must } from '@/lib/testing/fixtures';
import { getTicketForStaff } from '@/lib/tickets/get-ticket';
import { listQueue } from '@/lib/tickets/queue';

/**
 * DATABASE_REPLICA_URL points at a second database that is deliberately stale: migrated, but
 * none of the primary's rows ever reach it (a replica lagging forever). Reads for the dashboard,
 * search and exports go there; a write and the page it lands on never do.
 */
describe('read replica routing (DATABASE_REPLICA_URL)', () => {
  const primaryUrl = process.env.DATABASE_URL!;
  const replicaName = `${new URL(primaryUrl).pathname.slice(1)}_stale_replica`;
  const replicaUrl = Object.assign(new URL(primaryUrl), { pathname: `/${replicaName}` }).toString();
  let admin: postgres.Sql;
  let customer: Actor;
  let agent: Actor;
  const databaseOf = async (db: Db) =>
    rowsOf<{ name: string }>(await db.execute(sql`select current_database() as name`))[0]?.name;

  beforeAll(async () => {
    admin = postgres(Object.assign(new URL(primaryUrl), { pathname: '/postgres' }).toString(), {
      max: 1,
      onnotice: () => {},
    });
    await admin.unsafe(`drop database if exists "${replicaName}" with (force)`);
    await admin.unsafe(`create database "${replicaName}"`);
    const migrator = openDb({ url: replicaUrl, max: 1 });
    await runMigrations(migrator);
    await migrator.close();
    process.env.DATABASE_REPLICA_URL = replicaUrl;
    customer = await makeCustomer(getDb());
    agent = await makeStaff(getDb(), 'agent');
  }, 120_000);
  afterAll(async () => {
    delete process.env.DATABASE_REPLICA_URL;
    const cached = globalThis as unknown as { cairnReplica?: DbHandle; cairnDb?: DbHandle };
    await cached.cairnReplica?.close();
    cached.cairnReplica = undefined;
    await getDbHandle().close();
    cached.cairnDb = undefined;
    await admin.unsafe(`drop database if exists "${replicaName}" with (force)`);
    await admin.end();
  });

  it('sends exactly the read-heavy reads to the replica, everything else to the primary', async () => {
    expect([...REPLICA_READS]).toEqual(['dashboard', 'search', 'export']);
    for (const kind of REPLICA_READS) expect(await databaseOf(getReadDb(kind))).toBe(replicaName);
    expect(await databaseOf(getDb())).toBe(new URL(primaryUrl).pathname.slice(1));
    // Anything not on the list falls back to the primary.
    expect(await databaseOf(getReadDb('ticket page' as never))).toBe(new URL(primaryUrl).pathname.slice(1));
  });

  it("never serves a write's own follow-up read from the stale replica", async () => {
    // Submit a request, then the page it lands on (the ticket page): from the primary.
    const created = must(
      await submitRequest(getDb(), customer, { subject: 'Replica lag check zyxwv', description: 'Fresh.' }),
    );
    const page = await getTicketForStaff(getDb(), agent, created.number);
    expect(page.ticket.subject).toBe('Replica lag check zyxwv');
    // Reply, then the conversation it lands on.
    must(await replyToTicket(getDb(), agent, { number: created.number, body: 'Seen at once.', visibility: 'public' }));
    const after = await getTicketForStaff(getDb(), agent, created.number);
    expect(after.timeline.some((e) => e.kind === 'message' && e.body === 'Seen at once.')).toBe(true);

    // The same moment, search reads the replica, which has not caught up: the new request is not there yet.
    const stale = await searchTickets(getReadDb('search'), agent, { q: 'zyxwv' });
    expect(stale.rows.map((r) => r.number)).not.toContain(created.number);
    const fresh = await searchTickets(getDb(), agent, { q: 'zyxwv' });
    expect(fresh.rows.map((r) => r.number)).toContain(created.number);
  });
});
