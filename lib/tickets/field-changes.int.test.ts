import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { customers, ticketEvents, tickets, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import type { Result } from '@/lib/core/result';
import { mergeCustomers } from '@/lib/customers/merge-customers';
import { applyMacro, createMacro } from '@/lib/macros/macros';
import { autoCloseResolved } from '@/lib/pipeline/auto-close';
import { bulkUpdate } from '@/lib/pipeline/bulk-update';
import { escalateTicket } from '@/lib/pipeline/escalate-ticket';
import { identifyTicket } from '@/lib/pipeline/identify-ticket';
import { mergeTickets } from '@/lib/pipeline/merge-tickets';
import { replyToTicket } from '@/lib/pipeline/reply-to-ticket';
import { resolveTicket } from '@/lib/pipeline/resolve-ticket';
import { setWaiting } from '@/lib/pipeline/set-waiting';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { takeTicket } from '@/lib/pipeline/take-ticket';
import { loadTicket, makeCustomer, makeStaff, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import { saveTicket } from './store';

/*
 * "Ticket field changes" have one owner, the save path (store.ts): whichever use case changes a
 * priority, a team or a closed request, the same rules apply. Each path is tried here.
 */

const HOUR = 3_600_000;
let handle: DbHandle;
let agent: Actor;
let outsider: Actor;
let customer: Actor;
let team: { teamId: string; categoryId: string };
let otherTeam: { teamId: string; categoryId: string };

beforeAll(async () => {
  handle = testDb();
  team = await makeTeamAndCategory(handle.db);
  otherTeam = await makeTeamAndCategory(handle.db);
  agent = await makeStaff(handle.db, 'agent', team.teamId);
  outsider = await makeStaff(handle.db, 'agent', otherTeam.teamId);
  customer = await makeCustomer(handle.db, 'Field Changes Customer');
});
afterAll(() => handle.close());

const load = (id: string): Promise<Ticket> => loadTicket(handle.db, id);

async function submit(subject = 'Field change') {
  return must(await submitRequest(handle.db, customer, { subject, description: 'For the field change tests.' }));
}

/** Identified at P3 (severity 3, single) in `team`. */
async function identified(subject?: string) {
  const t = await submit(subject);
  return must(
    await identifyTicket(handle.db, agent, {
      number: t.number,
      version: t.version,
      categoryId: team.categoryId,
      severity: 3,
      impact: 'single',
    }),
  );
}

async function closed() {
  const dup = await identified('Duplicate');
  const target = await identified('Survivor');
  must(await mergeTickets(handle.db, agent, { number: dup.number, into: target.number }));
  const t = await load(dup.id);
  expect(t.status).toBe('closed');
  return t;
}

const dueOf = (t: Ticket) => ({
  first: t.firstResponseDueAt!.getTime() - t.createdAt.getTime(),
  resolution: t.resolutionDueAt!.getTime() - t.createdAt.getTime(),
});

describe('identification keeps the assignee', () => {
  it('keeps whoever took the request when the form sends no assignee', async () => {
    const t = await submit();
    const taken = must(await takeTicket(handle.db, agent, { number: t.number, version: t.version }));
    const done = must(
      await identifyTicket(handle.db, agent, {
        number: t.number,
        version: taken.version,
        categoryId: team.categoryId,
        severity: 2,
        impact: 'many',
      }),
    );
    expect(done.assigneeId).toBe(agent.userId);
    const events = await handle.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, t.id));
    expect(events.filter((e) => e.type === 'assigned' && e.toValue === null)).toEqual([]);
  });

  it("unassigns on '' and assigns a member given by id", async () => {
    const t = await submit();
    const taken = must(await takeTicket(handle.db, agent, { number: t.number, version: t.version }));
    const none = must(
      await identifyTicket(handle.db, agent, {
        number: t.number,
        version: taken.version,
        categoryId: team.categoryId,
        severity: 2,
        impact: 'many',
        assigneeId: '',
      }),
    );
    expect(none.assigneeId).toBeNull();
    const again = must(
      await identifyTicket(handle.db, agent, {
        number: t.number,
        version: none.version,
        categoryId: team.categoryId,
        severity: 2,
        impact: 'many',
        assigneeId: agent.userId,
      }),
    );
    expect(again.assigneeId).toBe(agent.userId);
  });

  it('refuses, naming the person and the team, when the kept assignee is not in the chosen team', async () => {
    const t = await submit();
    const taken = must(await takeTicket(handle.db, agent, { number: t.number, version: t.version }));
    const r = await identifyTicket(handle.db, agent, {
      number: t.number,
      version: taken.version,
      categoryId: otherTeam.categoryId,
      severity: 2,
      impact: 'many',
    });
    expect(r).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { assigneeId: [expect.stringMatching(/^Test agent is not an active member of Team \w+/)] },
    });
    expect((await load(t.id)).assigneeId).toBe(agent.userId); // nothing saved, nothing dropped
  });
});

