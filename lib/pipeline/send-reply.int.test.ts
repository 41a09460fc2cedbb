import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { messages, tickets } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { createMacro } from '@/lib/macros/macros';
import { previewMacro } from '@/lib/macros/preview-macro';
import { makeCustomer, makeStaff, makeTeamAndCategory, testDb } from '@/lib/testing/fixtures';
import { identifyTicket } from './identify-ticket';
import { sendReply } from './send-reply';
import { submitRequest } from './submit-request';
import { takeTicket } from './take-ticket';

let handle: DbHandle;
let agent: Actor;
let customer: Actor;
let categoryId: string;

beforeAll(async () => {
  handle = testDb();
  const team = await makeTeamAndCategory(handle.db);
  categoryId = team.categoryId;
  agent = await makeStaff(handle.db, 'agent', team.teamId);
  customer = await makeCustomer(handle.db, 'Send Customer');
});
afterAll(() => handle.close());

async function identified(subject: string) {
  const r = await submitRequest(handle.db, customer, { subject, description: 'For the send-and-set tests.' });
  if (!r.ok) throw new Error(r.message);
  const taken = await takeTicket(handle.db, agent, { number: r.data.number, version: r.data.version });
  if (!taken.ok) throw new Error(taken.message);
  const done = await identifyTicket(handle.db, agent, {
    number: r.data.number,
    version: taken.data.version,
    categoryId,
    severity: '3',
    impact: 'single',
  });
  if (!done.ok) throw new Error(done.message);
  return done.data;
}

const messageCount = async (ticketId: string) =>
  (await handle.db.select().from(messages).where(eq(messages.ticketId, ticketId))).length;

describe('send and set', () => {
  it('sends the reply and resolves in one go, the reply as the summary', async () => {
    const t = await identified('Send and resolve');
    const r = await sendReply(handle.db, agent, {
      number: t.number,
      version: t.version,
      body: 'Refund issued today.',
      visibility: 'public',
      then: 'resolve',
    });
    expect(r).toMatchObject({ ok: true });
    const [after] = await handle.db.select().from(tickets).where(eq(tickets.id, t.id));
    expect(after).toMatchObject({
      status: 'resolved',
      stage: 'follow_up',
      resolutionSummary: 'Refund issued today.',
      publicReplyCount: 1,
    });
  });

  it('sends and sets pending', async () => {
    const t = await identified('Send and wait');
    expect(
      await sendReply(handle.db, agent, {
        number: t.number,
        version: t.version,
        body: 'Which order?',
        then: 'pending',
      }),
    ).toMatchObject({ ok: true });
    const [after] = await handle.db.select().from(tickets).where(eq(tickets.id, t.id));
    expect(after?.status).toBe('pending');
  });

  it('sends nothing when the status change is refused or the request changed meanwhile', async () => {
    const fresh = await submitRequest(handle.db, customer, {
      subject: 'Not identified',
      description: 'Cannot be resolved yet.',
    });
    if (!fresh.ok) throw new Error(fresh.message);
    const before = await messageCount(fresh.data.id);
    expect(
      await sendReply(handle.db, agent, {
        number: fresh.data.number,
        version: fresh.data.version,
        body: 'Done!',
        then: 'resolve',
      }),
    ).toMatchObject({ ok: false, code: 'unprocessable' });
    const t = await identified('Stale');
    expect(
      await sendReply(handle.db, agent, { number: t.number, version: t.version - 1, body: 'Done!', then: 'resolve' }),
    ).toMatchObject({ ok: false, code: 'conflict' });
    expect(await messageCount(fresh.data.id)).toBe(before);
  });
});

describe('macro preview', () => {
  it('renders the macro for the request and changes nothing', async () => {
    const t = await identified('Preview target');
    const macro = await createMacro(handle.db, agent, {
      title: `Ask ${Date.now()}`,
      body: 'Hello {{customer.name}}, about {{ticket.number}}?',
      setStatus: 'pending',
    });
    if (!macro.ok) throw new Error(macro.message);
    const before = await messageCount(t.id);
    const preview = await previewMacro(handle.db, agent, { number: t.number, macroId: macro.data.id });
    expect(preview).toEqual({
      ok: true,
      data: {
        body: `Hello Send Customer, about #${t.number}?`,
        setStatus: 'pending',
        setPriority: null,
        setCategoryId: null,
      },
    });
    expect(await messageCount(t.id)).toBe(before);
    const [after] = await handle.db.select().from(tickets).where(eq(tickets.id, t.id));
    expect(after?.version).toBe(t.version);
  });
});
