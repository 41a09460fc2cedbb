import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { customers, teams, tickets } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { parse } from 'csv-parse/sync';
import { makeCustomer, makeStaff, testDb } from '@/lib/testing/fixtures';
import { csvStream } from '@/lib/export/csv';
import { EXPORT_BATCH, EXPORT_HEADER, exportBatches, exportRow, exportTickets } from './export';
import { viewFiltersSchema } from './views';

let handle: DbHandle;
let agent: Actor;
let customer: Actor;
let bigTeam: string;
let smallTeam: string;
const ROWS = 100_000;
// ~600 bytes of subject per row: 100k rows held at once would be well over 100 MB of heap.
const LONG = 'x'.repeat(600);

beforeAll(async () => {
  handle = testDb();
  agent = await makeStaff(handle.db, 'agent');
  customer = await makeCustomer(handle.db);
  const [big] = await handle.db
    .insert(teams)
    .values({ name: `Export big ${crypto.randomUUID()}` })
    .returning();
  const [small] = await handle.db
    .insert(teams)
    .values({ name: `Export small ${crypto.randomUUID()}` })
    .returning();
  bigTeam = big!.id;
  smallTeam = small!.id;
  const [c] = await handle.db
    .insert(customers)
    .values({ name: '=cmd|"/c calc"!A1', email: `export-${crypto.randomUUID()}@test.example` })
    .returning();
  // 100k requests in one statement (generate_series), priorities spread, created a minute apart.
  await handle.db.execute(sql`
    insert into ${tickets} (subject, description, channel, customer_id, team_id, priority, status, created_at, updated_at)
    select 'Bulk ' || g || ' ' || ${LONG}, 'x', 'web', ${c!.id}, ${bigTeam}, 1 + g % 4,
           case when g % 2 = 0 then 'open'::status else 'closed'::status end,
           timestamptz '2020-01-01' + g * interval '1 minute', now()
    from generate_series(1, ${ROWS}) g`);
  await handle.db.execute(sql`analyze ${tickets}`);
  await handle.db.insert(tickets).values([
    { subject: '=SUM(A1:A9)', description: 'x', channel: 'email', customerId: c!.id, teamId: smallTeam, priority: 1 },
    {
      subject: 'Says "hello", then\nbreaks a line',
      description: 'x',
      channel: 'web',
      customerId: c!.id,
      teamId: smallTeam,
      priority: 2,
    },
    {
      subject: '@mention +1 -1',
      description: 'x',
      channel: 'phone',
      customerId: c!.id,
      teamId: smallTeam,
      priority: 3,
      status: 'closed',
    },
  ]);
}, 120_000);
afterAll(async () => {
  await handle.db.execute(sql`delete from ${tickets} where team_id in (${bigTeam}, ${smallTeam})`);
  await handle.close();
});

/** V8's gc(), exposed at run time (vitest does not start node with --expose-gc). */
function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function readAll(body: ReadableStream<Uint8Array>, onChunk?: () => void): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += decoder.decode(value, { stream: true });
    onChunk?.();
  }
}

describe('CSV export of a ticket list', () => {
  it('streams 100k rows in batches, in bounded memory', async () => {
    const filters = viewFiltersSchema.parse({ teamId: bigTeam, sort: 'age' });
    const total = await exportTickets(handle.db, agent, new URLSearchParams({ teamId: bigTeam }));
    expect(total.ok && total.data.total).toBe(ROWS);
    // The same pieces exportTickets streams, with the batches watched on their way through.
    let batches = 0;
    let largest = 0;
    let previous = 0;
    async function* watched() {
      for await (const batch of exportBatches(handle.db, agent, filters)) {
        batches++;
        largest = Math.max(largest, batch.length);
        // The keyset continues in order: oldest first, no row twice.
        for (const row of batch) {
          expect(row.createdAt.getTime()).toBeGreaterThan(previous);
          previous = row.createdAt.getTime();
        }
        yield batch;
      }
    }
    const gc = garbageCollector();
    gc();
    const before = process.memoryUsage().heapUsed;
    let retained = 0;
    const reader = csvStream(EXPORT_HEADER, watched(), exportRow).getReader();
    let lines = 0;
    let bytes = 0;
    let chunks = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      for (const b of value) if (b === 10) lines++;
      // What is still held after a collection, every 10 batches: garbage does not count.
      if (++chunks % 10 === 0) {
        gc();
        retained = Math.max(retained, process.memoryUsage().heapUsed - before);
      }
    }
    expect(lines).toBe(ROWS + 1);
    expect(batches).toBe(Math.ceil(ROWS / EXPORT_BATCH));
    expect(largest).toBe(EXPORT_BATCH);
    expect(bytes).toBeGreaterThan(ROWS * 600); // over 60 MB went through
    // Loading every row first would hold those 60 MB (more as objects); one batch is ~1 MB.
    expect(retained).toBeLessThan(16 * 1024 * 1024);
  }, 240_000);

  it('escapes quotes and line breaks, and defuses formulas', async () => {
    const result = await exportTickets(handle.db, agent, new URLSearchParams({ teamId: smallTeam, sort: 'priority' }));
    if (!result.ok) throw new Error(result.message);
    const text = await readAll(result.data.body);
    expect(text.startsWith('\uFEFFNumber,')).toBe(true);
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Subject)).toEqual([
      "'=SUM(A1:A9)",
      'Says "hello", then\nbreaks a line',
      "'@mention +1 -1",
    ]);
    expect(rows[0]!.Customer).toBe(`'=cmd|"/c calc"!A1`);
    expect(rows.map((r) => r.Priority)).toEqual(['P1', 'P2', 'P3']);
  });

  it('follows the filters and the sort', async () => {
    const query = new URLSearchParams({ teamId: smallTeam, sort: 'priority' });
    query.append('status', 'closed');
    const result = await exportTickets(handle.db, agent, query);
    if (!result.ok) throw new Error(result.message);
    expect(result.data.total).toBe(1);
    const rows = parse(await readAll(result.data.body), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.Subject, r.Status, r.Channel])).toEqual([["'@mention +1 -1", 'closed', 'phone']]);
    const channels = new URLSearchParams({ teamId: smallTeam });
    channels.append('channel', 'email');
    channels.append('channel', 'web');
    const two = await exportTickets(handle.db, agent, channels);
    expect(two.ok && two.data.total).toBe(2);
  });

  it('answers a customer "not found" and bad filters "invalid"', async () => {
    expect(await exportTickets(handle.db, customer, new URLSearchParams())).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await exportTickets(handle.db, agent, new URLSearchParams({ teamId: 'nope' }))).toMatchObject({
      ok: false,
      code: 'invalid',
    });
  });
});
