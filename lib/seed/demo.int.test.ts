import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/password';
import { parseCern } from '@/lib/cern/format';
import { PIPELINE_ACTIONS, transition, type TicketState } from '@/lib/tickets/transitions';
import { priorityFor, type Severity } from '@/lib/priority/priority';
import { slaPatchChanges, slaRecompute } from '@/lib/sla/targets';
import { loadSlaContext, targetsFor } from '@/lib/sla/policies';
import { openDb, rowsOf, type Db, type DbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import * as s from '@/db/schema';
import { DEMO_PASSWORD, seedDemo, type SeedSummary } from './demo';

// Twelve weeks before this straddle a new year, so CERNs are numbered in two years.
const NOW = new Date('2025-02-10T10:00:00Z');
const LONG = 120_000;

const VALID: Record<s.Stage, s.Status[]> = {
  inquiry: ['new'],
  identification: ['open', 'pending', 'on_hold'],
  resolution: ['open', 'pending', 'on_hold'],
  follow_up: ['resolved', 'closed'],
};

/** Every state the pipeline rules can reach from a new inquiry. */
function reachableStates(): Set<string> {
  const actions = PIPELINE_ACTIONS;
  const seen = new Set<string>(['inquiry/new']);
  const queue: TicketState[] = [{ stage: 'inquiry', status: 'new' }];
  for (let state = queue.shift(); state; state = queue.shift()) {
    for (const action of actions) {
      const result = transition(state, action);
      const key = result.ok ? `${result.next.stage}/${result.next.status}` : null;
      if (result.ok && key && !seen.has(key)) {
        seen.add(key);
        queue.push(result.next);
      }
    }
  }
  return seen;
}

describe('seedDemo on PGlite', () => {
  let handle: DbHandle;
  let summary: SeedSummary;

  beforeAll(async () => {
    handle = openDb({ dataDir: 'memory://' });
    await runMigrations(handle);
    summary = await seedDemo(handle.db, { now: NOW });
  }, LONG);
  afterAll(async () => handle?.close());

  it('fills every table with demo-sized volumes', async () => {
    const { db } = handle;
    expect(summary.tickets).toBeGreaterThanOrEqual(800);
    // 60 seeded, the sender of the demo e-mail (lib/seed/inbound.ts) and one imported (lib/seed/import.ts).
    expect(summary.customers).toBe(62);
    expect(summary.teams).toBeGreaterThanOrEqual(3);
    expect(summary.categories).toBeGreaterThanOrEqual(6);
    expect((await db.select().from(s.tickets)).length).toBe(summary.tickets);
    expect((await db.select().from(s.customers)).length).toBe(summary.customers);
    expect((await db.select().from(s.messages)).length).toBe(summary.messages);
    expect((await db.select().from(s.ticketEvents)).length).toBe(summary.events);
    expect(summary.exceptions / summary.tickets).toBeGreaterThan(0.08);
    expect(summary.exceptions / summary.tickets).toBeLessThan(0.18);
    const [next] = rowsOf<{ n: string }>(await db.execute(sql`select nextval('ticket_number_seq') as n`));
    expect(Number(next?.n)).toBe(1001 + summary.tickets);
  });

  it('keeps every ticket consistent with the pipeline, the priority matrix and the SLA targets', async () => {
    const { db } = handle;
    const tickets = await db.select().from(s.tickets);
    const members = await db.select().from(s.teamMembers);
    const sla = await loadSlaContext(db, { customerIds: tickets.flatMap((t) => (t.customerId ? [t.customerId] : [])) });
    expect(sla.policies.length).toBeGreaterThanOrEqual(6);
    const reachable = reachableStates();
    const statuses = new Set<string>();
    const stages = new Set<string>();
    let pausedMs = 0;
    // Cancelled by the customer (lib/seed/guest.ts): closed without a resolution.
    const cancelled = new Set(
      (await db.select().from(s.ticketEvents)).filter((e) => e.type === 'cancelled').map((e) => e.ticketId),
    );
    expect(cancelled.size).toBeGreaterThan(0);
    // Imported from another helpdesk (lib/seed/import.ts): their history is the old helpdesk's,
    // not Cairn's pipeline — no identification, no SLA targets, no survey.
    const imported = await importedTicketIds(db);
    expect(imported.size).toBeGreaterThan(0);
    for (const t of tickets) {
      if (imported.has(t.id)) continue;
      const where = `#${t.number} ${t.stage}/${t.status}`;
      expect(VALID[t.stage], where).toContain(t.status);
      expect(reachable.has(`${t.stage}/${t.status}`), where).toBe(true);
      statuses.add(t.status);
      stages.add(t.stage);
      expect(t.acknowledgedAt?.getTime(), where).toBe(t.createdAt.getTime());
      expect(t.createdAt.getTime(), where).toBeLessThanOrEqual(NOW.getTime());
      if (t.stage === 'resolution' || (t.stage === 'follow_up' && !cancelled.has(t.id))) {
        expect(t.categoryId && t.teamId && t.severity && t.impact, where).toBeTruthy();
        const matrix = priorityFor(t.severity as Severity, t.impact as s.Impact);
        if (t.priorityOverrideReason) expect(t.priority, where).not.toBe(matrix);
        else expect(t.priority, where).toBe(matrix);
      }
      // Taking a request before identification assigns it with no team yet (takeTicket).
      if (t.assigneeId && t.teamId)
        expect(
          members.some((m) => m.userId === t.assigneeId && m.teamId === t.teamId),
          where,
        ).toBe(true);
      // The save path's SLA rules under the demo's policies (lib/seed/sla.ts): open targets are
      // what the policy of the request's priority, category and organization gives from creation,
      // pending periods excluded in business hours — recomputing changes nothing.
      const scope = {
        priority: t.priority,
        categoryId: t.categoryId,
        organizationId: sla.organizationOf(t.customerId),
      };
      const targets = targetsFor(sla, scope);
      if (t.status !== 'resolved' && t.status !== 'closed') {
        expect(t.slaPolicyId, where).toBe(targets.policyId);
        expect(t.slaPolicyId, where).not.toBeNull();
        const patch = slaRecompute(t, targets, NOW);
        expect(slaPatchChanges(t, patch), `${where} ${JSON.stringify(patch)}`).toBe(false);
      }
      if (t.firstResponseAt) expect(t.firstResponseBusinessMs, where).not.toBeNull();
      if (t.resolvedAt) expect(t.resolutionBusinessMs, where).not.toBeNull();
      expect(t.slaPausedAt !== null, where).toBe(t.status === 'pending');
      if (t.slaPausedAt) expect(t.slaPausedAt.getTime(), where).toBeLessThanOrEqual(NOW.getTime());
      pausedMs += t.slaPausedMs;
      const done = (t.status === 'resolved' || t.status === 'closed') && !cancelled.has(t.id);
      expect(Boolean(t.resolvedAt && t.resolutionSummary), where).toBe(done);
      expect(Boolean(t.closedAt), where).toBe(t.status === 'closed');
      if (t.cern)
        expect((t.exceptionDetails ?? '').length >= 30 && t.incidentAt && t.exceptionRaisedAt, where).toBeTruthy();
    }
    expect([...statuses].sort()).toEqual(['closed', 'new', 'on_hold', 'open', 'pending', 'resolved']);
    // Waiting on the customer happens in the demo: the time counts as paused, not as late.
    expect(pausedMs).toBeGreaterThan(100 * 3_600_000);
    expect([...stages].sort()).toEqual(['follow_up', 'identification', 'inquiry', 'resolution']);
  });

  it('counts public agent replies and stamps the first response from the messages', async () => {
    const { db } = handle;
    const tickets = await db.select().from(s.tickets);
    const replies = await db
      .select()
      .from(s.messages)
      .where(eq(s.messages.authorKind, 'agent'))
      .orderBy(asc(s.messages.createdAt));
    for (const t of tickets) {
      const own = replies.filter((m) => m.ticketId === t.id && m.visibility === 'public');
      expect(t.publicReplyCount, `#${t.number}`).toBe(own.length);
      expect(t.firstResponseAt?.getTime() ?? null, `#${t.number}`).toBe(own[0]?.createdAt.getTime() ?? null);
    }
  });

  it('numbers CERNs gap-free per year in order of raising, and the counters continue from there', async () => {
    const { db } = handle;
    const exceptions = (await db.select().from(s.tickets))
      .filter((t) => t.cern)
      .sort((a, b) => (a.exceptionRaisedAt as Date).getTime() - (b.exceptionRaisedAt as Date).getTime());
    const byYear = new Map<number, number[]>();
    for (const t of exceptions) {
      const cern = parseCern(t.cern ?? '');
      expect(cern?.year).toBe(t.exceptionRaisedAt?.getUTCFullYear());
      byYear.set(cern?.year ?? 0, [...(byYear.get(cern?.year ?? 0) ?? []), cern?.sequence ?? 0]);
    }
    expect(byYear.size).toBe(2);
    const counters = await db.select().from(s.cernCounters);
    // Problems (lib/seed/problems.ts) take theirs from the same counter, after the exceptions.
    const problemCerns = (await db.select().from(s.problems)).map((p) => parseCern(p.cern)!);
    for (const [year, sequences] of byYear) {
      expect(sequences).toEqual(sequences.map((_, i) => i + 1));
      const more = problemCerns
        .filter((c) => c.year === year)
        .map((c) => c.sequence)
        .sort((a, b) => a - b);
      expect(more).toEqual(more.map((_, i) => sequences.length + i + 1));
      expect(counters.find((c) => c.year === year)?.lastValue).toBe(sequences.length + more.length);
    }
  });

  it('sends one survey per resolved ticket or says why not; answered ones closed the ticket, or reopened it "not fixed"', async () => {
    const { db } = handle;
    const rows = await db.select().from(s.tickets).leftJoin(s.surveys, eq(s.surveys.ticketId, s.tickets.id));
    const skipped = new Set(
      (await db.select().from(s.ticketEvents).where(eq(s.ticketEvents.type, 'survey_skipped'))).map((e) => e.ticketId),
    );
    let answered = 0;
    let notFixed = 0;
    const cancelled = new Set(
      (await db.select().from(s.ticketEvents)).filter((e) => e.type === 'cancelled').map((e) => e.ticketId),
    );
    const imported = await importedTicketIds(db);
    for (const { tickets: t, surveys: survey } of rows) {
      if (imported.has(t.id)) continue;
      // A reopened request keeps the survey it was sent; resolving it again sends it afresh. A
      // cancelled one was never resolved, so it has none.
      if (cancelled.has(t.id)) expect(survey, `#${t.number}`).toBeNull();
      else if (t.status === 'resolved' || t.status === 'closed')
        expect(survey ?? skipped.has(t.id), `#${t.number}`).toBeTruthy();
      else if (survey) expect(t.reopenCount, `#${t.number}`).toBeGreaterThan(0);
      if (survey?.answeredAt) {
        answered += 1;
        if (survey.fixed === false) {
          notFixed += 1;
          expect(t.reopenCount).toBeGreaterThan(0);
          expect(survey.confirmed).toBe(false);
        } else {
          expect(t.status).toBe('closed');
          expect(survey.confirmed).toBe(true);
          expect(survey.fixed).toBe(true);
          expect(survey.answeredAt.getTime()).toBeGreaterThan((t.resolvedAt as Date).getTime());
        }
        expect(survey.csat).toBeGreaterThanOrEqual(1);
      }
      if (survey?.reminderSentAt)
        expect(survey.reminderSentAt.getTime() - (survey.sentAt as Date).getTime()).toBe(3 * 86_400_000);
    }
    expect(notFixed).toBe(3);
    expect(skipped.size).toBe(6);
    expect(rows.filter((r) => r.surveys?.reminderSentAt && !r.surveys.answeredAt).length).toBeGreaterThan(0);
    expect(answered - notFixed).toBe(summary.surveysAnswered);
    expect(answered / rows.filter((r) => r.surveys).length).toBeGreaterThan(0.5);
  });

  it('creates the demo sign-ins, and gives Casey Customer a ticket in each state to try', async () => {
    const { db } = handle;
    const users = await db.select().from(s.users);
    const roles = Object.fromEntries(users.map((u) => [u.email, u.role]));
    expect(roles).toMatchObject({
      'admin@demo.test': 'admin',
      'lead@demo.test': 'lead',
      'agent@demo.test': 'agent',
      'agent2@demo.test': 'agent',
      'customer@demo.test': 'customer',
    });
    const casey = users.find((u) => u.email === 'customer@demo.test');
    expect(await verifyPassword(DEMO_PASSWORD, casey?.passwordHash ?? '')).toBe(true);
    const [customer] = await db.select().from(s.customers).where(eq(s.customers.email, 'customer@demo.test'));
    expect(customer?.id).toBe(casey?.customerId);

    const mine = await db
      .select()
      .from(s.tickets)
      .leftJoin(s.surveys, eq(s.surveys.ticketId, s.tickets.id))
      .where(eq(s.tickets.customerId, customer?.id ?? ''));
    const statuses = mine.map((r) => r.tickets.status);
    expect(statuses).toEqual(expect.arrayContaining(['new', 'open', 'pending', 'resolved', 'closed']));
    expect(mine.some((r) => r.tickets.status === 'open' && r.tickets.publicReplyCount > 0)).toBe(true);
    expect(mine.some((r) => r.tickets.status === 'resolved' && r.surveys && !r.surveys.answeredAt)).toBe(true);
  });

  it(
    'gives the same data for the same `now`',
    async () => {
      const snapshot = async () =>
        (
          await handle.db
            .select({
              number: s.tickets.number,
              subject: s.tickets.subject,
              cern: s.tickets.cern,
              status: s.tickets.status,
            })
            .from(s.tickets)
            .orderBy(asc(s.tickets.number))
        ).map((t) => `${t.number} ${t.subject} ${t.cern ?? ''} ${t.status}`);
      const before = await snapshot();
      const again = await seedDemo(handle.db, { now: NOW });
      expect(again).toEqual(summary);
      expect(await snapshot()).toEqual(before);
    },
    LONG,
  );
});

/** The demo's tickets imported from the old helpdesk (an `imported` event each). */
async function importedTicketIds(db: Db): Promise<Set<string>> {
  const rows = await db.select().from(s.ticketEvents).where(eq(s.ticketEvents.type, 'imported'));
  return new Set(rows.map((e) => e.ticketId));
}
