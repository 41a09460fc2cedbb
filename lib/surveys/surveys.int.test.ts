import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { rowsOf, type DbHandle } from '@/db/client';
import { appSettings, notifications, outbox, surveys, ticketEvents, tickets, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { signLink } from '@/lib/auth/signed-link';
import { flagDetractor } from '@/lib/follow-up/detractor';
import { recordFollowUpOutcome } from '@/lib/follow-up/record-outcome';
import { requestFollowUpCall } from '@/lib/follow-up/request-call';
import {
  answerSurvey,
  answerSurveyByLink,
  SURVEY_LINK_EXPIRED,
  SURVEY_LINK_INVALID,
} from '@/lib/pipeline/answer-survey';
import { autoCloseResolved } from '@/lib/pipeline/auto-close';
import { bulkUpdate } from '@/lib/pipeline/bulk-update';
import { closeTicket } from '@/lib/pipeline/close-ticket';
import { confirmResolution } from '@/lib/pipeline/confirm-resolution';
import { identifyTicket } from '@/lib/pipeline/identify-ticket';
import { resolveTicket } from '@/lib/pipeline/resolve-ticket';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { takeTicket } from '@/lib/pipeline/take-ticket';
import { defaultSettings, type Settings } from '@/lib/settings/settings';
import { loadTicket, makeCustomer, makeStaff, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import { openSurveyLink } from './open-survey-link';
import { remindSurveys } from './remind-surveys';
import { sendSurveyJob, type SurveySendData } from './send-survey';

// The detractor hook is another area's; here only that every stored answer reaches it.
vi.mock('@/lib/follow-up/detractor', async (original) => {
  const actual = await original<typeof import('@/lib/follow-up/detractor')>();
  return { ...actual, flagDetractor: vi.fn(actual.flagDetractor) };
});

let handle: DbHandle;
let agent: Actor;
let customer: Actor;
let categoryId: string;
let saved: (typeof appSettings.$inferSelect)[];
const DAY = 86_400_000;

beforeAll(async () => {
  handle = testDb();
  saved = await handle.db.select().from(appSettings);
  const team = await makeTeamAndCategory(handle.db);
  categoryId = team.categoryId;
  agent = await makeStaff(handle.db, 'agent', team.teamId);
});
beforeEach(async () => {
  // A customer per test: the per-customer cap must not carry over between tests.
  customer = await makeCustomer(handle.db, 'Survey Customer');
  await rules({});
});
afterAll(async () => {
  await handle.db.delete(appSettings).where(eq(appSettings.key, 'survey'));
  const survey = saved.find((s) => s.key === 'survey');
  if (survey) await handle.db.insert(appSettings).values(survey);
  await handle.close();
});

/** The survey rules for this test, over the defaults (reminders off unless asked). */
async function rules(overrides: Partial<Settings['survey']>) {
  const value = { ...defaultSettings().survey, reminderDays: 0, ...overrides };
  await handle.db
    .insert(appSettings)
    .values({ key: 'survey', value })
    .onConflictDoUpdate({ target: appSettings.key, set: { value } });
}

async function resolvedRequest(subject = 'Survey request'): Promise<Ticket> {
  const t = must(await submitRequest(handle.db, customer, { subject, description: 'For the survey test.' }));
  const taken = must(await takeTicket(handle.db, agent, { number: t.number, version: t.version }));
  const identified = must(
    await identifyTicket(handle.db, agent, {
      number: t.number,
      version: taken.version,
      categoryId,
      severity: 3,
      impact: 'single',
    }),
  );
  return must(
    await resolveTicket(handle.db, agent, { number: t.number, version: identified.version, summary: 'Done.' }),
  );
}

const mailsOf = (ticketId: string) =>
  handle.db.select().from(outbox).where(eq(outbox.ticketId, ticketId)).orderBy(asc(outbox.createdAt));

/** The survey link's token from the newest mail of a kind on the request. */
async function linkIn(ticketId: string, kind: string): Promise<string> {
  const [mail] = await handle.db
    .select({ body: outbox.body })
    .from(outbox)
    .where(and(eq(outbox.ticketId, ticketId), eq(outbox.kind, kind)))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  const token = mail?.body.match(/\/survey\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no survey link in the ${kind} mail`);
  return token;
}

const surveyOf = async (ticketId: string) =>
  (await handle.db.select().from(surveys).where(eq(surveys.ticketId, ticketId)))[0];
const eventsOf = async (ticketId: string) =>
  handle.db
    .select({ type: ticketEvents.type, data: ticketEvents.data })
    .from(ticketEvents)
    .where(eq(ticketEvents.ticketId, ticketId))
    .orderBy(asc(ticketEvents.id));
const jobsFor = async (ticketId: string) =>
  rowsOf<{ data: SurveySendData; start_after: Date | string }>(
    await handle.db.execute(
      sql`select data, start_after from pgboss.job where name = 'surveys.send' and data->>'ticketId' = ${ticketId}`,
    ),
  );
const client = { ip: null };

describe('the survey link', () => {
  it('comes in the resolution mail, opens signed out, and is answered once; the DB holds no usable link', async () => {
    const ticket = await resolvedRequest();
    const token = await linkIn(ticket.id, 'resolution');
    const survey = await surveyOf(ticket.id);
    expect(survey?.sentAt).not.toBeNull();
    // What the database holds is the random value the link names, not the link: it needs the signature.
    expect(token).not.toContain(survey!.token);
    expect(await openSurveyLink(handle.db, survey!.token)).toEqual({ state: 'invalid' });

    expect(await openSurveyLink(handle.db, token)).toMatchObject({
      state: 'open',
      number: ticket.number,
      questions: { askCsat: true, askNps: true, askFixed: true, askComment: true },
    });
    const answered = must(
      await answerSurveyByLink(handle.db, { token, csat: '5', nps: '10', fixed: 'yes', comment: 'Great' }, client),
    );
    expect(answered).toMatchObject({ outcome: 'closed', number: ticket.number });
    expect(answered.survey).toMatchObject({ csat: 5, nps: 10, fixed: true, confirmed: true, comment: 'Great' });
    expect((await loadTicket(handle.db, ticket.id)).status).toBe('closed');

    const again = await answerSurveyByLink(handle.db, { token, csat: '1', nps: '0', fixed: 'no' }, client);
    expect(again).toMatchObject({ ok: false, code: 'conflict' });
    expect(await surveyOf(ticket.id)).toMatchObject({
      csat: 5,
      nps: 10,
      fixed: true,
      answeredAt: answered.survey.answeredAt,
    });
    expect((await loadTicket(handle.db, ticket.id)).status).toBe('closed');
    expect(await openSurveyLink(handle.db, token)).toEqual({ state: 'answered', number: ticket.number });
    // The timeline: one answer, the customer's confirmation.
    const types = (await eventsOf(ticket.id)).map((e) => e.type);
    expect(types.filter((t) => t === 'survey_answered')).toHaveLength(1);
    expect(types).toContain('confirmed');
  });

  it('refuses a tampered, malformed, expired or other-purpose link, and stores nothing', async () => {
    const ticket = await resolvedRequest();
    const token = await linkIn(ticket.id, 'resolution');
    const [payload, signature] = token.split('.') as [string, string];
    const flipped = `${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const survey = await surveyOf(ticket.id);
    const otherPurpose = signLink({ purpose: 'guest', subject: survey!.token, expiresAt: new Date(Date.now() + DAY) });
    for (const bad of [flipped, `${payload}x.${signature}`, 'not-a-link', otherPurpose, '']) {
      const result = await answerSurveyByLink(handle.db, { token: bad, csat: '1', nps: '0', fixed: 'no' }, client);
      expect(result, bad).toMatchObject({ ok: false });
      if (bad) expect(result).toMatchObject({ code: 'not_found', message: SURVEY_LINK_INVALID });
    }
    const later = new Date(Date.now() + 31 * DAY);
    expect(await answerSurveyByLink(handle.db, { token, csat: '1', nps: '0' }, client, later)).toMatchObject({
      ok: false,
      code: 'not_found',
      message: SURVEY_LINK_EXPIRED,
    });
    expect(await openSurveyLink(handle.db, token, later)).toEqual({ state: 'expired' });
    expect(await openSurveyLink(handle.db, flipped)).toEqual({ state: 'invalid' });
    expect((await surveyOf(ticket.id))?.answeredAt).toBeNull();
    expect((await loadTicket(handle.db, ticket.id)).status).toBe('resolved');
  });

  it('"not fixed" reopens the request, names the survey, tells the assignee, and is no confirmation', async () => {
    const ticket = await resolvedRequest();
    const token = await linkIn(ticket.id, 'resolution');
    const answered = must(
      await answerSurveyByLink(handle.db, { token, csat: '2', nps: '3', fixed: 'no', comment: 'Still broken' }, client),
    );
    expect(answered.outcome).toBe('reopened');
    expect(answered.survey).toMatchObject({ fixed: false, confirmed: false });
    const after = await loadTicket(handle.db, ticket.id);
    expect(after).toMatchObject({ status: 'open', stage: 'resolution', reopenCount: 1, resolvedAt: null });
    const reopened = (await eventsOf(ticket.id)).find((e) => e.type === 'reopened');
    expect(reopened?.data).toEqual({ via: 'survey', surveyId: answered.survey.id });
    const told = await handle.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.ticketId, ticket.id), eq(notifications.userId, agent.userId)));
    expect(told.map((n) => n.kind)).toEqual(['not_fixed']);
    expect(told[0]?.actorUserId).toBe(customer.userId);
    // The link now says it was answered, and the request is open for the agent again.
    expect(await openSurveyLink(handle.db, token)).toMatchObject({ state: 'answered' });
    expect(vi.mocked(flagDetractor)).toHaveBeenCalledWith(expect.anything(), {
      ticketId: ticket.id,
      surveyId: answered.survey.id,
      csat: 2,
      nps: 3,
      comment: 'Still broken',
    });
  });

  it('"not fixed" on a closed request opens a linked follow-up request', async () => {
    const ticket = await resolvedRequest();
    must(await confirmResolution(handle.db, customer, { number: ticket.number }));
    const answered = must(
      await answerSurvey(handle.db, customer, { number: ticket.number, csat: '3', nps: '7', fixed: 'no' }),
    );
    expect(answered.outcome).toBe('follow_up');
    expect(answered.followNumber).not.toBe(ticket.number);
    const [followUp] = await handle.db.select().from(tickets).where(eq(tickets.number, answered.followNumber));
    expect(followUp).toMatchObject({ followUpOfId: ticket.id, customerId: customer.customerId, status: 'new' });
    expect((await loadTicket(handle.db, ticket.id)).status).toBe('closed');
  });

  it('asks only the questions the settings ask; bad comments get a message beside the field', async () => {
    await rules({ askCsat: true, askNps: false, askFixed: false, askComment: true });
    const ticket = await resolvedRequest();
    const token = await linkIn(ticket.id, 'resolution');
    expect(await openSurveyLink(handle.db, token)).toMatchObject({
      questions: { askCsat: true, askNps: false, askFixed: false, askComment: true },
    });
    expect(await answerSurveyByLink(handle.db, { token, nps: '9', fixed: 'no' }, client)).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { csat: [expect.any(String)] },
    });
    for (const comment of ['nul \u0000 byte', 'x'.repeat(2001)]) {
      const result = await answerSurveyByLink(handle.db, { token, csat: '4', comment }, client);
      expect(result).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { comment: [expect.any(String)] } });
    }
    expect(await answerSurveyByLink(handle.db, { token, csat: '4', fixed: 'maybe' }, client)).toMatchObject({
      ok: false,
      fieldErrors: { fixed: ['Answer yes or no.'] },
    });
    expect((await surveyOf(ticket.id))?.answeredAt).toBeNull();
    // "Fixed?" is not asked: its answer is dropped and the answer confirms; NPS is not kept either.
    const answered = must(
      await answerSurveyByLink(handle.db, { token, csat: '4', nps: '9', fixed: 'no', comment: '<b>ok</b>' }, client),
    );
    expect(answered.outcome).toBe('closed');
    expect(answered.survey).toMatchObject({ csat: 4, nps: null, fixed: null, comment: '<b>ok</b>' });
  });

  it('survey answers are limited per network address', async () => {
    const ticket = await resolvedRequest();
    const token = await linkIn(ticket.id, 'resolution');
    const ip = `203.0.113.${Math.floor(Math.random() * 200)}-${ticket.number}`;
    for (let i = 0; i < 30; i++) await answerSurveyByLink(handle.db, { token: 'junk' }, { ip });
    expect(await answerSurveyByLink(handle.db, { token, csat: '5', nps: '9' }, { ip })).toMatchObject({
      ok: false,
      code: 'rate_limited',
    });
    expect((await surveyOf(ticket.id))?.answeredAt).toBeNull();
  });
});

