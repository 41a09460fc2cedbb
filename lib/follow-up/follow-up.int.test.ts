import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, customers, followUps, notifications, surveys, teams, ticketEvents, tickets } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/core/result';
import { getFollowUpMetrics } from '@/lib/metrics/follow-up';
import { answerSurvey } from '@/lib/pipeline/answer-survey';
import { identifyTicket } from '@/lib/pipeline/identify-ticket';
import { resolveTicket } from '@/lib/pipeline/resolve-ticket';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { loadTicket, makeCustomer, makeStaff, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import { flagDetractor, isDetractor } from './detractor';
import { listFollowUps, listTicketFollowUps } from './list-follow-ups';
import { MAX_CALL_ATTEMPTS } from './outcomes';
import { recordFollowUpOutcome } from './record-outcome';
import { requestFollowUpCall } from './request-call';
import { createRootCause, listActiveRootCauses, renameRootCause, setRootCauseRetired } from './root-causes';

let handle: DbHandle;
let admin: Actor;
let lead: Actor;
let otherLead: Actor;
let agent: Actor;
let customer: Actor;
let teamId: string;
let categoryId: string;
let cause: string;
const tag = Math.random().toString(36).slice(2, 8);
const phone = `+44 20 7946 ${String(Math.floor(Math.random() * 9000) + 1000)}`;
const mine: string[] = []; // ticket ids made here, for the dashboard window

beforeAll(async () => {
  handle = testDb();
  ({ teamId, categoryId } = await makeTeamAndCategory(handle.db));
  const other = await makeTeamAndCategory(handle.db);
  admin = await makeStaff(handle.db, 'admin');
  lead = await makeStaff(handle.db, 'lead', teamId);
  otherLead = await makeStaff(handle.db, 'lead', other.teamId);
  agent = await makeStaff(handle.db, 'agent', teamId);
  await handle.db.update(teams).set({ leadId: lead.userId }).where(eq(teams.id, teamId));
  await handle.db.update(teams).set({ leadId: otherLead.userId }).where(eq(teams.id, other.teamId));
  customer = await makeCustomer(handle.db, 'Robin Detractor');
  await handle.db.update(customers).set({ phone }).where(eq(customers.id, customer.customerId!));
  cause = must(await createRootCause(handle.db, admin, { name: `Wrong answer ${tag}`, sort: 1 })).id;
});
afterAll(() => handle.close());

/** A request of the lead's team, identified and resolved (so it has an unanswered survey). */
async function resolvedTicket(subject = 'Charged twice') {
  const ticket = must(await submitRequest(handle.db, customer, { subject, description: 'Two charges on my card.' }));
  mine.push(ticket.id);
  const identified = must(
    await identifyTicket(handle.db, agent, {
      number: ticket.number,
      version: ticket.version,
      categoryId,
      severity: 3,
      impact: 'single',
      assigneeId: agent.userId,
    }),
  );
  return must(
    await resolveTicket(handle.db, agent, {
      number: ticket.number,
      version: identified.version,
      summary: 'Refunded one.',
    }),
  );
}

async function answered(csat: number, nps: number, comment = `Nobody listened ${tag}`) {
  const ticket = await resolvedTicket();
  must(await answerSurvey(handle.db, customer, { number: ticket.number, csat, nps, comment }));
  const rows = await handle.db.select().from(followUps).where(eq(followUps.ticketId, ticket.id));
  return { ticket, rows };
}

const eventsOf = async (ticketId: string) =>
  handle.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(ticketEvents.id);

const failure = (result: { ok: boolean }) =>
  result as { ok: false; code: string; fieldErrors?: Record<string, string[]> };

describe('detractors', () => {
  it('knows a detractor: CSAT ≤ 2 or NPS ≤ 6', () => {
    expect(isDetractor({ csat: 2, nps: null })).toBe(true);
    expect(isDetractor({ csat: 3, nps: 7 })).toBe(false);
    expect(isDetractor({ csat: null, nps: 6 })).toBe(true);
    expect(isDetractor({ csat: 5, nps: 7 })).toBe(false);
    expect(isDetractor({ csat: null, nps: null })).toBe(false);
  });

  it('queues a detractor once, for the team lead with the comment, and tells the lead once', async () => {
    const { ticket, rows } = await answered(1, 3);
    expect(rows).toMatchObject([
      {
        kind: 'detractor',
        status: 'open',
        teamId,
        ownerId: lead.userId,
        csat: 1,
        nps: 3,
        comment: `Nobody listened ${tag}`,
      },
    ]);
    const [survey] = await handle.db.select().from(surveys).where(eq(surveys.ticketId, ticket.id));
    // A second path storing the same answer (a retried job, the signed link) does nothing more.
    await flagDetractor(handle.db, { ticketId: ticket.id, surveyId: survey!.id, csat: 1, nps: 3, comment: 'again' });
    expect(await handle.db.$count(followUps, eq(followUps.ticketId, ticket.id))).toBe(1);
    const told = await handle.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.ticketId, ticket.id), eq(notifications.kind, 'detractor')));
    expect(told.map((n) => n.userId)).toEqual([lead.userId]);
  });

  it('queues nothing for a passive or promoter answer', async () => {
    expect((await answered(3, 7)).rows).toHaveLength(0);
    expect((await answered(5, 10)).rows).toHaveLength(0);
    expect((await answered(5, 6)).rows).toHaveLength(1); // NPS 6 alone is a detractor
    expect((await answered(2, 9)).rows).toHaveLength(1); // CSAT 2 alone too
  });

  it('shows detractors to the team lead and admins only; agents are refused, customers find nothing', async () => {
    const { rows } = await answered(1, 0);
    const id = rows[0]!.id;
    const ids = async (actor: Actor) => {
      const page = must(await listFollowUps(handle.db, actor, { kind: 'detractor', limit: 100 }));
      const all = [...page.items];
      let next = page.next;
      while (next) {
        const more = must(await listFollowUps(handle.db, actor, { kind: 'detractor', limit: 100, after: next }));
        all.push(...more.items);
        next = more.next;
      }
      return all;
    };
    const seen = (await ids(lead)).find((i) => i.id === id);
    expect(seen).toMatchObject({ comment: `Nobody listened ${tag}`, customerName: 'Robin Detractor', csat: 1 });
    expect((await ids(admin)).some((i) => i.id === id)).toBe(true);
    expect((await ids(otherLead)).some((i) => i.id === id)).toBe(false);
    expect(await listFollowUps(handle.db, agent, { kind: 'detractor' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await listFollowUps(handle.db, customer, { kind: 'call' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await listFollowUps(handle.db, lead, { kind: 'nope' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await listFollowUps(handle.db, lead, { kind: 'call', after: 'forged' })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    // Another team's lead cannot record it either, nor an agent.
    const recordAs = (actor: Actor) =>
      recordFollowUpOutcome(handle.db, actor, { id, outcome: 'recovered', rootCauseId: cause });
    expect(await recordAs(otherLead)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await recordAs(agent)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await recordAs(customer)).toMatchObject({ ok: false, code: 'not_found' });
    // The ticket page's note follows the same rule.
    expect(await listTicketFollowUps(handle.db, agent, rows[0]!.ticketId)).toEqual([]);
    expect(await listTicketFollowUps(handle.db, lead, rows[0]!.ticketId)).toHaveLength(1);
  });

  it('records an outcome with an active root cause, once, as an event', async () => {
    const { ticket, rows } = await answered(2, 4);
    const id = rows[0]!.id;
    const noCause = failure(await recordFollowUpOutcome(handle.db, lead, { id, outcome: 'recovered' }));
    expect(noCause.fieldErrors?.rootCauseId?.[0]).toMatch(/Choose a root cause/);
    const wrongKind = failure(await recordFollowUpOutcome(handle.db, lead, { id, outcome: 'confirmed_fixed' }));
    expect(wrongKind.fieldErrors?.outcome?.[0]).toMatch(/Recovered, Called back, Not reachable/);
    const unknown = failure(await recordFollowUpOutcome(handle.db, lead, { id, outcome: 'delighted' }));
    expect(unknown).toMatchObject({ ok: false, code: 'invalid' });
    expect(unknown.fieldErrors?.outcome).toBeDefined();
    const nul = failure(
      await recordFollowUpOutcome(handle.db, lead, { id, outcome: 'recovered', rootCauseId: cause, note: 'a\u0000b' }),
    );
    expect(nul.fieldErrors?.note).toBeDefined();
    const huge = failure(
      await recordFollowUpOutcome(handle.db, lead, {
        id,
        outcome: 'recovered',
        rootCauseId: cause,
        note: 'x'.repeat(2001),
      }),
    );
    expect(huge.fieldErrors?.note?.[0]).toMatch(/at most 2,000 characters/);
    expect(await handle.db.$count(followUps, and(eq(followUps.id, id), eq(followUps.status, 'open')))).toBe(1);

    const retired = must(await createRootCause(handle.db, admin, { name: `Retired cause ${tag}` }));
    must(await setRootCauseRetired(handle.db, admin, { id: retired.id, retired: 'true' }));
    const usedRetired = failure(
      await recordFollowUpOutcome(handle.db, lead, { id, outcome: 'recovered', rootCauseId: retired.id }),
    );
    expect(usedRetired.fieldErrors?.rootCauseId?.[0]).toMatch(/is retired/);

    const done = must(
      await recordFollowUpOutcome(handle.db, lead, {
        id,
        outcome: 'recovered',
        rootCauseId: cause,
        note: 'Apologised, refunded the fee. <b>Happy</b> now.',
      }),
    );
    expect(done.followUp).toMatchObject({
      status: 'done',
      outcome: 'recovered',
      rootCauseId: cause,
      doneBy: lead.userId,
      note: 'Apologised, refunded the fee. <b>Happy</b> now.',
    });
    const recorded = (await eventsOf(ticket.id)).filter((e) => e.type === 'follow_up_recorded');
    expect(recorded).toMatchObject([
      { actorUserId: lead.userId, data: { kind: 'detractor', outcome: 'recovered', rootCause: `Wrong answer ${tag}` } },
    ]);
    expect(await recordFollowUpOutcome(handle.db, admin, { id, outcome: 'not_reachable' })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
  });

  it('allows "not reachable" without a root cause', async () => {
    const { rows } = await answered(1, 1);
    const done = must(await recordFollowUpOutcome(handle.db, admin, { id: rows[0]!.id, outcome: 'not_reachable' }));
    expect(done.followUp).toMatchObject({ status: 'done', outcome: 'not_reachable', rootCauseId: null });
  });
});

describe('follow-up calls', () => {
  it('marks only a resolved request, once, and tells the assignee', async () => {
    const open = must(await submitRequest(handle.db, customer, { subject: 'Still open', description: 'Hello' }));
    expect(await requestFollowUpCall(handle.db, lead, { number: open.number })).toMatchObject({
      ok: false,
      code: 'unprocessable',
      message: expect.stringMatching(/is new: only a resolved request/),
    });
    const ticket = await resolvedTicket('Router keeps rebooting');
    const call = must(
      await requestFollowUpCall(handle.db, lead, { number: ticket.number, note: 'Check after a week' }),
    );
    expect(call).toMatchObject({
      kind: 'call',
      status: 'open',
      requestedBy: lead.userId,
      requestNote: 'Check after a week',
    });
    expect(await requestFollowUpCall(handle.db, agent, { number: ticket.number })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect(await requestFollowUpCall(handle.db, customer, { number: ticket.number })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await requestFollowUpCall(handle.db, agent, { number: ticket.number, note: 'x\u0000' })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect((await eventsOf(ticket.id)).filter((e) => e.type === 'follow_up_call_requested')).toHaveLength(1);
    const told = await handle.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.ticketId, ticket.id), eq(notifications.kind, 'follow_up_call')));
    expect(told.map((n) => n.userId)).toEqual([agent.userId]);

    // The agent's calls queue shows it with the customer's phone.
    let page = must(await listFollowUps(handle.db, agent, { kind: 'call', teamId, limit: 100 }));
    while (!page.items.some((i) => i.id === call.id) && page.next)
      page = must(await listFollowUps(handle.db, agent, { kind: 'call', teamId, limit: 100, after: page.next }));
    expect(page.items.find((i) => i.id === call.id)).toMatchObject({
      number: ticket.number,
      phone,
      email: customer.email,
      requestNote: 'Check after a week',
    });
  });

  it('"confirmed fixed" closes the request the way the customer\'s confirmation does', async () => {
    const ticket = await resolvedTicket();
    const call = must(await requestFollowUpCall(handle.db, agent, { number: ticket.number }));
    const root = failure(await recordFollowUpOutcome(handle.db, agent, { id: call.id, outcome: 'recovered' }));
    expect(root.fieldErrors?.outcome).toBeDefined();
    const done = must(await recordFollowUpOutcome(handle.db, agent, { id: call.id, outcome: 'confirmed_fixed' }));
    expect(done.ticket).toMatchObject({ status: 'closed', stage: 'follow_up' });
    expect((await loadTicket(handle.db, ticket.id)).closedAt).not.toBeNull();
    const [survey] = await handle.db.select().from(surveys).where(eq(surveys.ticketId, ticket.id));
    expect(survey?.confirmed).toBe(true);
    const types = (await eventsOf(ticket.id)).map((e) => e.type);
    expect(types.slice(-3)).toEqual(['follow_up_recorded', 'confirmed', 'status_changed']);
    // Closed now: no further call can be asked for.
    expect(await requestFollowUpCall(handle.db, agent, { number: ticket.number })).toMatchObject({
      ok: false,
      code: 'unprocessable',
    });
  });

  it('"reopened" sends the request back to resolution, counted, and tells the assignee', async () => {
    const ticket = await resolvedTicket();
    const call = must(await requestFollowUpCall(handle.db, lead, { number: ticket.number }));
    const done = must(
      await recordFollowUpOutcome(handle.db, lead, { id: call.id, outcome: 'reopened', note: 'Still rebooting' }),
    );
    expect(done.ticket).toMatchObject({ status: 'open', stage: 'resolution', reopenCount: 1, resolvedAt: null });
    expect(done.followUp).toMatchObject({ status: 'done', outcome: 'reopened', note: 'Still rebooting' });
    const events = await eventsOf(ticket.id);
    expect(events.map((e) => e.type).slice(-3)).toEqual(['follow_up_recorded', 'reopened', 'status_changed']);
    expect(events.at(-3)?.data).toMatchObject({ kind: 'call', outcome: 'reopened', note: 'Still rebooting' });
    const told = await handle.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.ticketId, ticket.id), eq(notifications.kind, 'not_fixed')));
    expect(told.map((n) => n.userId)).toEqual([agent.userId]);
  });

  it('"no answer" keeps the call open for another try, and closes it at the last try', async () => {
    const ticket = await resolvedTicket();
    const call = must(await requestFollowUpCall(handle.db, agent, { number: ticket.number }));
    for (let i = 1; i < MAX_CALL_ATTEMPTS; i++) {
      const tried = must(await recordFollowUpOutcome(handle.db, agent, { id: call.id, outcome: 'no_answer' }));
      expect(tried.followUp).toMatchObject({ status: 'open', attempts: i, outcome: null });
    }
    const last = must(await recordFollowUpOutcome(handle.db, agent, { id: call.id, outcome: 'no_answer' }));
    expect(last.followUp).toMatchObject({ status: 'done', attempts: MAX_CALL_ATTEMPTS, outcome: 'no_answer' });
    expect(last.ticket.status).toBe('resolved');
    const recorded = (await eventsOf(ticket.id)).filter((e) => e.type === 'follow_up_recorded');
    expect(recorded.map((e) => e.data?.attempt)).toEqual([1, 2, 3]);
    // Done: a new call may be asked for on the still-resolved request.
    must(await requestFollowUpCall(handle.db, agent, { number: ticket.number }));
  });

  it('cannot confirm a request the customer reopened meanwhile', async () => {
    const ticket = await resolvedTicket();
    const call = must(await requestFollowUpCall(handle.db, agent, { number: ticket.number }));
    await handle.db.update(tickets).set({ status: 'open', stage: 'resolution' }).where(eq(tickets.id, ticket.id));
    expect(await recordFollowUpOutcome(handle.db, agent, { id: call.id, outcome: 'confirmed_fixed' })).toMatchObject({
      ok: false,
      code: 'unprocessable',
    });
    expect(await handle.db.$count(followUps, and(eq(followUps.id, call.id), eq(followUps.status, 'open')))).toBe(1);
  });
});

describe('dashboard', () => {
  it("counts the period's detractors, recoveries, root causes and calls", async () => {
    // Move this file's follow-ups into a window of their own, so other tests' rows do not count.
    const from = new Date(Date.UTC(2003, 0, 1 + Math.floor(Math.random() * 300)));
    const to = new Date(from.getTime() + 86_400_000);
    await handle.db
      .update(followUps)
      .set({ createdAt: new Date(from.getTime() + 3_600_000) })
      .where(inArray(followUps.ticketId, mine));
    const rows = await handle.db.select().from(followUps).where(inArray(followUps.ticketId, mine));
    const detractors = rows.filter((r) => r.kind === 'detractor');
    const calls = rows.filter((r) => r.kind === 'call');
    const m = await getFollowUpMetrics(handle.db, lead, { from, to });
    expect(m.detractors).toMatchObject({
      total: detractors.length,
      recovered: 1,
      notReachable: 1,
      followedUp: 2,
      recoveryRate: 0.5,
      open: detractors.length - 2,
    });
    expect(detractors.length).toBe(6);
    expect(m.rootCauses).toEqual([{ name: `Wrong answer ${tag}`, count: 1 }]);
    expect(m.calls).toMatchObject({
      requested: calls.length,
      confirmedFixed: 1,
      reopened: 1,
      noAnswer: 1,
      open: calls.filter((c) => c.status === 'open').length,
    });
    expect(m.calls.made).toBe(3);
    await expect(getFollowUpMetrics(handle.db, agent, { from, to })).rejects.toBeInstanceOf(AppError);
  });
});

describe('root causes', () => {
  it('keeps the list: unique names regardless of case, rename and retire audited, admins only', async () => {
    const created = must(await createRootCause(handle.db, admin, { name: `Policy ${tag}` }));
    const dup = failure(await createRootCause(handle.db, admin, { name: `POLICY ${tag.toUpperCase()}` }));
    expect(dup.fieldErrors?.name?.[0]).toMatch(/exists already/);
    expect(await createRootCause(handle.db, lead, { name: `Lead cause ${tag}` })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await createRootCause(handle.db, admin, { name: ' ' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await createRootCause(handle.db, admin, { name: 'x'.repeat(81) })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    must(await renameRootCause(handle.db, admin, { id: created.id, name: `Refund policy ${tag}`, sort: 5 }));
    must(await setRootCauseRetired(handle.db, admin, { id: created.id, retired: 'true' }));
    expect((await listActiveRootCauses(handle.db)).some((c) => c.id === created.id)).toBe(false);
    const log = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'root_cause'), eq(auditLog.entityId, created.id)))
      .orderBy(auditLog.id);
    expect(log).toMatchObject([
      { action: 'root_cause.created', after: { name: `Policy ${tag}` } },
      {
        action: 'root_cause.renamed',
        before: { name: `Policy ${tag}`, sort: 0 },
        after: { name: `Refund policy ${tag}`, sort: 5 },
      },
      { action: 'root_cause.retired', actorUserId: admin.userId },
    ]);
  });

  it('two admins renaming two causes to one name at once: one wins, the other gets the field message', async () => {
    const a = must(await createRootCause(handle.db, admin, { name: `Race A ${tag}` }));
    const b = must(await createRootCause(handle.db, admin, { name: `Race B ${tag}` }));
    const results = await Promise.all(
      [a, b].map((c) => renameRootCause(handle.db, admin, { id: c.id, name: `Race winner ${tag}`, sort: 0 })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { name: [expect.any(String)] },
    });
  });
});
