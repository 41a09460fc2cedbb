import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { cernCounters, messages, outbox, surveys, ticketEvents, tickets } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { getTicketForCustomer, getTicketForStaff } from '@/lib/tickets/get-ticket';
import { makeCustomer, makeStaff, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import { answerSurvey } from './answer-survey';
import { autoCloseResolved } from './auto-close';
import { confirmResolution } from './confirm-resolution';
import { customerReply, reopenTicket } from './customer-reply';
import { escalateTicket } from './escalate-ticket';
import { identifyTicket } from './identify-ticket';
import { logContact } from './log-contact';
import { raiseException } from './raise-exception';
import { replyToTicket } from './reply-to-ticket';
import { resolveTicket } from './resolve-ticket';
import { setWaiting } from './set-waiting';
import { submitRequest } from './submit-request';
import { takeTicket } from './take-ticket';

let handle: DbHandle;
let agent: Actor;
let customer: Actor;
let teamId: string;
let categoryId: string;

beforeAll(async () => {
  handle = testDb();
  ({ teamId, categoryId } = await makeTeamAndCategory(handle.db));
  agent = await makeStaff(handle.db, 'agent', teamId);
  customer = await makeCustomer(handle.db, 'Pat Pipeline');
});
afterAll(() => handle.close());

async function submit(subject = 'Printer on fire', who = customer) {
  return must(await submitRequest(handle.db, who, { subject, description: 'It started smoking after the update.' }));
}

async function identify(number: number, extra: Record<string, unknown> = {}) {
  const [t] = await handle.db.select().from(tickets).where(eq(tickets.number, number));
  return must(
    await identifyTicket(handle.db, agent, {
      number,
      version: t!.version,
      categoryId,
      severity: 2,
      impact: 'several',
      ...extra,
    }),
  );
}

const events = async (ticketId: string) =>
  (await handle.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId))).map((e) => e.type);

describe('inquiry', () => {
  it('creates a new ticket in inquiry, with a number and an acknowledgement that quotes it', async () => {
    const ticket = await submit();
    expect(ticket.status).toBe('new');
    expect(ticket.stage).toBe('inquiry');
    expect(ticket.number).toBeGreaterThanOrEqual(1001);
    expect(ticket.acknowledgedAt).not.toBeNull();
    const thread = await handle.db.select().from(messages).where(eq(messages.ticketId, ticket.id));
    expect(thread).toHaveLength(1);
    expect(thread[0]!.authorKind).toBe('system');
    expect(thread[0]!.body).toContain(`#${ticket.number}`);
    const mail = await handle.db.select().from(outbox).where(eq(outbox.ticketId, ticket.id));
    expect(mail[0]?.toAddress).toBe(customer.email);
    expect(await events(ticket.id)).toEqual(['created', 'acknowledged']);
  });

  it('refuses an empty subject and a 100 kB description, saving nothing', async () => {
    const before = await handle.db.$count(tickets);
    const empty = await submitRequest(handle.db, customer, { subject: '   ', description: 'x' });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.fieldErrors?.subject?.[0]).toBe('Subject is required.');
    const huge = await submitRequest(handle.db, customer, { subject: 'Big', description: 'a'.repeat(100_000) });
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.fieldErrors?.description?.[0]).toMatch(/at most 20,000 characters/);
    expect(await handle.db.$count(tickets)).toBe(before);
  });

  it('stores HTML and script as the literal text the customer typed', async () => {
    const body = '<script>alert("x")</script><b>bold</b>';
    const ticket = must(
      await submitRequest(handle.db, customer, { subject: '<img src=x onerror=alert(1)>', description: body }),
    );
    expect(ticket.subject).toBe('<img src=x onerror=alert(1)>');
    expect(ticket.description).toBe(body);
  });

  it('creates one ticket for a double-submitted form (same idempotency key)', async () => {
    const key = `key-${Date.now()}`;
    const input = { subject: 'Twice', description: 'Clicked twice', idempotencyKey: key };
    const [a, b] = await Promise.all([
      submitRequest(handle.db, customer, input),
      submitRequest(handle.db, customer, input),
    ]);
    expect(must(a).id).toBe(must(b).id);
    expect(await handle.db.$count(tickets, like(tickets.idempotencyKey, `%${key}`))).toBe(1);
    // The same key with another subject is not a replay of that form: refused, not answered with the first.
    const other = await submitRequest(handle.db, customer, { ...input, subject: 'Another subject' });
    expect(other.ok ? 'ok' : other.code).toBe('conflict');
  });

  it('refuses a portal request from staff and a logged contact from a customer', async () => {
    const fromAgent = await submitRequest(handle.db, agent, { subject: 'x', description: 'y' });
    expect(fromAgent).toMatchObject({ ok: false, code: 'forbidden' });
    const fromCustomer = await logContact(handle.db, customer, {
      channel: 'phone',
      customerName: 'A',
      customerPhone: '+44 1632 960000',
      subject: 's',
      description: 'd',
    });
    expect(fromCustomer).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('logs a phone contact for an existing customer matched by phone, then by e-mail', async () => {
    const phone = `+44 1632 ${String(Date.now()).slice(-6)}`;
    const first = must(
      await logContact(handle.db, agent, {
        channel: 'phone',
        customerName: 'Robin Caller',
        customerPhone: phone,
        subject: 'Call 1',
        description: 'Called about billing',
      }),
    );
    expect(first.customerCreated).toBe(true);
    const second = must(
      await logContact(handle.db, agent, {
        channel: 'chat',
        customerName: 'Robin C.',
        customerPhone: phone.replace(/ /g, ''),
        subject: 'Chat 2',
        description: 'Chatted',
      }),
    );
    expect(second.customerCreated).toBe(false);
    expect(second.ticket.customerId).toBe(first.ticket.customerId);
    expect(second.ticket.channel).toBe('chat');
    const byEmail = must(
      await logContact(handle.db, agent, {
        channel: 'email',
        customerName: 'Pat',
        customerEmail: customer.email.toUpperCase(),
        subject: 'Mail',
        description: 'Mailed',
      }),
    );
    expect(byEmail.ticket.customerId).toBe(customer.customerId);
  });

  it('asks for an e-mail or phone when logging a contact', async () => {
    const result = await logContact(handle.db, agent, {
      channel: 'social',
      customerName: 'Nobody',
      subject: 's',
      description: 'd',
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { customerEmail: ['Give an e-mail address or a phone number.'] },
    });
  });
});

