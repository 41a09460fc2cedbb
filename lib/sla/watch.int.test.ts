import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { messages, notifications, slaPolicies, teams, ticketEvents, tickets, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { setEscalationPath } from '@/lib/escalation/paths';
import { escalateTicket } from '@/lib/pipeline/escalate-ticket';
import { loadTicket, makeCustomer, makeStaff, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import { watchSla } from './watch';

let handle: DbHandle;
let agent: Actor;
let admin: Actor;
let lead1: Actor;
let lead2: Actor;
let customer: Actor;
let tier1: string;
let tier2: string;
let specialist: string;
let quietPolicy: string;
let escalatingPolicy: string;
const MIN = 60_000;

beforeAll(async () => {
  handle = testDb();
  const db = handle.db;
  const a = await makeTeamAndCategory(db);
  const b = await makeTeamAndCategory(db);
  const c = await makeTeamAndCategory(db);
  [tier1, tier2, specialist] = [a.teamId, b.teamId, c.teamId];
  agent = await makeStaff(db, 'agent', tier1);
  admin = await makeStaff(db, 'admin');
  lead1 = await makeStaff(db, 'lead', tier1);
  lead2 = await makeStaff(db, 'lead', tier2);
  await db.update(teams).set({ leadId: lead1.userId }).where(eq(teams.id, tier1));
  await db.update(teams).set({ leadId: lead2.userId }).where(eq(teams.id, tier2));
  must(await setEscalationPath(db, admin, { teamId: specialist, tier: 3, escalatesToId: '' }));
  must(await setEscalationPath(db, admin, { teamId: tier2, tier: 2, escalatesToId: specialist }));
  must(await setEscalationPath(db, admin, { teamId: tier1, tier: 1, escalatesToId: tier2 }));
  customer = await makeCustomer(db, 'Watch Customer');
  // Policies of their own scope (a category only these tests use), so no other test's policy clashes.
  const [quiet] = await db
    .insert(slaPolicies)
    .values({
      name: 'Watch quiet',
      priority: 3,
      categoryId: a.categoryId,
      firstResponseMinutes: 60,
      resolutionMinutes: 480,
    })
    .returning();
  const [loud] = await db
    .insert(slaPolicies)
    .values({
      name: 'Watch escalating',
      priority: 3,
      categoryId: b.categoryId,
      firstResponseMinutes: 60,
      resolutionMinutes: 480,
      warnAtPercent: 80,
      escalateOnBreach: true,
    })
    .returning();
  quietPolicy = quiet!.id;
  escalatingPolicy = loud!.id;
  // Requests other test files left overdue are swept once here, so each test below sees only its own.
  await watchSla(db);
}, 120_000);
afterAll(() => handle.close());

/** A request of tier 1 assigned to the agent, in resolution, with the SLA moments given (relative to now, in minutes). */
async function request(
  moments: { frWarn?: number; frDue?: number; resWarn?: number; resDue?: number },
  more: Partial<Ticket> = {},
): Promise<Ticket> {
  const now = Date.now();
  const at = (m: number | undefined) => (m === undefined ? null : new Date(now + m * MIN));
  const [t] = await handle.db
    .insert(tickets)
    .values({
      subject: 'Watch me',
      description: 'A request the SLA watch looks at.',
      channel: 'web',
      stage: 'resolution',
      status: 'open',
      customerId: customer.customerId!,
      teamId: tier1,
      assigneeId: agent.userId,
      slaPolicyId: quietPolicy,
      firstResponseWarnAt: at(moments.frWarn),
      firstResponseDueAt: at(moments.frDue ?? 120),
      resolutionWarnAt: at(moments.resWarn),
      resolutionDueAt: at(moments.resDue ?? 600),
      ...more,
    })
    .returning();
  return t!;
}

const eventsOf = (ticketId: string) =>
  handle.db
    .select()
    .from(ticketEvents)
    .where(
      and(
        eq(ticketEvents.ticketId, ticketId),
        inArray(ticketEvents.type, ['sla_warning', 'sla_breached', 'escalated']),
      ),
    )
    .orderBy(ticketEvents.createdAt, ticketEvents.id);

const notesOf = (ticketId: string) =>
  handle.db
    .select({ userId: notifications.userId, kind: notifications.kind, summary: notifications.summary })
    .from(notifications)
    .where(eq(notifications.ticketId, ticketId));

describe('the SLA watch job', () => {
  it('warns once when the warning moment has passed, and tells the assignee and the team lead', async () => {
    const t = await request({ frWarn: -1, frDue: 10 });
    await watchSla(handle.db);
    await watchSla(handle.db);
    const events = await eventsOf(t.id);
    expect(events.map((e) => [e.type, e.toValue])).toEqual([['sla_warning', 'first_response']]);
    expect(events[0]!.data).toMatchObject({ target: 'first_response', policy: 'Watch quiet' });
    const stored = await loadTicket(handle.db, t.id);
    expect(stored.firstResponseWarnedAt).toBeInstanceOf(Date);
    expect(stored.firstResponseBreachedAt).toBeNull();
    expect(stored.version).toBe(t.version); // bookkeeping: an open form does not go stale
    const notes = await notesOf(t.id);
    expect(notes.map((n) => n.userId).sort()).toEqual([agent.userId, lead1.userId].sort());
    expect(notes.every((n) => n.kind === 'sla_warning')).toBe(true);
    expect(notes[0]!.summary).toBe('First response target at risk'); // no time: the reader's zone is unknown
  });

  it('records a breach once (no warning after the due time) and stamps it', async () => {
    const t = await request({ frWarn: -30, frDue: -5 });
    await watchSla(handle.db);
    await watchSla(handle.db);
    const events = await eventsOf(t.id);
    expect(events.map((e) => [e.type, e.toValue])).toEqual([['sla_breached', 'first_response']]);
    expect(events[0]!.data).toMatchObject({ target: 'first_response', dueAt: t.firstResponseDueAt!.toISOString() });
    expect(events[0]!.actorUserId).toBeNull();
    const stored = await loadTicket(handle.db, t.id);
    expect(stored.firstResponseBreachedAt).toBeInstanceOf(Date);
    expect(stored.teamId).toBe(tier1); // the quiet policy does not escalate
    expect((await notesOf(t.id)).map((n) => n.kind)).toEqual(['sla_breached', 'sla_breached']);
  });

  it('warns, then breaches later, each once; both targets are watched', async () => {
    const t = await request({ frWarn: -1, frDue: 30, resWarn: -1, resDue: 60 });
    await watchSla(handle.db);
    expect((await eventsOf(t.id)).map((e) => `${e.type}:${e.toValue}`)).toEqual([
      'sla_warning:first_response',
      'sla_warning:resolution',
    ]);
    await watchSla(handle.db, { now: new Date(Date.now() + 45 * MIN) });
    await watchSla(handle.db, { now: new Date(Date.now() + 90 * MIN) });
    await watchSla(handle.db, { now: new Date(Date.now() + 90 * MIN) });
    expect((await eventsOf(t.id)).map((e) => `${e.type}:${e.toValue}`)).toEqual([
      'sla_warning:first_response',
      'sla_warning:resolution',
      'sla_breached:first_response',
      'sla_breached:resolution',
    ]);
  });

  it('skips a pending request (the clock is paused) and catches it once it runs again', async () => {
    const t = await request({ frWarn: -30, frDue: -5 }, { status: 'pending', slaPausedAt: new Date() });
    await watchSla(handle.db);
    expect(await eventsOf(t.id)).toEqual([]);
    await handle.db.update(tickets).set({ status: 'open', slaPausedAt: null }).where(eq(tickets.id, t.id));
    await watchSla(handle.db);
    expect((await eventsOf(t.id)).map((e) => e.type)).toEqual(['sla_breached']);
  });

  it('skips targets already met, and resolved or closed requests', async () => {
    const answered = await request({ frWarn: -30, frDue: -5 }, { firstResponseAt: new Date() });
    const resolved = await request(
      { frDue: -50, resDue: -5 },
      { status: 'resolved', stage: 'follow_up', firstResponseAt: new Date(), resolvedAt: new Date() },
    );
    const closed = await request({ frDue: -50, resDue: -5 }, { status: 'closed', stage: 'follow_up' });
    await watchSla(handle.db);
    for (const t of [answered, resolved, closed]) expect(await eventsOf(t.id)).toEqual([]);
  });

  it('escalates on breach to the next tier when the policy says so, with the reason kept', async () => {
    const t = await request({ frDue: -5 }, { slaPolicyId: escalatingPolicy });
    await watchSla(handle.db);
    await watchSla(handle.db);
    const stored = await loadTicket(handle.db, t.id);
    expect(stored.teamId).toBe(tier2);
    expect(stored.assigneeId).toBeNull();
    const events = await eventsOf(t.id);
    expect(events.map((e) => e.type)).toEqual(['sla_breached', 'escalated']);
    const [team2] = await handle.db.select().from(teams).where(eq(teams.id, tier2));
    expect(events[0]!.data).toMatchObject({ escalation: 'escalated', team: team2!.name, policy: 'Watch escalating' });
    expect(events[1]).toMatchObject({ fromValue: tier1, toValue: tier2, actorUserId: null });
    expect(String(events[1]!.data!.reason)).toBe('SLA breached: First response target breached');
    const [note] = await handle.db
      .select()
      .from(messages)
      .where(and(eq(messages.ticketId, t.id), eq(messages.visibility, 'internal')));
    expect(note).toMatchObject({ authorKind: 'system', authorUserId: null });
    expect(note!.body).toContain(`Escalated to ${team2!.name}: SLA breached:`);
    // The assignee who held it, the lead of tier 1 and the lead of tier 2, once each.
    const notes = await notesOf(t.id);
    expect(notes.map((n) => n.userId).sort()).toEqual([agent.userId, lead1.userId, lead2.userId].sort());
    expect(notes[0]!.summary).toContain(`escalated to ${team2!.name}`);
  });

  it('an escalation the database refuses leaves the breach recorded and the batch going', async () => {
    const broken = await request({ frDue: -5 }, { slaPolicyId: escalatingPolicy, subject: 'Watch me, unescalatable' });
    const fine = await request({ frDue: -5 });
    // The escalation's internal note for this one request fails in the database (not a refusal).
    await handle.db.execute(
      sql.raw(`create or replace function refuse_escalation_note() returns trigger language plpgsql as $$
        begin
          if new.ticket_id = '${broken.id}' and new.body like 'Escalated to %' then
            raise exception 'the note cannot be stored';
          end if;
          return new;
        end $$`),
    );
    await handle.db.execute(
      sql.raw(`create trigger refuse_escalation_note before insert on messages
        for each row execute function refuse_escalation_note()`),
    );
    try {
      await watchSla(handle.db);
    } finally {
      await handle.db.execute(sql.raw('drop trigger refuse_escalation_note on messages'));
      await handle.db.execute(sql.raw('drop function refuse_escalation_note()'));
    }
    expect((await eventsOf(broken.id)).map((e) => e.type)).toEqual(['sla_breached']);
    expect((await loadTicket(handle.db, broken.id)).teamId).toBe(tier1);
    expect((await loadTicket(handle.db, broken.id)).firstResponseBreachedAt).not.toBeNull();
    expect((await eventsOf(fine.id)).map((e) => e.type)).toEqual(['sla_breached']);
    // The next run has nothing left to do for it: no run fails on this row for ever.
    await expect(watchSla(handle.db)).resolves.toBeDefined();
  });

  it('records the breach without escalating when the team is the last tier', async () => {
    const t = await request({ frDue: -5 }, { slaPolicyId: escalatingPolicy, teamId: specialist, assigneeId: null });
    await watchSla(handle.db);
    const stored = await loadTicket(handle.db, t.id);
    expect(stored.teamId).toBe(specialist);
    const events = await eventsOf(t.id);
    expect(events.map((e) => e.type)).toEqual(['sla_breached']);
    expect(events[0]!.data).toMatchObject({ escalation: 'no_next_tier', team: null });
  });

  it('works through many overdue requests in small batches', async () => {
    const many = await Promise.all(Array.from({ length: 12 }, () => request({ frDue: -5 })));
    const result = await watchSla(handle.db, { batch: 5 });
    expect(result.breaches).toBeGreaterThanOrEqual(12);
    for (const t of many) expect((await eventsOf(t.id)).map((e) => e.type)).toEqual(['sla_breached']);
  });

  it('two runs at once record each breach and escalation once', async () => {
    const many = await Promise.all(
      Array.from({ length: 20 }, (_, i) => request({ frDue: -5 }, i % 2 ? { slaPolicyId: escalatingPolicy } : {})),
    );
    await Promise.all([watchSla(handle.db, { batch: 3 }), watchSla(handle.db, { batch: 3 }), watchSla(handle.db)]);
    for (const [i, t] of many.entries()) {
      const types = (await eventsOf(t.id)).map((e) => e.type);
      expect(types).toEqual(i % 2 ? ['sla_breached', 'escalated'] : ['sla_breached']);
    }
  });

  it('skips a request an agent holds locked right now, and gets it next run', async () => {
    const t = await request({ frDue: -5 });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = handle.db.transaction(async (tx) => {
      await tx.select().from(tickets).where(eq(tickets.id, t.id)).for('update');
      locked();
      await held;
    });
    await isLocked;
    await watchSla(handle.db);
    expect(await eventsOf(t.id)).toEqual([]);
    release();
    await holder;
    await watchSla(handle.db);
    expect((await eventsOf(t.id)).map((e) => e.type)).toEqual(['sla_breached']);
  });
});

describe('escalation paths', () => {
  it('manual escalation keeps the reason and goes to the chosen team', async () => {
    const t = await request({});
    const done = must(
      await escalateTicket(handle.db, agent, {
        number: t.number,
        version: t.version,
        teamId: tier2,
        reason: 'Needs a database specialist',
      }),
    );
    expect(done).toMatchObject({ teamId: tier2, assigneeId: null });
    const [event] = await eventsOf(t.id);
    expect(event).toMatchObject({ type: 'escalated', actorUserId: agent.userId });
    expect(event!.data).toMatchObject({ reason: 'Needs a database specialist' });
  });

  it('manual escalation requires a reason', async () => {
    const t = await request({});
    const result = await escalateTicket(handle.db, agent, {
      number: t.number,
      version: t.version,
      teamId: tier2,
      reason: ' ',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors?.reason).toBeDefined();
  });

  it('refuses a path that does not climb: itself, a lower tier, or below a team escalating to it', async () => {
    const self = await setEscalationPath(handle.db, admin, { teamId: tier2, tier: 2, escalatesToId: tier2 });
    expect(self.ok).toBe(false);
    if (!self.ok) expect(self.fieldErrors?.escalatesToId?.[0]).toBe('A team cannot escalate to itself.');
    const down = await setEscalationPath(handle.db, admin, { teamId: specialist, tier: 3, escalatesToId: tier1 });
    expect(down.ok).toBe(false);
    if (!down.ok) expect(down.fieldErrors?.escalatesToId?.[0]).toMatch(/higher tier/);
    const under = await setEscalationPath(handle.db, admin, { teamId: tier2, tier: 1, escalatesToId: specialist });
    expect(under.ok).toBe(false);
    if (!under.ok) expect(under.fieldErrors?.tier?.[0]).toMatch(/escalates to this team/);
    const bad = await setEscalationPath(handle.db, admin, { teamId: tier2, tier: 'x', escalatesToId: '' });
    expect(bad.ok).toBe(false);
    const agentTry = await setEscalationPath(handle.db, agent, { teamId: tier2, tier: 2, escalatesToId: specialist });
    expect(agentTry.ok).toBe(false);
  });
});
