import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { messages, outbox, surveys, ticketEvents, ticketLinks, tickets } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { makeCustomer, makeStaff, makeTeamAndCategory, testDb } from '@/lib/testing/fixtures';
import { bulkUpdate } from './bulk-update';
import { confirmResolution } from './confirm-resolution';
import { identifyTicket } from './identify-ticket';
import { resolveTicket } from './resolve-ticket';
import { submitRequest } from './submit-request';

let handle: DbHandle;
let agent: Actor;
let outsider: Actor;
let customer: Actor;
let teamId: string;
let categoryId: string;

beforeAll(async () => {
  handle = testDb();
  ({ teamId, categoryId } = await makeTeamAndCategory(handle.db));
  agent = await makeStaff(handle.db, 'agent', teamId);
  outsider = await makeStaff(handle.db, 'agent');
  customer = await makeCustomer(handle.db, 'Bulk Customer');
});
afterAll(() => handle.close());

async function make(n: number, who = customer) {
  const made = [];
  for (let i = 0; i < n; i++) {
    const r = await submitRequest(handle.db, who, { subject: `Bulk ${i}`, description: 'For the bulk tests.' });
    if (!r.ok) throw new Error(r.message);
    made.push(r.data);
  }
  return made;
}

async function identified(number: number, version: number) {
  const r = await identifyTicket(handle.db, agent, { number, version, categoryId, severity: 3, impact: 'single' });
  if (!r.ok) throw new Error(r.message);
  return r.data;
}

