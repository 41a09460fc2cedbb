import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import type { Actor } from '@/lib/auth/actor';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { takeTicket } from '@/lib/pipeline/take-ticket';
import { makeCustomer, makeStaff, testDb } from '@/lib/testing/fixtures';
import { countQueues, listQueue, type QueueRow } from './queue';

// The queue statements are prepared once per database handle and view; the same behaviour must
// hold on PostgreSQL and on the demo's PGlite, for every agent that reuses them.
describe.each([
  ['PostgreSQL', () => testDb()],
  ['PGlite', () => openDb({ dataDir: 'memory://' })],
] as const)('queues on %s', (_name, open) => {
  let handle: DbHandle;
  let agent: Actor;
  let other: Actor;
  let mine: number[];

  beforeAll(async () => {
    handle = open();
    if (handle.kind === 'pglite') await runMigrations(handle);
    // Fresh agents: "Mine" holds exactly what they take here, whatever else the database holds.
    agent = await makeStaff(handle.db, 'agent');
    other = await makeStaff(handle.db, 'agent');
    const customer = await makeCustomer(handle.db, 'Queue Customer');
    mine = [];
    for (let i = 0; i < 12; i++) {
      const made = await submitRequest(handle.db, customer, {
        subject: `Queue ${i}`,
        description: 'For the queue tests.',
      });
      if (!made.ok) throw new Error(made.message);
      const taken = await takeTicket(handle.db, i % 4 === 3 ? other : agent, {
        number: made.data.number,
        version: made.data.version,
      });
      if (!taken.ok) throw new Error(taken.message);
      if (i % 4 !== 3) mine.push(made.data.number);
    }
  }, 60_000);
  afterAll(() => handle.close());

  const order = (rows: QueueRow[]) => rows.map((r) => [r.priority, r.createdAt.getTime(), r.id] as const);

  it('pages through "Mine" by keyset: every ticket once, in priority then age order', async () => {
    const seen: QueueRow[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await listQueue(handle.db, agent, { view: 'mine', after, limit: 4 });
      seen.push(...page.rows);
      after = page.next ?? undefined;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    expect(seen.map((r) => r.number).sort()).toEqual([...mine].sort());
    const keys = order(seen);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2].localeCompare(b[2])));
  });

  it('answers each agent with their own tickets from the same prepared statement', async () => {
    const theirs = await listQueue(handle.db, other, { view: 'mine' });
    expect(theirs.rows).toHaveLength(3);
    expect(theirs.rows.every((r) => !mine.includes(r.number))).toBe(true);
    expect((await listQueue(handle.db, agent, { view: 'mine' })).rows).toHaveLength(9);
    expect(await countQueues(handle.db, agent)).toMatchObject({ mine: 9 });
  });

  it('refuses a tampered page link, and keeps customers out', async () => {
    await expect(listQueue(handle.db, agent, { view: 'mine', after: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'invalid',
    });
    const customer = await makeCustomer(handle.db, 'Nosy Customer');
    await expect(listQueue(handle.db, customer, { view: 'open' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