describe('a priority change recomputes the SLA due times, from every path', () => {
  it('identification: P3 → P1 gives 1 h / 8 h', async () => {
    const t = await identified();
    expect(dueOf(t)).toEqual({ first: 8 * HOUR, resolution: 72 * HOUR });
    const p1 = must(
      await identifyTicket(handle.db, agent, {
        number: t.number,
        version: t.version,
        categoryId: team.categoryId,
        severity: 1,
        impact: 'many',
      }),
    );
    expect(p1.priority).toBe(1);
    expect(dueOf(p1)).toEqual({ first: 1 * HOUR, resolution: 8 * HOUR });
  });

  it('bulk change: P3 → P1 gives 1 h / 8 h', async () => {
    const t = await identified();
    must(
      await bulkUpdate(handle.db, agent, {
        numbers: [t.number],
        change: { kind: 'priority', priority: 1, reason: 'Outage for everyone' },
      }),
    );
    expect(dueOf(await load(t.id))).toEqual({ first: 1 * HOUR, resolution: 8 * HOUR });
  });

  it('macro: P3 → P2 gives 4 h / 24 h, and the first response the macro sends keeps its due time', async () => {
    const t = await identified();
    const macro = must(
      await createMacro(handle.db, agent, { title: `Urgent ${Date.now()}`, body: 'We are on it.', setPriority: '2' }),
    );
    must(await applyMacro(handle.db, agent, { number: t.number, macroId: macro.id }));
    const after = await load(t.id);
    expect(after.priority).toBe(2);
    // The macro's reply was the first response, given under P3: judged against P3's 8 h.
    expect(dueOf(after)).toEqual({ first: 8 * HOUR, resolution: 24 * HOUR });
  });

  it('a macro on a request not yet answered moves both due times (internal note, no first response)', async () => {
    const t = await identified();
    const macro = must(
      await createMacro(handle.db, agent, {
        title: `Note P1 ${Date.now()}`,
        body: 'Escalating internally.',
        setPriority: '1',
      }),
    );
    must(await applyMacro(handle.db, agent, { number: t.number, macroId: macro.id, visibility: 'internal' }));
    expect(dueOf(await load(t.id))).toEqual({ first: 1 * HOUR, resolution: 8 * HOUR });
  });

  it('keeps the first-response due time once the first response happened', async () => {
    const t = await identified();
    must(await replyToTicket(handle.db, agent, { number: t.number, body: 'Looking into it.' }));
    must(
      await bulkUpdate(handle.db, agent, {
        numbers: [t.number],
        change: { kind: 'priority', priority: 1, reason: 'Now urgent' },
      }),
    );
    expect(dueOf(await load(t.id))).toEqual({ first: 8 * HOUR, resolution: 8 * HOUR });
  });

  it('respects the pause: past pauses count at once, the running one when the request leaves pending', async () => {
    const t = await identified();
    // One hour paused earlier; pending again since two hours ago.
    await handle.db.update(tickets).set({ slaPausedMs: HOUR }).where(eq(tickets.id, t.id));
    const pending = must(
      await setWaiting(handle.db, agent, { number: t.number, version: t.version, status: 'pending' }),
    );
    await handle.db
      .update(tickets)
      .set({ slaPausedAt: new Date(Date.now() - 2 * HOUR) })
      .where(eq(tickets.id, pending.id));
    must(
      await bulkUpdate(handle.db, agent, {
        numbers: [t.number],
        change: { kind: 'priority', priority: 1, reason: 'Now urgent' },
      }),
    );
    expect(dueOf(await load(t.id))).toEqual({ first: 2 * HOUR, resolution: 9 * HOUR });
    const resumed = must(
      await setWaiting(handle.db, agent, { number: t.number, version: (await load(t.id)).version, status: 'open' }),
    );
    expect(resumed.slaPausedMs).toBeGreaterThanOrEqual(3 * HOUR);
    expect(dueOf(resumed)).toEqual({ first: HOUR + resumed.slaPausedMs, resolution: 8 * HOUR + resumed.slaPausedMs });
  });

  it('escalation cannot change the priority, and leaves the due times alone', async () => {
    const t = await identified();
    const escalated = must(
      await escalateTicket(handle.db, agent, {
        number: t.number,
        version: t.version,
        teamId: otherTeam.teamId,
        reason: 'Needs the other team',
      }),
    );
    expect(escalated.priority).toBe(3);
    expect(dueOf(escalated)).toEqual({ first: 8 * HOUR, resolution: 72 * HOUR });
  });
});

