import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbHandle } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { makeCustomer, makeStaff, makeTeamAndCategory, must } from '@/lib/testing/fixtures';
import { scratchDatabase, type ScratchDatabase } from '@/lib/testing/scratch-database';
import { identifyTicket } from './identify-ticket';
import { sendReply } from './send-reply';
import { submitRequest } from './submit-request';
import { takeTicket } from './take-ticket';

/**
 * The statements the two hottest writes send, pinned (issue 15, docs/scaling.md "Whole actions
 * over HTTP"): a change that adds a query to either fails here with the new number and the list
 * of statements. If the new statement is worth it, change the number here and the table in
 * docs/scaling.md with it. Counted through the pool's `onStatement` hook (db/client.ts, the same
 * one as `CAIRN_SQL_COUNT_FILE`), BEGIN and COMMIT included, on a database of its own: no routing
 * rules, SLA policies or webhook subscriptions from other test files change the count.
 */
let scratch: ScratchDatabase;
let counted: DbHandle;
let statements: string[] = [];
let agent: Actor;
let customer: Actor;
let categoryId: string;

beforeAll(async () => {
  scratch = await scratchDatabase('cairn_count');
  counted = openDb({ url: scratch.url, max: 1, onStatement: (s) => void statements.push(s.replace(/\s+/g, ' ')) });
  // The driver's one-time type lookup on a new connection is not the use case's.
  await counted.db.execute(sql`select 1`);
  const db = scratch.handle.db;
  const team = await makeTeamAndCategory(db);
  categoryId = team.categoryId;
  agent = await makeStaff(db, 'agent', team.teamId);
  customer = await makeCustomer(db, 'Counted Customer');
});
afterAll(async () => {
  await counted.close();
  await scratch.drop();
});

/** Runs `body` on the counting pool and returns the statements it sent. */
async function statementsOf<T>(body: () => Promise<T>): Promise<{ result: T; sent: string[] }> {
  statements = [];
  const result = await body();
  const sent = statements;
  statements = [];
  return { result, sent };
}

const listed = (sent: string[]) => `${sent.length} statements:\n${sent.map((s) => s.slice(0, 160)).join('\n')}`;

describe('statements per write', () => {
  // BEGIN; the customer's row with everything a new request reads (idempotency key, SLA policies,
  // routing rules, the acknowledgement's mail facts); ticket; acknowledgement; events; outbox; the
  // mail job; COMMIT. This first one also creates pg-boss's mail queue on the fresh database (the
  // job INSERT finds no queue, create_queue, the INSERT again): two statements no other pays.
  it('a portal request (submitRequest) takes 10, the mail queue created', async () => {
    const { result, sent } = await statementsOf(() =>
      submitRequest(counted.db, customer, { subject: 'Counted request', description: 'How many statements?' }),
    );
    must(result);
    expect(sent.length, listed(sent)).toBe(10);
  });

  it('a portal request with its form key (as the portal sends it) takes 8', async () => {
    const { result, sent } = await statementsOf(() =>
      submitRequest(counted.db, customer, {
        subject: 'Counted keyed request',
        description: 'How many statements now?',
        idempotencyKey: '5f0c9a52-0d7e-4c55-9a3e-2d6f1c0b7a11',
      }),
    );
    must(result);
    expect(sent.length, listed(sent)).toBe(8);
  });

  it('a public reply (sendReply, as the ticket page sends it) takes 10', async () => {
    const db = scratch.handle.db;
    const created = must(await submitRequest(db, customer, { subject: 'Counted reply', description: 'Reply to me.' }));
    const taken = must(await takeTicket(db, agent, { number: created.number, version: created.version }));
    const ticket = must(
      await identifyTicket(db, agent, {
        number: created.number,
        version: taken.version,
        categoryId,
        severity: '3',
        impact: 'single',
      }),
    );
    const { result, sent } = await statementsOf(() =>
      sendReply(counted.db, agent, { number: ticket.number, body: 'Counted answer.', visibility: 'public' }),
    );
    expect(must(result).message.body).toBe('Counted answer.');
    expect(sent.length, listed(sent)).toBe(10);
  });
});