describe('bulk changes', () => {
  it('changes what it can in one go and reports each refusal with its reason', async () => {
    const [a, b, c] = await make(3);
    const resolved = await identified(c!.number, c!.version);
    const r = await resolveTicket(handle.db, agent, { number: c!.number, version: resolved.version, summary: 'Done.' });
    if (!r.ok) throw new Error(r.message);
    const result = await bulkUpdate(handle.db, agent, {
      numbers: [a!.number, b!.number, c!.number, 99_999_998],
      change: { kind: 'status', status: 'pending' },
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.data.changed.sort()).toEqual([a!.number, b!.number].sort());
    expect(result.data.refused).toEqual([
      { number: 99_999_998, reason: 'Request #99999998 was not found.' },
      { number: c!.number, reason: expect.stringContaining('from resolved (follow-up) to pending') },
    ]);
    const rows = await handle.db
      .select()
      .from(tickets)
      .where(inArray(tickets.number, [a!.number, b!.number, c!.number]));
    expect(Object.fromEntries(rows.map((t) => [t.number, t.status]))).toEqual({
      [a!.number]: 'pending',
      [b!.number]: 'pending',
      [c!.number]: 'resolved',
    });
    const events = await handle.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, a!.id));
    expect(events.some((e) => e.type === 'status_changed' && e.toValue === 'pending')).toBe(true);
  });

  it('refuses an assignee outside the owning team per ticket, and leaves closed requests alone', async () => {
    const [a, b] = await make(2);
    const inTeam = await identified(a!.number, a!.version);
    const closed = await identified(b!.number, b!.version);
    const res = await resolveTicket(handle.db, agent, {
      number: closed.number,
      version: closed.version,
      summary: 'Done.',
    });
    if (!res.ok) throw new Error(res.message);
    await confirmResolution(handle.db, customer, { number: closed.number });
    const result = await bulkUpdate(handle.db, agent, {
      numbers: [inTeam.number, closed.number],
      change: { kind: 'assign', assigneeId: outsider.userId },
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.data.changed).toEqual([]);
    expect(result.data.refused).toEqual(
      expect.arrayContaining([
        { number: closed.number, reason: `Request #${closed.number} is closed; closed requests are read-only.` },
        { number: inTeam.number, reason: expect.stringMatching(/^Test agent is not an active member of Team /) },
      ]),
    );
    const mine = await bulkUpdate(handle.db, agent, {
      numbers: [inTeam.number],
      change: { kind: 'assign', assigneeId: agent.userId },
    });
    expect(mine).toMatchObject({ ok: true, data: { changed: [inTeam.number] } });
  });

  it('sets priority with a reason, and reports tickets already at that value as unchanged', async () => {
    const tickets100 = await make(5);
    const numbers = tickets100.map((t) => t.number);
    const first = await bulkUpdate(handle.db, agent, {
      numbers,
      change: { kind: 'priority', priority: 1, reason: 'Outage follow-up' },
    });
    expect(first).toMatchObject({ ok: true, data: { changed: expect.arrayContaining(numbers), refused: [] } });
    const again = await bulkUpdate(handle.db, agent, {
      numbers,
      change: { kind: 'priority', priority: 1, reason: 'Outage follow-up' },
    });
    expect(again).toMatchObject({ ok: true, data: { changed: [], unchanged: expect.arrayContaining(numbers) } });
    const noReason = await bulkUpdate(handle.db, agent, {
      numbers,
      change: { kind: 'priority', priority: 2, reason: '' },
    });
    expect(noReason).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('adds a tag to many requests, once', async () => {
    const made = await make(3);
    const numbers = made.map((t) => t.number);
    const tag = `bulk-${Date.now().toString(36)}`;
    expect(await bulkUpdate(handle.db, agent, { numbers, change: { kind: 'tag', tag } })).toMatchObject({
      ok: true,
      data: { changed: expect.arrayContaining(numbers) },
    });
    expect(await bulkUpdate(handle.db, agent, { numbers, change: { kind: 'tag', tag } })).toMatchObject({
      ok: true,
      data: { changed: [], unchanged: expect.arrayContaining(numbers) },
    });
    expect(await bulkUpdate(handle.db, agent, { numbers, change: { kind: 'tag', tag: 'Not a tag!' } })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
  });

  it('is staff-only and bounded', async () => {
    expect(
      await bulkUpdate(handle.db, customer, { numbers: [1001], change: { kind: 'status', status: 'open' } }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    expect(
      await bulkUpdate(handle.db, agent, { numbers: [], change: { kind: 'status', status: 'open' } }),
    ).toMatchObject({ ok: false, code: 'invalid' });
    expect(
      await bulkUpdate(handle.db, agent, {
        numbers: Array.from({ length: 501 }, (_, i) => i + 1),
        change: { kind: 'status', status: 'open' },
      }),
    ).toMatchObject({ ok: false, code: 'invalid' });
  });

  it("keeps each ticket's own SLA clock when many leave 'waiting on customer' at once", async () => {
    const [a, b] = await make(2);
    const numbers = [a!.number, b!.number];
    expect(
      await bulkUpdate(handle.db, agent, { numbers, change: { kind: 'status', status: 'pending' } }),
    ).toMatchObject({ ok: true, data: { changed: expect.arrayContaining(numbers) } });
    // Pretend the two were paused at different times, so each must shift its due time by its own pause.
    const hour = 3_600_000;
    const pausedA = new Date(Date.now() - 2 * hour);
    const pausedB = new Date(Date.now() - 5 * hour);
    await handle.db.update(tickets).set({ slaPausedAt: pausedA }).where(eq(tickets.id, a!.id));
    await handle.db.update(tickets).set({ slaPausedAt: pausedB }).where(eq(tickets.id, b!.id));
    const before = await handle.db.select().from(tickets).where(inArray(tickets.number, numbers));
    const resumed = await bulkUpdate(handle.db, agent, { numbers, change: { kind: 'status', status: 'open' } });
    expect(resumed).toMatchObject({ ok: true, data: { changed: expect.arrayContaining(numbers), refused: [] } });
    const after = await handle.db.select().from(tickets).where(inArray(tickets.number, numbers));
    for (const [id, pausedFor] of [
      [a!.id, 2 * hour],
      [b!.id, 5 * hour],
    ] as const) {
      const was = before.find((t) => t.id === id)!;
      const now = after.find((t) => t.id === id)!;
      expect(now).toMatchObject({ status: 'open', slaPausedAt: null, version: was.version + 1 });
      const shift = now.resolutionDueAt!.getTime() - was.resolutionDueAt!.getTime();
      expect(shift).toBeGreaterThanOrEqual(pausedFor);
      expect(shift).toBeLessThan(pausedFor + 60_000);
      expect(now.slaPausedMs - was.slaPausedMs).toBe(shift);
    }
  });

  it('merges the selected requests into one, refusing those of another customer or already closed', async () => {
    const [keep, dup1, dup2, closedOne] = await make(4);
    const stranger = await makeCustomer(handle.db, 'Someone Else');
    const [theirs] = await make(1, stranger);
    const closing = await identified(closedOne!.number, closedOne!.version);
    const res = await resolveTicket(handle.db, agent, {
      number: closing.number,
      version: closing.version,
      summary: 'Done.',
    });
    if (!res.ok) throw new Error(res.message);
    await confirmResolution(handle.db, customer, { number: closing.number });

    const numbers = [keep!.number, dup1!.number, dup2!.number, closedOne!.number, theirs!.number];
    const result = await bulkUpdate(handle.db, agent, { numbers, change: { kind: 'merge', into: keep!.number } });
    if (!result.ok) throw new Error(result.message);
    expect(result.data.changed.sort()).toEqual([keep!.number, dup1!.number, dup2!.number].sort());
    expect(result.data.refused.sort((x, y) => x.number - y.number)).toEqual(
      [
        { number: closedOne!.number, reason: `Request #${closedOne!.number} is closed and cannot be merged.` },
        { number: theirs!.number, reason: 'Only requests from the same customer can be merged.' },
      ].sort((x, y) => x.number - y.number),
    );

    const rows = await handle.db.select().from(tickets).where(inArray(tickets.number, numbers));
    const by = Object.fromEntries(rows.map((t) => [t.number, t]));
    expect(by[dup1!.number]).toMatchObject({ status: 'closed', resolutionSummary: `Merged into #${keep!.number}.` });
    expect(by[dup2!.number]).toMatchObject({ status: 'closed' });
    expect(by[theirs!.number]).toMatchObject({ status: 'new' });
    const moved = await handle.db.select().from(messages).where(eq(messages.ticketId, keep!.id));
    expect(
      moved.filter(
        (m) => m.authorKind === 'system' && m.body.includes(`#${dup1!.number}`) && m.body.includes(`#${dup2!.number}`),
      ),
    ).toHaveLength(1);
    const history = await handle.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, keep!.id));
    expect(history.filter((e) => e.type === 'created')).toHaveLength(3);
    expect(
      history
        .filter((e) => e.type === 'merged')
        .map((e) => e.fromValue)
        .sort(),
    ).toEqual([String(dup1!.number), String(dup2!.number)].sort());
    const pointers = await handle.db.select().from(ticketLinks).where(eq(ticketLinks.linkedTicketId, keep!.id));
    expect(pointers.map((l) => l.kind)).toEqual(['merged_into', 'merged_into']);
  });

  it('refuses a bulk merge into a request that does not exist or is closed, changing nothing', async () => {
    const [a, b] = await make(2);
    const missing = await bulkUpdate(handle.db, agent, {
      numbers: [a!.number, b!.number],
      change: { kind: 'merge', into: 99_999_997 },
    });
    expect(missing).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { into: ['Request #99999997 was not found.'] },
    });
    const rows = await handle.db
      .select()
      .from(tickets)
      .where(inArray(tickets.number, [a!.number, b!.number]));
    expect(rows.map((t) => t.status)).toEqual(['new', 'new']);
  });

  it('keeps earlier merge pointers leading to the survivor, and refuses a merge of the target alone', async () => {
    const [first, middle, last] = await make(3);
    expect(
      await bulkUpdate(handle.db, agent, {
        numbers: [first!.number, middle!.number],
        change: { kind: 'merge', into: middle!.number },
      }),
    ).toMatchObject({ ok: true });
    expect(
      await bulkUpdate(handle.db, agent, {
        numbers: [middle!.number, last!.number],
        change: { kind: 'merge', into: last!.number },
      }),
    ).toMatchObject({ ok: true });
    const pointers = await handle.db.select().from(ticketLinks).where(eq(ticketLinks.ticketId, first!.id));
    expect(pointers).toMatchObject([{ linkedTicketId: last!.id, kind: 'merged_into' }]);
    const alone = await bulkUpdate(handle.db, agent, {
      numbers: [last!.number],
      change: { kind: 'merge', into: last!.number },
    });
    expect(alone).toMatchObject({
      ok: false,
      code: 'invalid',
      message: 'Select at least one other request to merge into it.',
    });
  });

  it('resolves many as the single resolve does (summary, survey, mail, events), refusing the unidentified', async () => {
    const [a, b, c, d] = await make(4);
    await identified(a!.number, a!.version);
    await identified(b!.number, b!.version);
    const done = await identified(d!.number, d!.version);
    const r = await resolveTicket(handle.db, agent, { number: d!.number, version: done.version, summary: 'Earlier.' });
    if (!r.ok) throw new Error(r.message);
    const refusedSummary = await bulkUpdate(handle.db, agent, {
      numbers: [a!.number],
      change: { kind: 'resolve', summary: '  ' },
    });
    expect(refusedSummary).toMatchObject({ ok: false, code: 'invalid' });

    const result = await bulkUpdate(handle.db, agent, {
      numbers: [a!.number, b!.number, c!.number, d!.number],
      change: { kind: 'resolve', summary: 'Fixed in the 4.2 release.' },
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.data.changed.sort()).toEqual([a!.number, b!.number].sort());
    expect(result.data.unchanged).toEqual([d!.number]);
    expect(result.data.refused).toEqual([
      { number: c!.number, reason: expect.stringContaining('Identify the request first') },
    ]);

    const rows = await handle.db
      .select()
      .from(tickets)
      .where(inArray(tickets.number, [a!.number, b!.number, c!.number]));
    const by = Object.fromEntries(rows.map((t) => [t.number, t]));
    expect(by[a!.number]).toMatchObject({
      status: 'resolved',
      stage: 'follow_up',
      resolutionSummary: 'Fixed in the 4.2 release.',
    });
    expect(by[a!.number]!.resolvedAt).not.toBeNull();
    expect(by[c!.number]).toMatchObject({ status: 'new', resolutionSummary: null });
    for (const t of [a!, b!]) {
      const [survey] = await handle.db.select().from(surveys).where(eq(surveys.ticketId, t.id));
      expect(survey?.answeredAt ?? null).toBeNull();
      expect(survey?.sentAt).toBeInstanceOf(Date);
      const mail = await handle.db.select().from(outbox).where(eq(outbox.ticketId, t.id));
      expect(mail.some((m) => m.subject.includes('Resolved:'))).toBe(true);
      const types = (await handle.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, t.id))).map(
        (e) => e.type,
      );
      expect(types).toEqual(expect.arrayContaining(['resolved', 'status_changed', 'survey_sent']));
    }
  });

  it("closes resolved requests on an agent's word, logged, and refuses those still being worked on", async () => {
    const [a, b, c] = await make(3);
    const ia = await identified(a!.number, a!.version);
    const ra = await resolveTicket(handle.db, agent, { number: a!.number, version: ia.version, summary: 'Done.' });
    if (!ra.ok) throw new Error(ra.message);
    await identified(b!.number, b!.version);
    const result = await bulkUpdate(handle.db, agent, {
      numbers: [a!.number, b!.number, c!.number],
      change: { kind: 'close' },
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.data.changed).toEqual([a!.number]);
    expect(result.data.refused.sort((x, y) => x.number - y.number)).toEqual([
      { number: b!.number, reason: expect.stringContaining('Only resolved requests can be closed') },
      { number: c!.number, reason: expect.stringContaining('Only resolved requests can be closed') },
    ]);
    const [closed] = await handle.db.select().from(tickets).where(eq(tickets.id, a!.id));
    expect(closed).toMatchObject({ status: 'closed', stage: 'follow_up' });
    expect(closed!.closedAt).toBeInstanceOf(Date);
    const events = await handle.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, a!.id));
    expect(events.find((e) => e.type === 'closed')).toMatchObject({
      actorUserId: agent.userId,
      fromValue: 'resolved',
      toValue: 'closed',
    });
    const again = await bulkUpdate(handle.db, agent, { numbers: [a!.number], change: { kind: 'close' } });
    expect(again).toMatchObject({
      ok: true,
      data: { refused: [{ number: a!.number, reason: expect.stringContaining('read-only') }] },
    });
  });
});
