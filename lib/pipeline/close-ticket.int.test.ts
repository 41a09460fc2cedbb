import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { ticketEvents } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { makeCustomer, makeStaff, makeTeamAndCategory, testDb } from '@/lib/testing/fixtures';
import { closeTicket } from './close-ticket';
import { identifyTicket } from './identify-ticket';
import { resolveTicket } from './resolve-ticket';
import { submitRequest } from './submit-request';

let handle: DbHandle;
let agent: Actor;
let customer: Actor;
let categoryId: string;

beforeAll(async () => {
  handle = testDb();
  const team = await makeTeamAndCategory(handle.db);
  categoryId = team.categoryId;
  agent = await makeStaff(handle.db, 'agent', team.teamId);
  customer = await makeCustomer(handle.db, 'Close Customer');
});
afterAll(() => handle.close());

it('an agent closes a resolved request (logged), not one still being worked on, and not over a newer version', async () => {
  const t = await submitRequest(handle.db, customer, { subject: 'Close me', description: 'For the close test.' });
  if (!t.ok) throw new Error(t.message);
  const identified = await identifyTicket(handle.db, agent, {
    number: t.data.number,
    version: t.data.version,
    categoryId,
    severity: 3,
    impact: 'single',
  });
  if (!identified.ok) throw new Error(identified.message);
  const early = await closeTicket(handle.db, agent, { number: t.data.number, version: identified.data.version });
  expect(early).toMatchObject({
    ok: false,
    code: 'unprocessable',
    message: expect.stringContaining('Only resolved requests can be closed'),
  });

  const resolved = await resolveTicket(handle.db, agent, {
    number: t.data.number,
    version: identified.data.version,
    summary: 'Fixed.',
  });
  if (!resolved.ok) throw new Error(resolved.message);
  expect(
    await closeTicket(handle.db, agent, { number: t.data.number, version: identified.data.version }),
  ).toMatchObject({ ok: false, code: 'conflict' });
  const closed = await closeTicket(handle.db, agent, { number: t.data.number, version: resolved.data.version });
  expect(closed).toMatchObject({ ok: true, data: { status: 'closed', stage: 'follow_up' } });
  if (closed.ok) expect(closed.data.closedAt).toBeInstanceOf(Date);
  const events = await handle.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, t.data.id));
  expect(events.filter((e) => e.type === 'closed')).toMatchObject([
    { actorUserId: agent.userId, fromValue: 'resolved', toValue: 'closed' },
  ]);
  expect(events.some((e) => e.type === 'status_changed' && e.toValue === 'closed')).toBe(true);
});