describe('a team change lets go of an assignee outside the new team', () => {
  it('bulk: drops the non-member with an event, keeps a member', async () => {
    const both = await makeStaff(handle.db, 'agent', team.teamId);
    await handle.db
      .insert((await import('@/db/schema')).teamMembers)
      .values({ teamId: otherTeam.teamId, userId: both.userId });
    const a = await identified();
    const b = await identified();
    must(
      await bulkUpdate(handle.db, agent, { numbers: [a.number], change: { kind: 'assign', assigneeId: agent.userId } }),
    );
    must(
      await bulkUpdate(handle.db, agent, { numbers: [b.number], change: { kind: 'assign', assigneeId: both.userId } }),
    );
    must(
      await bulkUpdate(handle.db, agent, {
        numbers: [a.number, b.number],
        change: { kind: 'team', teamId: otherTeam.teamId },
      }),
    );
    expect((await load(a.id)).assigneeId).toBeNull();
    expect((await load(b.id)).assigneeId).toBe(both.userId);
    const events = await handle.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, a.id));
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'assigned',
        fromValue: agent.userId,
        toValue: null,
        actorUserId: agent.userId,
        data: expect.objectContaining({ reason: 'not_in_team' }),
      }),
    );
  });

  it('bulk assign refuses a non-member per request, naming person and team', async () => {
    const a = await identified();
    const r = must(
      await bulkUpdate(handle.db, agent, {
        numbers: [a.number],
        change: { kind: 'assign', assigneeId: outsider.userId },
      }),
    );
    expect(r.refused).toEqual([
      { number: a.number, reason: expect.stringMatching(/^Test agent is not an active member of Team /) },
    ]);
  });

  it('the save path itself drops the assignee on a team change', async () => {
    const a = await identified();
    const assigned = must(
      await bulkUpdate(handle.db, agent, { numbers: [a.number], change: { kind: 'assign', assigneeId: agent.userId } }),
    );
    expect(assigned.changed).toEqual([a.number]);
    const saved = await handle.db.transaction((tx) =>
      load(a.id).then((t) => saveTicket(tx, t, { teamId: otherTeam.teamId }, agent.userId)),
    );
    expect(saved).toMatchObject({ teamId: otherTeam.teamId, assigneeId: null });
  });
});

