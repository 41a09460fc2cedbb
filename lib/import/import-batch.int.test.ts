import { eq, inArray } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, DbHandle } from '@/db/client';
import * as schema from '@/db/schema';
import { customers, importKeys, messages, tickets } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { makeStaff, must, testDb } from '@/lib/testing/fixtures';
import { checkImportFile, startImport } from './imports';
import { runImport, TICKET_BATCH } from './run-import';

/**
 * The import writes a batch in multi-row statements: the statements a run sends do not grow with
 * the tickets, customers and messages in a batch (counted with postgres.js's `debug` hook), and
 * every message and key still lands on its own ticket.
 */
let handle: DbHandle;
let admin: Actor;
let client: postgres.Sql;
let counted: Db;
let statements = 0;

beforeAll(async () => {
  handle = testDb();
  admin = await makeStaff(handle.db, 'admin');
  client = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {}, debug: () => void statements++ });
  counted = drizzle(client, { schema }) as unknown as Db;
});
afterAll(async () => {
  await client.end();
  await handle.close();
});

const stamp = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 6);

function file(s: string, n: number): string {
  return JSON.stringify({
    customers: Array.from({ length: n }, (_, i) => ({
      external_id: `c${i}`,
      name: `P${i} ${s}`,
      email: `p${i}-${s}@b.test`,
    })),
    tickets: Array.from({ length: n }, (_, i) => ({
      external_id: `T-${i}`,
      subject: `Batch ${i} ${s}`,
      status: 'open',
      created_at: `2024-04-0${1 + (i % 9)}T10:00:00Z`,
      customer_email: `p${i}-${s}@b.test`,
      messages: [
        { author_email: `p${i}-${s}@b.test`, body: `Question ${i}`, created_at: `2024-04-0${1 + (i % 9)}T10:00:00Z` },
        { author_email: admin.email, body: `Answer ${i}`, created_at: `2024-04-0${1 + (i % 9)}T11:00:00Z` },
      ],
    })),
  });
}

/** Imports `n` tickets (and their customers) through the counting pool; the statements it sent. */
async function importCounted(s: string, n: number): Promise<number> {
  const source = `batch-${s}`;
  const { runId } = must(await checkImportFile(handle.db, admin, { fileName: 'x.json', content: file(s, n), source }));
  must(await startImport(handle.db, admin, { runId }));
  await counted.execute('select 1'); // the driver's first-connection type lookup, out of the count
  statements = 0;
  const outcome = (await runImport(counted, runId))!;
  expect(outcome).toMatchObject({ customers: n, tickets: n, messages: 2 * n, skippedTickets: 0 });
  return statements;
}

describe('import: batched writes', () => {
  it('sends as many statements for 30 tickets as for 2 (one batch), each message on its own ticket', async () => {
    expect(TICKET_BATCH).toBeGreaterThanOrEqual(30);
    const s = stamp();
    const few = await importCounted(`${s}a`, 2);
    const many = await importCounted(`${s}b`, 30);
    expect(many).toBe(few);

    const keys = await handle.db
      .select()
      .from(importKeys)
      .where(eq(importKeys.source, `batch-${s}b`));
    expect(keys.filter((k) => k.kind === 'ticket')).toHaveLength(30);
    expect(keys.filter((k) => k.kind === 'customer')).toHaveLength(30);
    const ids = keys.filter((k) => k.kind === 'ticket').map((k) => k.entityId);
    const rows = await handle.db
      .select({
        subject: tickets.subject,
        body: messages.body,
        email: customers.email,
        external: importKeys.externalId,
      })
      .from(tickets)
      .innerJoin(messages, eq(messages.ticketId, tickets.id))
      .innerJoin(customers, eq(customers.id, tickets.customerId))
      .innerJoin(importKeys, eq(importKeys.entityId, tickets.id))
      .where(inArray(tickets.id, ids));
    expect(rows).toHaveLength(60);
    for (const r of rows) {
      const i = /^Batch (\d+) /.exec(r.subject)![1];
      expect(r.body).toMatch(new RegExp(`^(Question|Answer) ${i}$`));
      expect(r.email).toBe(`p${i}-${s}b@b.test`);
      expect(r.external).toBe(`T-${i}`);
    }
  });
});