describe('identification', () => {
  it('sets priority from the matrix, the team from the category, and moves to resolution', async () => {
    const ticket = await submit();
    const taken = must(await takeTicket(handle.db, agent, { number: ticket.number, version: ticket.version }));
    expect(taken).toMatchObject({ stage: 'identification', status: 'open', assigneeId: agent.userId });
    const identified = await identify(ticket.number);
    expect(identified).toMatchObject({
      stage: 'resolution',
      status: 'open',
      priority: 2,
      teamId,
      severity: 2,
      impact: 'several',
    });
    expect(await events(ticket.id)).toEqual(expect.arrayContaining(['opened', 'assigned', 'identified']));
  });

  it('logs the reason of a priority override and insists on one', async () => {
    const ticket = await submit();
    const refused = await identifyTicket(handle.db, agent, {
      number: ticket.number,
      version: ticket.version,
      categoryId,
      severity: 4,
      impact: 'single',
      priorityOverride: 1,
    });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { overrideReason: [expect.stringContaining('Say why')] } });
    const done = await identify(ticket.number, {
      severity: 4,
      impact: 'single',
      priorityOverride: 1,
      overrideReason: 'VIP customer, launch day',
    });
    expect(done.priority).toBe(1);
    const [event] = await handle.db
      .select()
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, ticket.id))
      .then((rows) => rows.filter((e) => e.type === 'priority_overridden'));
    expect(event).toMatchObject({ fromValue: '4', toValue: '1', data: { reason: 'VIP customer, launch day' } });
  });

  it('refuses the second of two saves made from the same version', async () => {
    const ticket = await submit();
    const first = await identifyTicket(handle.db, agent, {
      number: ticket.number,
      version: ticket.version,
      categoryId,
      severity: 3,
      impact: 'single',
    });
    expect(first.ok).toBe(true);
    const second = await identifyTicket(handle.db, agent, {
      number: ticket.number,
      version: ticket.version,
      categoryId,
      severity: 1,
      impact: 'many',
    });
    expect(second).toMatchObject({
      ok: false,
      code: 'conflict',
      message: expect.stringContaining('changed by someone else'),
    });
    const [stored] = await handle.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(stored?.severity).toBe(3);
  });

  it('answers not found for an unknown request number', async () => {
    const result = await identifyTicket(handle.db, agent, {
      number: 99_999_999,
      version: 1,
      categoryId,
      severity: 3,
      impact: 'single',
    });
    expect(result).toMatchObject({ ok: false, code: 'not_found', message: 'Request #99999999 was not found.' });
  });

  it('refuses an exception without identification, incident time or detail', async () => {
    const ticket = await submit();
    const missing = await raiseException(handle.db, agent, {
      number: ticket.number,
      version: ticket.version,
      details: 'short',
    });
    expect(missing).toMatchObject({ ok: false, code: 'invalid' });
    if (!missing.ok) expect(Object.keys(missing.fieldErrors ?? {}).sort()).toEqual(['details', 'incidentAt']);
    const local = await raiseException(handle.db, agent, {
      number: ticket.number,
      version: ticket.version,
      incidentAt: '2026-01-02T10:00',
      details: 'A time without its zone is ambiguous across agents.',
    });
    expect(local).toMatchObject({
      ok: false,
      fieldErrors: { incidentAt: ['Give the date and time of the incident.'] },
    });
    const future = await raiseException(handle.db, agent, {
      number: ticket.number,
      version: ticket.version,
      incidentAt: '2999-01-01T00:00:00Z',
      details: 'An incident that has not happened yet is a typo.',
    });
    expect(future).toMatchObject({ ok: false, fieldErrors: { incidentAt: ['The incident cannot be in the future.'] } });
    const unidentified = await raiseException(handle.db, agent, {
      number: ticket.number,
      version: ticket.version,
      incidentAt: new Date('2026-01-02T10:00:00Z'),
      details: 'The customer was charged three times for one order.',
    });
    expect(unidentified).toMatchObject({
      ok: false,
      fieldErrors: { teamId: expect.any(Array), severity: expect.any(Array) },
    });
  });

  it('gives an exception a CERN that never changes', async () => {
    const ticket = await submit();
    const identified = await identify(ticket.number);
    const raised = must(
      await raiseException(handle.db, agent, {
        number: ticket.number,
        version: identified.version,
        incidentAt: '2026-03-01T09:30:00Z',
        details: 'Card charged three times for a single order; bank statement attached.',
      }),
    );
    expect(raised.cern).toMatch(new RegExp(`^CERN-${new Date().getUTCFullYear()}-\\d{6}$`));
    const again = await raiseException(handle.db, agent, {
      number: ticket.number,
      version: raised.version,
      incidentAt: '2026-03-01T09:30:00Z',
      details: 'Trying to raise a second CERN for the same request.',
    });
    expect(again).toMatchObject({ ok: false, code: 'conflict' });
    const [stored] = await handle.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(stored?.cern).toBe(raised.cern);
  });

  it('hands out 50 CERNs raised at the same moment without gaps or duplicates', async () => {
    const year = 2091; // a year of its own, so the sequence is this test's alone
    const [counter] = await handle.db.select().from(cernCounters).where(eq(cernCounters.year, year));
    const start = counter?.lastValue ?? 0; // a re-run on the same database continues the sequence
    const made = [];
    for (let i = 0; i < 50; i++) {
      const t = await submit(`Race ${i}`);
      made.push(await identify(t.number));
    }
    const results = await Promise.all(
      made.map((t) =>
        raiseException(
          handle.db,
          agent,
          {
            number: t.number,
            version: t.version,
            incidentAt: '2026-01-01T00:00:00Z',
            details: 'Raised in the 50-way race test to prove the counter.',
          },
          () => new Date(Date.UTC(year, 5, 1)),
        ),
      ),
    );
    const cerns = results.map((r) => must(r).cern!).sort();
    expect(new Set(cerns).size).toBe(50);
    expect(cerns).toEqual(
      Array.from({ length: 50 }, (_, i) => `CERN-${year}-${String(start + i + 1).padStart(6, '0')}`),
    );
  });
});