describe('closed requests stay read-only, from every path', () => {
  it('the save path refuses any field change on a closed request', async () => {
    const t = await closed();
    await expect(handle.db.transaction((tx) => saveTicket(tx, t, { priority: 1 }))).rejects.toMatchObject({
      code: 'unprocessable',
      message: expect.stringContaining('read-only'),
    });
    expect((await load(t.id)).priority).toBe(t.priority);
  });

  it('bulk priority, team, assign and tag are refused per request', async () => {
    const t = await closed();
    for (const change of [
      { kind: 'priority', priority: 1, reason: 'Now urgent' },
      { kind: 'team', teamId: otherTeam.teamId },
      { kind: 'assign', assigneeId: agent.userId },
      { kind: 'tag', tag: 'late' },
    ]) {
      const r = must(await bulkUpdate(handle.db, agent, { numbers: [t.number], change }));
      expect(r.refused).toEqual([{ number: t.number, reason: expect.stringContaining('read-only') }]);
    }
    expect(await load(t.id)).toMatchObject({ version: t.version, priority: t.priority, teamId: t.teamId });
  });

  it('identify, escalate, macro and merge are refused', async () => {
    const t = await closed();
    expect(
      await identifyTicket(handle.db, agent, {
        number: t.number,
        version: t.version,
        categoryId: team.categoryId,
        severity: 1,
        impact: 'many',
      }),
    ).toMatchObject({ ok: false, code: 'unprocessable' });
    expect(
      await escalateTicket(handle.db, agent, {
        number: t.number,
        version: t.version,
        teamId: otherTeam.teamId,
        reason: 'Other team',
      }),
    ).toMatchObject({ ok: false, code: 'unprocessable' });
    const macro = must(
      await createMacro(handle.db, agent, { title: `Closed ${Date.now()}`, body: 'Hello', setPriority: '1' }),
    );
    expect(
      await applyMacro(handle.db, agent, { number: t.number, macroId: macro.id, visibility: 'internal' }),
    ).toMatchObject({ ok: false, code: 'unprocessable' });
    const open = await identified();
    expect(await mergeTickets(handle.db, agent, { number: t.number, into: open.number })).toMatchObject({
      ok: false,
      code: 'unprocessable',
    });
    expect(await load(t.id)).toMatchObject({ version: t.version, priority: t.priority });
  });

  it('auto-close closes through the state machine and leaves closed requests alone', async () => {
    const t = await identified();
    const resolved = must(
      await resolveTicket(handle.db, agent, { number: t.number, version: t.version, summary: 'Fixed.' }),
    );
    const closedOne = await closed();
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect(await autoCloseResolved(handle.db, { now: later })).toBeGreaterThanOrEqual(1);
    expect(await load(resolved.id)).toMatchObject({ status: 'closed', version: resolved.version + 1 });
    expect((await load(closedOne.id)).version).toBe(closedOne.version);
  });

  it('merging two customer records moves closed requests too (the one change read-only lets through), bumping versions', async () => {
    const [dup] = await handle.db
      .insert(customers)
      .values({ name: 'Mail Contact', email: `dup-${Date.now()}@test.example` })
      .returning();
    const open = await identified();
    const c = await closed();
    await handle.db.update(tickets).set({ customerId: dup!.id }).where(eq(tickets.id, open.id));
    await handle.db.update(tickets).set({ customerId: dup!.id }).where(eq(tickets.id, c.id));
    const before = [await load(open.id), await load(c.id)];
    const r = must(await mergeCustomers(handle.db, agent, { customerId: customer.customerId, duplicate: dup!.email! }));
    expect(r.movedTickets).toBe(2);
    for (const t of before)
      expect(await load(t.id)).toMatchObject({ customerId: customer.customerId, version: t.version + 1 });
  });
});
