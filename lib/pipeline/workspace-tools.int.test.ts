import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { messages, outbox, ticketEvents, tickets } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { applyMacro, createMacro, listMacros } from '@/lib/macros/macros';
import { makeCustomer, makeStaff, makeTeamAndCategory, testDb } from '@/lib/testing/fixtures';
import { tagsOf, tagTicket } from '@/lib/tickets/tags';
import { linksOf } from '@/lib/tickets/links';
import { linkTickets, mergeTickets } from './merge-tickets';
import { submitRequest } from './submit-request';

let handle: DbHandle;
let agent: Actor;
let other: Actor;
let lead: Actor;
let customer: Actor;
let categoryId: string;

beforeAll(async () => {
  handle = testDb();
  const team = await makeTeamAndCategory(handle.db);
  categoryId = team.categoryId;
  agent = await makeStaff(handle.db, 'agent', team.teamId);
  other = await makeStaff(handle.db, 'agent', team.teamId);
  lead = await makeStaff(handle.db, 'lead', team.teamId);
  customer = await makeCustomer(handle.db, 'Tools Customer');
});
afterAll(() => handle.close());

async function submit(subject: string, who = customer) {
  const r = await submitRequest(handle.db, who, { subject, description: 'For the workspace tool tests.' });
  if (!r.ok) throw new Error(r.message);
  return r.data;
}

describe('macros', () => {
  it('renders placeholders into a reply and sets the fields it names, with events', async () => {
    const ticket = await submit('Macro target');
    const macro = await createMacro(handle.db, agent, {
      title: 'Ask for order number',
      body: 'Hello {{customer.name}}, about {{ticket.number}} ({{ticket.cern}}): what is your order number? — {{agent.name}}',
      setStatus: 'pending',
      setPriority: '2',
      setCategoryId: categoryId,
    });
    if (!macro.ok) throw new Error(macro.message);
    const applied = await applyMacro(handle.db, agent, { number: ticket.number, macroId: macro.data.id });
    expect(applied).toEqual({
      ok: true,
      data: { body: `Hello Tools Customer, about #${ticket.number} (): what is your order number? — ${agent.name}` },
    });
    const [after] = await handle.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(after).toMatchObject({ status: 'pending', priority: 2, categoryId, publicReplyCount: 1 });
    const types = (await handle.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id))).map(
      (e) => e.type,
    );
    expect(types).toEqual(expect.arrayContaining(['replied', 'status_changed', 'priority_overridden', 'identified']));
  });

  it('refuses unknown placeholders, keeps personal macros personal, and lets only leads share', async () => {
    expect(await createMacro(handle.db, agent, { title: 'Bad', body: 'Hi {{customer.nickname}}' })).toMatchObject({
      ok: false,
      fieldErrors: { body: [expect.stringContaining('customer.nickname')] },
    });
    expect(await createMacro(handle.db, agent, { title: 'Shared', body: 'x', scope: 'shared' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    const shared = await createMacro(handle.db, lead, {
      title: `Shared ${Date.now()}`,
      body: 'Thanks {{customer.name}}!',
      scope: 'shared',
    });
    const mine = await createMacro(handle.db, agent, { title: `Mine ${Date.now()}`, body: 'Personal' });
    if (!shared.ok || !mine.ok) throw new Error('macro not created');
    const otherSees = (await listMacros(handle.db, other)).map((m) => m.id);
    expect(otherSees).toContain(shared.data.id);
    expect(otherSees).not.toContain(mine.data.id);
    const ticket = await submit('Not yours');
    expect(await applyMacro(handle.db, other, { number: ticket.number, macroId: mine.data.id })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });
});

describe('tags', () => {
  it('adds, dedupes, removes and validates tags', async () => {
    const ticket = await submit('Tag me');
    expect(await tagTicket(handle.db, agent, { number: ticket.number, add: 'Billing, vip, VIP' })).toEqual({
      ok: true,
      data: ['billing', 'vip'],
    });
    expect(await tagTicket(handle.db, agent, { number: ticket.number, remove: 'vip' })).toEqual({
      ok: true,
      data: ['billing'],
    });
    expect(await tagTicket(handle.db, agent, { number: ticket.number, add: 'no spaces please' })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(await tagsOf(handle.db, ticket.id)).toEqual(['billing']);
  });
});

describe('merge and link', () => {
  it('merges a duplicate: thread and tags move, the duplicate closes with a pointer, the customer is told', async () => {
    const target = await submit('Printer jams');
    const dup = await submit('Printer jams again (duplicate)');
    await tagTicket(handle.db, agent, { number: dup.number, add: 'hardware' });
    const merged = await mergeTickets(handle.db, agent, { number: dup.number, into: target.number });
    if (!merged.ok) throw new Error(merged.message);
    const [closed] = await handle.db.select().from(tickets).where(eq(tickets.id, dup.id));
    expect(closed).toMatchObject({ status: 'closed', resolutionSummary: `Merged into #${target.number}.` });
    const thread = await handle.db.select().from(messages).where(eq(messages.ticketId, target.id));
    expect(thread.some((m) => m.body.includes(`#${dup.number}`) && m.body.includes('Printer jams again'))).toBe(true);
    expect(thread.some((m) => m.body.includes(`merged it into #${target.number}`))).toBe(true);
    expect(await tagsOf(handle.db, target.id)).toEqual(['hardware']);
    expect(await linksOf(handle.db, dup.id)).toEqual([
      { number: target.number, subject: 'Printer jams', status: 'new', kind: 'merged_into' },
    ]);
    expect((await linksOf(handle.db, target.id))[0]).toMatchObject({ number: dup.number, kind: 'merged_from' });
    const mail = await handle.db.select().from(outbox).where(eq(outbox.ticketId, target.id));
    expect(mail.some((m) => m.body.includes('merged'))).toBe(true);
  });

  it('refuses to merge across customers, into a closed request, or into itself', async () => {
    const stranger = await makeCustomer(handle.db, 'Stranger');
    const mine = await submit('Mine');
    const theirs = await submit('Theirs', stranger);
    expect(await mergeTickets(handle.db, agent, { number: mine.number, into: theirs.number })).toMatchObject({
      ok: false,
      code: 'unprocessable',
    });
    expect(await mergeTickets(handle.db, agent, { number: mine.number, into: mine.number })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    const dup = await submit('Dup');
    const target = await submit('Target');
    await mergeTickets(handle.db, agent, { number: dup.number, into: target.number });
    expect(await mergeTickets(handle.db, agent, { number: target.number, into: dup.number })).toMatchObject({
      ok: false,
      fieldErrors: { into: ['That request is closed.'] },
    });
    expect(await mergeTickets(handle.db, customer, { number: mine.number, into: target.number })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });

  it('links related requests once, visible from both sides', async () => {
    const a = await submit('Outage A');
    const b = await submit('Outage B');
    expect(await linkTickets(handle.db, agent, { number: a.number, other: b.number })).toEqual({
      ok: true,
      data: { linked: true },
    });
    expect(await linkTickets(handle.db, agent, { number: b.number, other: a.number })).toEqual({
      ok: true,
      data: { linked: false },
    });
    expect((await linksOf(handle.db, b.id)).map((l) => l.number)).toEqual([a.number]);
  });
});