describe('resolution and follow-up', () => {
  it('runs the whole pipeline: reply, note, pending, resolve, confirm, survey', async () => {
    const ticket = await submit('Cannot log in');
    const identified = await identify(ticket.number);
    must(
      await replyToTicket(handle.db, agent, {
        number: ticket.number,
        body: 'Please try resetting your password.',
        visibility: 'public',
      }),
    );
    must(
      await replyToTicket(handle.db, agent, {
        number: ticket.number,
        body: 'Customer sounded upset.',
        visibility: 'internal',
      }),
    );
    const afterReply = (await handle.db.select().from(tickets).where(eq(tickets.id, ticket.id)))[0]!;
    expect(afterReply.firstResponseAt).not.toBeNull();
    expect(afterReply.publicReplyCount).toBe(1);
    expect(afterReply.version).toBeGreaterThan(identified.version);

    const pending = must(
      await setWaiting(handle.db, agent, { number: ticket.number, version: afterReply.version, status: 'pending' }),
    );
    expect(pending.status).toBe('pending');
    must(await customerReply(handle.db, customer, { number: ticket.number, body: 'Reset did not help.' }));
    const back = (await handle.db.select().from(tickets).where(eq(tickets.id, ticket.id)))[0]!;
    expect(back.status).toBe('open');

    const resolved = must(
      await resolveTicket(handle.db, agent, {
        number: ticket.number,
        version: back.version,
        summary: 'Unlocked the account after three failed sign-ins.',
      }),
    );
    expect(resolved).toMatchObject({
      stage: 'follow_up',
      status: 'resolved',
      resolutionSummary: 'Unlocked the account after three failed sign-ins.',
    });
    expect(resolved.resolvedAt).not.toBeNull();

    // The customer sees the public thread and the resolution, never the internal note.
    const portalView = await getTicketForCustomer(handle.db, customer, ticket.number);
    const bodies = portalView.timeline.map((e) => (e.kind === 'message' ? e.body : ''));
    expect(bodies).toContain('Please try resetting your password.');
    expect(bodies).not.toContain('Customer sounded upset.');
    expect(portalView.timeline.every((e) => e.kind === 'message')).toBe(true);

    const closed = must(await confirmResolution(handle.db, customer, { number: ticket.number }));
    expect(closed.status).toBe('closed');
    const rated = must(
      await answerSurvey(handle.db, customer, { number: ticket.number, csat: 5, nps: 9, comment: 'Quick!' }),
    );
    expect(rated.survey).toMatchObject({ csat: 5, nps: 9, confirmed: true });
    expect(rated.outcome).toBe('recorded');
    const twice = await answerSurvey(handle.db, customer, { number: ticket.number, csat: 1, nps: 0 });
    expect(twice).toMatchObject({ ok: false, code: 'conflict' });

    expect(await events(ticket.id)).toEqual(
      expect.arrayContaining([
        'replied',
        'noted',
        'status_changed',
        'resolved',
        'survey_sent',
        'confirmed',
        'survey_answered',
      ]),
    );
    const staffView = await getTicketForStaff(handle.db, agent, ticket.number);
    expect(staffView.timeline.some((e) => e.kind === 'message' && e.visibility === 'internal')).toBe(true);
  });

  it('refuses to resolve an unidentified ticket, naming both states', async () => {
    const ticket = await submit();
    const result = await resolveTicket(handle.db, agent, {
      number: ticket.number,
      version: ticket.version,
      summary: 'Done',
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'unprocessable',
      message: expect.stringContaining('from new (inquiry) to resolved (follow-up)'),
    });
  });

  it('reopens on the customer word, counts it, and the answered survey closes the request', async () => {
    const ticket = await submit();
    const identified = await identify(ticket.number);
    const resolved = must(
      await resolveTicket(handle.db, agent, {
        number: ticket.number,
        version: identified.version,
        summary: 'Sent a replacement.',
      }),
    );
    const reopened = must(
      await reopenTicket(handle.db, customer, { number: ticket.number, body: 'The replacement is broken too.' }),
    );
    expect(reopened.ticket).toMatchObject({ stage: 'resolution', status: 'open', reopenCount: 1, resolvedAt: null });
    expect(await events(ticket.id)).toContain('reopened');
    const again = must(
      await resolveTicket(handle.db, agent, {
        number: ticket.number,
        version: reopened.ticket.version,
        summary: 'Refunded instead.',
      }),
    );
    expect(again.version).toBeGreaterThan(resolved.version);
    must(await answerSurvey(handle.db, customer, { number: ticket.number, csat: 3, nps: 6 }));
    const [stored] = await handle.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(stored?.status).toBe('closed');
  });

  it('escalates to another team with a reason and clears the assignee', async () => {
    const ticket = await submit();
    const taken = must(await takeTicket(handle.db, agent, { number: ticket.number, version: ticket.version }));
    const other = await makeTeamAndCategory(handle.db);
    const escalated = must(
      await escalateTicket(handle.db, agent, {
        number: ticket.number,
        version: taken.version,
        teamId: other.teamId,
        reason: 'Needs a billing specialist',
      }),
    );
    expect(escalated).toMatchObject({ teamId: other.teamId, assigneeId: null });
    const same = await escalateTicket(handle.db, agent, {
      number: ticket.number,
      version: escalated.version,
      teamId: other.teamId,
      reason: 'again',
    });
    expect(same).toMatchObject({ ok: false, fieldErrors: { teamId: ['The request is already with that team.'] } });
  });

  it('opens a linked follow-up when the customer writes on a closed request', async () => {
    const ticket = await submit();
    const identified = await identify(ticket.number);
    const resolved = must(
      await resolveTicket(handle.db, agent, { number: ticket.number, version: identified.version, summary: 'Fixed.' }),
    );
    expect(resolved.status).toBe('resolved');
    must(await confirmResolution(handle.db, customer, { number: ticket.number }));
    const reply = must(
      await customerReply(handle.db, customer, { number: ticket.number, body: 'It broke again a month later.' }),
    );
    expect(reply.followUp).toBe(true);
    expect(reply.ticket.number).not.toBe(ticket.number);
    const [followUp] = await handle.db.select().from(tickets).where(eq(tickets.id, reply.ticket.id));
    expect(followUp?.followUpOfId).toBe(ticket.id);
    const reopen = await reopenTicket(handle.db, customer, { number: ticket.number, body: 'reopen please' });
    expect(reopen).toMatchObject({ ok: false, code: 'unprocessable' });
  });

  it('closes resolved requests left unanswered past the follow-up window', async () => {
    const ticket = await submit();
    const identified = await identify(ticket.number);
    must(
      await resolveTicket(handle.db, agent, { number: ticket.number, version: identified.version, summary: 'Done.' }),
    );
    const eightDaysLater = new Date(Date.now() + 8 * 86_400_000);
    expect(await autoCloseResolved(handle.db, { now: new Date(Date.now() + 86_400_000) })).toBeGreaterThanOrEqual(0);
    expect((await handle.db.select().from(tickets).where(eq(tickets.id, ticket.id)))[0]?.status).toBe('resolved');
    expect(await autoCloseResolved(handle.db, { now: eightDaysLater })).toBeGreaterThanOrEqual(1);
    const [stored] = await handle.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(stored).toMatchObject({ status: 'closed' });
    const [survey] = await handle.db.select().from(surveys).where(eq(surveys.ticketId, ticket.id));
    expect(survey?.answeredAt).toBeNull();
  });
});