describe('survey rules', () => {
  it('a delay queues a surveys.send job for then; the resolution mail says a survey will follow', async () => {
    await rules({ delayHours: 24 });
    const before = Date.now();
    const ticket = await resolvedRequest();
    expect(await surveyOf(ticket.id)).toBeUndefined();
    const [resolution] = await mailsOf(ticket.id).then((m) => m.filter((x) => x.kind === 'resolution'));
    expect(resolution?.body).toContain('We will also send you a short survey in 24 hours.');
    expect(resolution?.body).not.toContain('/survey/');
    const [job] = await jobsFor(ticket.id);
    expect(job?.data).toEqual({ ticketId: ticket.id, after: 'resolved', at: ticket.resolvedAt!.toISOString() });
    const startAfter = new Date(job!.start_after).getTime();
    expect(startAfter).toBeGreaterThanOrEqual(before + 24 * 3_600_000 - 1000);

    expect(await sendSurveyJob(handle.db, job!.data)).toMatchObject({ sent: true });
    const survey = await surveyOf(ticket.id);
    expect(survey?.sentAt).not.toBeNull();
    const link = await linkIn(ticket.id, 'survey');
    expect(await openSurveyLink(handle.db, link)).toMatchObject({ state: 'open' });
    // A retried job sends nothing twice.
    expect(await sendSurveyJob(handle.db, job!.data)).toEqual({ sent: false, reason: 'already_sent' });
    expect((await mailsOf(ticket.id)).filter((m) => m.kind === 'survey')).toHaveLength(1);
  });

  it('a job for a resolution since reopened sends nothing; turned off or rule changed, nothing either', async () => {
    await rules({ delayHours: 2 });
    const ticket = await resolvedRequest();
    const [job] = await jobsFor(ticket.id);
    await handle.db
      .update(tickets)
      .set({ status: 'open', stage: 'resolution', resolvedAt: null })
      .where(eq(tickets.id, ticket.id));
    expect(await sendSurveyJob(handle.db, job!.data)).toEqual({ sent: false, reason: 'not_resolved' });
    await rules({ delayHours: 2, sendAfter: 'closed' });
    expect(await sendSurveyJob(handle.db, job!.data)).toEqual({ sent: false, reason: 'rule_changed' });
    await rules({ enabled: false });
    expect(await sendSurveyJob(handle.db, job!.data)).toEqual({ sent: false, reason: 'survey_off' });
    expect(await surveyOf(ticket.id)).toBeUndefined();
  });

  it('"after closure": nothing at resolution, a job when the request closes', async () => {
    await rules({ sendAfter: 'closed' });
    const ticket = await resolvedRequest();
    expect(await surveyOf(ticket.id)).toBeUndefined();
    expect(await jobsFor(ticket.id)).toEqual([]);
    const resolution = (await mailsOf(ticket.id)).find((m) => m.kind === 'resolution');
    expect(resolution?.body).not.toMatch(/\/survey\/|short survey/);
    must(await confirmResolution(handle.db, customer, { number: ticket.number }));
    const [job] = await jobsFor(ticket.id);
    expect(job?.data).toMatchObject({ ticketId: ticket.id, after: 'closed' });
    expect(await sendSurveyJob(handle.db, job!.data)).toMatchObject({ sent: true });
    const answered = must(
      await answerSurveyByLink(
        handle.db,
        { token: await linkIn(ticket.id, 'survey'), csat: '5', nps: '9', fixed: 'yes' },
        client,
      ),
    );
    expect(answered.outcome).toBe('recorded');
  });

  it('"after closure": every way of closing queues the survey (agent, bulk, the follow-up window, a follow-up call)', async () => {
    await rules({ sendAfter: 'closed', delayHours: 6 });
    const byAgent = await resolvedRequest('Closed by the agent');
    must(await closeTicket(handle.db, agent, { number: byAgent.number, version: byAgent.version }));
    const inBulk = await resolvedRequest('Closed in bulk');
    must(await bulkUpdate(handle.db, agent, { numbers: [inBulk.number], change: { kind: 'close' } }));
    const byWindow = await resolvedRequest('Closed by the window');
    await handle.db
      .update(tickets)
      .set({ resolvedAt: new Date(Date.now() - 400 * DAY) })
      .where(eq(tickets.id, byWindow.id));
    await autoCloseResolved(handle.db, { days: 399 });
    expect((await loadTicket(handle.db, byWindow.id)).status).toBe('closed');
    const byCall = await resolvedRequest('Confirmed on a follow-up call');
    const call = must(await requestFollowUpCall(handle.db, agent, { number: byCall.number }));
    must(await recordFollowUpOutcome(handle.db, agent, { id: call.id, outcome: 'confirmed_fixed' }));
    expect((await loadTicket(handle.db, byCall.id)).status).toBe('closed');
    for (const t of [byAgent, inBulk, byWindow, byCall]) {
      const jobs = await jobsFor(t.id);
      expect(jobs, t.subject).toHaveLength(1);
      expect(jobs[0]?.data).toMatchObject({ ticketId: t.id, after: 'closed' });
      expect(new Date(jobs[0]!.start_after).getTime()).toBeGreaterThan(Date.now() + 5 * 3_600_000);
    }
  });

  it('two answers at once: one is stored, the other is a conflict', async () => {
    const ticket = await resolvedRequest();
    const token = await linkIn(ticket.id, 'resolution');
    const results = await Promise.all([
      answerSurveyByLink(handle.db, { token, csat: '5', nps: '10', fixed: 'yes' }, client),
      answerSurveyByLink(handle.db, { token, csat: '1', nps: '0', fixed: 'no' }, client),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: 'conflict' });
    const kept = results.find((r) => r.ok);
    const stored = await surveyOf(ticket.id);
    expect(stored?.csat).toBe(kept?.ok ? kept.data.survey.csat : -1);
    expect((await eventsOf(ticket.id)).filter((e) => e.type === 'survey_answered')).toHaveLength(1);
  });

  it('at most one survey per customer per N days: the next is skipped and the request says why', async () => {
    await rules({ perCustomerDays: 30 });
    const first = await resolvedRequest('First');
    expect(await surveyOf(first.id)).toBeDefined();
    const second = await resolvedRequest('Second');
    expect(await surveyOf(second.id)).toBeUndefined();
    const skipped = (await eventsOf(second.id)).filter((e) => e.type === 'survey_skipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.data).toMatchObject({ reason: 'recently_surveyed', days: 30 });
    expect((await eventsOf(second.id)).map((e) => e.type)).not.toContain('survey_sent');
    const resolution = (await mailsOf(second.id)).find((m) => m.kind === 'resolution');
    expect(resolution?.body).not.toContain('/survey/');

    // Delayed: the job checks the cap again when it runs.
    await rules({ perCustomerDays: 30, delayHours: 1 });
    const third = await resolvedRequest('Third');
    const [job] = await jobsFor(third.id);
    expect(await sendSurveyJob(handle.db, job!.data)).toEqual({ sent: false, reason: 'recently_surveyed' });
    // Once the window has passed, the survey goes out.
    await handle.db
      .update(surveys)
      .set({ sentAt: new Date(Date.now() - 31 * DAY) })
      .where(eq(surveys.ticketId, first.id));
    const fourth = await resolvedRequest('Fourth');
    const [later] = await jobsFor(fourth.id);
    expect(await sendSurveyJob(handle.db, later!.data)).toMatchObject({ sent: true });
  });

  it('sends one reminder after N days while unanswered, with a working link', async () => {
    await rules({ reminderDays: 3 });
    const ticket = await resolvedRequest();
    const now = new Date();
    await remindSurveys(handle.db, { now });
    expect((await surveyOf(ticket.id))?.reminderSentAt).toBeNull();
    await handle.db
      .update(surveys)
      .set({ sentAt: new Date(now.getTime() - 3.5 * DAY) })
      .where(eq(surveys.ticketId, ticket.id));
    await remindSurveys(handle.db, { now });
    await remindSurveys(handle.db, { now: new Date(now.getTime() + 3_600_000) });
    expect((await surveyOf(ticket.id))?.reminderSentAt?.getTime()).toBe(now.getTime());
    const reminders = (await mailsOf(ticket.id)).filter((m) => m.kind === 'survey_reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.subject).toContain('Reminder');
    expect((await eventsOf(ticket.id)).filter((e) => e.type === 'survey_reminded')).toHaveLength(1);
    const link = await linkIn(ticket.id, 'survey_reminder');
    must(await answerSurveyByLink(handle.db, { token: link, csat: '4', nps: '8', fixed: 'yes' }, client));

    // A request locked by an answer in progress is skipped, not waited for (no deadlock), and reminded next run.
    const busy = await resolvedRequest('Being answered');
    await handle.db
      .update(surveys)
      .set({ sentAt: new Date(now.getTime() - 3.5 * DAY) })
      .where(eq(surveys.ticketId, busy.id));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let taken!: () => void;
    const lockTaken = new Promise<void>((resolve) => (taken = resolve));
    const holder = handle.db.transaction(async (tx) => {
      await tx.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, busy.id)).for('update');
      taken();
      await held;
    });
    await lockTaken;
    const during = await Promise.race([
      remindSurveys(handle.db, { now }),
      new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 5000)),
    ]);
    release();
    await holder;
    expect(during).not.toBe('blocked');
    expect((await surveyOf(busy.id))?.reminderSentAt).toBeNull();
    await remindSurveys(handle.db, { now });
    expect((await surveyOf(busy.id))?.reminderSentAt?.getTime()).toBe(now.getTime());

    // Answered, or with reminders off, no reminder.
    const other = await resolvedRequest();
    await handle.db
      .update(surveys)
      .set({ sentAt: new Date(now.getTime() - 3.5 * DAY) })
      .where(eq(surveys.ticketId, other.id));
    await rules({ reminderDays: 0 });
    expect(await remindSurveys(handle.db, { now })).toBe(0);
    expect((await surveyOf(other.id))?.reminderSentAt).toBeNull();
  });
});
