import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db, DbHandle } from '@/db/client';
import * as schema from '@/db/schema';
import { ticketEvents, webhookEvents, webhookSubscriptions } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { appendEvents } from '@/lib/tickets/store';
import { makeCustomer, makeStaff, must, testDb } from '@/lib/testing/fixtures';
import { createSubscription } from './admin';

/**
 * The outbox costs nothing when nobody subscribed: appendEvents sends the statements it sends, and
 * the webhook check rides inside the history insert. Statements are counted with postgres.js's
 * `debug` hook on a pool of its own (the app's counter, CAIRN_SQL_COUNT_FILE, counts the same way).
 */
let handle: DbHandle;
let db: Db;
let counted: Db;
let client: postgres.Sql;
const statements: string[] = [];
let admin: Actor;
let customer: Actor;

beforeAll(async () => {
  process.env.WEBHOOKS_ALLOW_PRIVATE = '1';
  handle = testDb();
  db = handle.db;
  client = postgres(process.env.DATABASE_URL!, {
    max: 1,
    onnotice: () => {},
    debug: (_connection, query) => void statements.push(query),
  });
  counted = drizzle(client, { schema }) as unknown as Db;
  await counted.execute(sql`select 1`); // the driver's first-connection type lookup, out of the count
  admin = await makeStaff(db, 'admin');
  customer = await makeCustomer(db, 'Outbox Customer');
});
beforeEach(async () => {
  // No active subscription but the test's own (other files' subscriptions are paused).
  await db
    .update(webhookSubscriptions)
    .set({ pausedAt: new Date() })
    .where(sql`paused_at is null`);
});
afterAll(async () => {
  delete process.env.WEBHOOKS_ALLOW_PRIVATE;
  await db
    .update(webhookSubscriptions)
    .set({ pausedAt: new Date() })
    .where(sql`paused_at is null`);
  await client.end();
  await handle.close();
});

/** Tags the request (a `ticket.updated` change) through the counting pool; the statements it sent. */
async function tagThroughCountedPool(ticket: { id: string; number: number }, tag: string): Promise<string[]> {
  statements.length = 0;
  await counted.transaction((tx) => appendEvents(tx, ticket, admin.userId, [{ type: 'tagged', to: tag }]));
  return statements.filter((q) => !/^\s*(begin|commit)\b/i.test(q));
}

describe('webhook outbox', () => {
  it('adds no statement to a write when nobody subscribed; a subscription made later gets the next events', async () => {
    const ticket = must(await submitRequest(db, customer, { subject: 'Outbox cost', description: 'Counting.' }));

    const quiet = await tagThroughCountedPool(ticket, 'first');
    // Exactly one statement touches the history, and it is the one that also holds the outbox.
    const history = quiet.filter((q) => /ticket_events/.test(q));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatch(/insert into "?ticket_events"?[\s\S]*insert into "?webhook_events/);
    // No other statement: the change is one statement holding its history, the outbox and the live NOTIFY.
    expect(quiet).toEqual(history);
    expect(quiet[0]).toMatch(/pg_notify/);
    expect(await db.select().from(webhookEvents).where(eq(webhookEvents.ticketId, ticket.id))).toEqual([]);

    // Another app instance (another pool) subscribes: no cache to refresh, the next change sees it.
    must(
      await createSubscription(db, admin, {
        name: 'Late subscriber',
        url: 'http://127.0.0.1:9/late',
        events: ['ticket.updated'],
      }),
    );
    const busy = await tagThroughCountedPool(ticket, 'second');
    const events = await db.select().from(webhookEvents).where(eq(webhookEvents.ticketId, ticket.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'ticket.updated' });
    expect(events[0]!.payload).toMatchObject({ changes: [{ type: 'tagged', to: 'second' }] });
    // Still one history statement; only now the dispatch job is queued (statements of its own).
    expect(busy.filter((q) => /ticket_events/.test(q))).toHaveLength(1);
    expect(busy.some((q) => /pgboss/.test(q))).toBe(true);
    expect(busy.length).toBeGreaterThan(quiet.length);

    // Both changes are in the history, in order, with their actor.
    const history2 = await db
      .select({ type: ticketEvents.type, to: ticketEvents.toValue, actor: ticketEvents.actorUserId })
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, ticket.id))
      .orderBy(ticketEvents.id);
    expect(history2.slice(-2)).toEqual([
      { type: 'tagged', to: 'first', actor: admin.userId },
      { type: 'tagged', to: 'second', actor: admin.userId },
    ]);
  });

  it('keeps the order, times and data of many events in one insert', async () => {
    const ticket = must(await submitRequest(db, customer, { subject: 'Outbox order', description: 'Order.' }));
    const at = new Date('2024-05-06T07:08:09.000Z');
    await db.transaction((tx) =>
      appendEvents(tx, ticket, null, [
        { type: 'tagged', to: 'a', at },
        { type: 'untagged', from: 'a', data: { why: 'test' } },
        { type: 'tagged', to: 'b' },
      ]),
    );
    const rows = await db
      .select()
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, ticket.id))
      .orderBy(ticketEvents.id);
    const last = rows.slice(-3);
    expect(last.map((r) => [r.type, r.fromValue, r.toValue, r.data, r.actorUserId])).toEqual([
      ['tagged', null, 'a', null, null],
      ['untagged', 'a', null, { why: 'test' }, null],
      ['tagged', null, 'b', null, null],
    ]);
    expect(last[0]!.createdAt.toISOString()).toBe(at.toISOString());
    expect(Date.now() - last[2]!.createdAt.getTime()).toBeLessThan(60_000);
  });
});