describe('review fixes', () => {
  it('pauses the SLA clock while the request waits on the customer', async () => {
    const ticket = await submit();
    const identified = await identify(ticket.number);
    const pending = must(
      await setWaiting(handle.db, agent, { number: ticket.number, version: identified.version, status: 'pending' }),
    );
    expect(pending.slaPausedAt).not.toBeNull();
    // Pretend the customer took two hours to answer.
    await handle.db
      .update(tickets)
      .set({ slaPausedAt: new Date(Date.now() - 2 * 3_600_000) })
      .where(eq(tickets.id, ticket.id));
    must(await customerReply(handle.db, customer, { number: ticket.number, body: 'Here is the order number.' }));
    const [after] = await handle.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(after?.slaPausedAt).toBeNull();
    expect(after!.slaPausedMs).toBeGreaterThanOrEqual(2 * 3_600_000 - 1000);
    expect(after!.resolutionDueAt!.getTime() - identified.resolutionDueAt!.getTime()).toBe(after!.slaPausedMs);
  });

  it('unassigns when identification chooses nobody, and keeps an assignee only inside the team', async () => {
    const ticket = await submit();
    const taken = must(await takeTicket(handle.db, agent, { number: ticket.number, version: ticket.version }));
    const unassigned = await identify(taken.number, { assigneeId: '' });
    expect(unassigned.assigneeId).toBeNull();
    const mine = await identify(taken.number, { assigneeId: agent.userId });
    expect(mine.assigneeId).toBe(agent.userId);
    const other = await makeTeamAndCategory(handle.db);
    const moved = await identifyTicket(handle.db, agent, {
      number: ticket.number,
      version: mine.version,
      categoryId,
      severity: 2,
      impact: 'several',
      teamId: other.teamId,
    });
    expect(moved).toMatchObject({
      ok: false,
      fieldErrors: { assigneeId: [expect.stringContaining('is not an active member of')] },
    });
  });

  it('scopes idempotency keys to the customer, and a retried follow-up makes one ticket', async () => {
    const key = `shared-${Date.now()}`;
    const other = await makeCustomer(handle.db, 'Other Customer');
    const mine = must(
      await submitRequest(handle.db, customer, { subject: 'Mine', description: 'x', idempotencyKey: key }),
    );
    const theirs = must(
      await submitRequest(handle.db, other, { subject: 'Theirs', description: 'y', idempotencyKey: key }),
    );
    expect(theirs.id).not.toBe(mine.id);
    expect(theirs.customerId).toBe(other.customerId);

    const identified = await identify(mine.number);
    must(await resolveTicket(handle.db, agent, { number: mine.number, version: identified.version, summary: 'Done.' }));
    must(await confirmResolution(handle.db, customer, { number: mine.number }));
    const followKey = `follow-${Date.now()}`;
    const a = must(
      await customerReply(handle.db, customer, { number: mine.number, body: 'Again!', idempotencyKey: followKey }),
    );
    const b = must(
      await customerReply(handle.db, customer, { number: mine.number, body: 'Again!', idempotencyKey: followKey }),
    );
    expect(b.ticket.id).toBe(a.ticket.id);
    expect(await handle.db.$count(tickets, eq(tickets.followUpOfId, mine.id))).toBe(1);
  });

  it('an idempotency key replays only the same operation on the same request', async () => {
    const key = `reused-${Date.now()}`;
    const first = must(
      await submitRequest(handle.db, customer, { subject: 'First', description: 'x', idempotencyKey: key }),
    );
    const closed = await submit();
    const identified = await identify(closed.number);
    must(
      await resolveTicket(handle.db, agent, { number: closed.number, version: identified.version, summary: 'Done.' }),
    );
    must(await confirmResolution(handle.db, customer, { number: closed.number }));

    // The same key on a reply to another (closed) request: a new follow-up, not the first request back.
    const reply = must(
      await customerReply(handle.db, customer, { number: closed.number, body: 'Still broken', idempotencyKey: key }),
    );
    expect(reply.ticket.id).not.toBe(first.id);
    expect(reply.ticket.followUpOfId).toBe(closed.id);
    expect(reply.ticket.description).toBe('Still broken');
    const [untouched] = await handle.db.select().from(tickets).where(eq(tickets.id, first.id));
    expect(untouched?.followUpOfId).toBeNull();

    // The same key on a logged contact for the same customer is another operation: a new ticket.
    const contact = must(
      await logContact(handle.db, agent, {
        channel: 'phone',
        customerName: customer.name,
        customerEmail: customer.email,
        subject: 'Call',
        description: 'y',
        idempotencyKey: key,
      }),
    );
    expect(contact.ticket.id).not.toBe(first.id);

    // A replay with other text is refused rather than dropping the text.
    expect(
      await submitRequest(handle.db, customer, {
        subject: 'First',
        description: 'something else',
        idempotencyKey: key,
      }),
    ).toMatchObject({ ok: false, code: 'conflict' });
    expect(
      must(await submitRequest(handle.db, customer, { subject: 'First', description: 'x', idempotencyKey: key })).id,
    ).toBe(first.id);
  });

  it('rates only a resolved or closed request', async () => {
    const ticket = await submit();
    const identified = await identify(ticket.number);
    must(
      await resolveTicket(handle.db, agent, { number: ticket.number, version: identified.version, summary: 'Done.' }),
    );
    must(await reopenTicket(handle.db, customer, { number: ticket.number, body: 'Not fixed.' }));
    expect(await answerSurvey(handle.db, customer, { number: ticket.number, csat: 1, nps: 0 })).toMatchObject({
      ok: false,
      code: 'unprocessable',
    });
  });

  it('answers not found for request numbers that are not numbers', async () => {
    for (const bad of ['abc', '1.5', '99999999999', '-3', '']) {
      await expect(getTicketForStaff(handle.db, agent, bad), bad).rejects.toMatchObject({ code: 'not_found' });
      await expect(getTicketForCustomer(handle.db, customer, bad), bad).rejects.toMatchObject({ code: 'not_found' });
    }
  });
});

describe('access', () => {
  it('hides another customer’s request as not found, and staff pages from customers', async () => {
    const ticket = await submit();
    const stranger = await makeCustomer(handle.db, 'Stranger');
    await expect(getTicketForCustomer(handle.db, stranger, ticket.number)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getTicketForStaff(handle.db, customer, ticket.number)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await customerReply(handle.db, stranger, { number: ticket.number, body: 'hi' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await confirmResolution(handle.db, stranger, { number: ticket.number })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(
      await replyToTicket(handle.db, customer, { number: ticket.number, body: 'I am an agent now' }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
