import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, DbHandle } from '@/db/client';
import {
  auditLog,
  customers,
  teamAssignment,
  ticketEvents,
  tickets,
  users,
  type AssignmentMode,
  type Customer,
} from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { setTeamAssignment, getTeamAssignment } from '@/lib/admin/team-assignment';
import { createTicket } from '@/lib/pipeline/create-ticket';
import { escalateTicket } from '@/lib/pipeline/escalate-ticket';
import { saveTickets } from '@/lib/tickets/store';
import { loadTicket, makeCustomer, makeStaff, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import { getAvailability, setAvailability } from './availability';

let handle: DbHandle;
let admin: Actor;
let customer: Customer;

beforeAll(async () => {
  handle = testDb();
  admin = await makeStaff(handle.db, 'admin');
  const actor = await makeCustomer(handle.db, 'Assignment Customer');
  const [row] = await handle.db.select().from(customers).where(eq(customers.id, actor.customerId!));
  customer = row!;
});
afterAll(() => handle.close());

/** A team in this mode with these agents (in name order), and a category routed to it. */
async function team(mode: AssignmentMode, names: string[], maxOpenPerAgent = 20) {
  const { teamId, categoryId } = await makeTeamAndCategory(handle.db);
  const agents: Actor[] = [];
  for (const name of names) {
    const a = await makeStaff(handle.db, 'agent', teamId);
    agents.push({ ...a, name });
  }
  for (const a of agents) await handle.db.update(users).set({ name: a.name }).where(eq(users.id, a.userId));
  must(await setTeamAssignment(handle.db, admin, { teamId, mode, maxOpenPerAgent }));
  return { teamId, categoryId, agents };
}

function create(db: Db, categoryId: string, subject = 'Printer on fire') {
  return db.transaction(async (tx) => {
    const { ticket } = await createTicket(tx as unknown as Db, {
      customer,
      subject,
      description: 'It smokes.',
      channel: 'web',
      categoryId,
      loggedBy: null,
    });
    return ticket;
  });
}

const assignedEvents = (ticketIds: string[]) =>
  handle.db
    .select()
    .from(ticketEvents)
    .where(and(inArray(ticketEvents.ticketId, ticketIds), eq(ticketEvents.type, 'assigned')))
    .orderBy(asc(ticketEvents.id));

describe('assignment within a team', () => {
  it('round-robin rotates in name order, each with an event naming the agent and the mode', async () => {
    const { categoryId, agents } = await team('round_robin', ['Ana', 'Ben', 'Cy']);
    const made = [];
    for (let i = 0; i < 4; i++) made.push(await create(handle.db, categoryId));
    const [ana, ben, cy] = agents.map((a) => a.userId);
    expect(made.map((t) => t.assigneeId)).toEqual([ana, ben, cy, ana]);
    expect((await loadTicket(handle.db, made[1]!.id)).assigneeId).toBe(ben);
    const events = await assignedEvents(made.map((t) => t.id));
    expect(events).toHaveLength(4);
    expect(events[0]).toMatchObject({ toValue: ana, actorUserId: null, data: { by: 'round_robin', assignee: 'Ana' } });
  });

  it('least-loaded weights open requests by priority (P1=4 … P4=1)', async () => {
    const { categoryId, agents } = await team('least_loaded', ['Ana', 'Ben']);
    const [ana, ben] = agents.map((a) => a.userId);
    // Ana holds two urgent requests (load 8), Ben five low ones (load 5): Ben is less loaded.
    const put = async (assigneeId: string, priority: number) => {
      const t = await create(handle.db, categoryId);
      await handle.db.update(tickets).set({ assigneeId, priority }).where(eq(tickets.id, t.id));
    };
    await put(ana!, 1);
    await put(ana!, 1);
    for (let i = 0; i < 5; i++) await put(ben!, 4);
    const next = await create(handle.db, categoryId);
    expect(next.assigneeId).toBe(ben);
    expect((await assignedEvents([next.id]))[0]?.data).toEqual({ by: 'least_loaded', assignee: 'Ben' });
    // A P3 (2) brings Ben to 7 < 8: Ben again; then 9 > 8: Ana.
    expect((await create(handle.db, categoryId)).assigneeId).toBe(ben);
    expect((await create(handle.db, categoryId)).assigneeId).toBe(ana);
  });

  it('skips agents who are away and agents at the cap; nobody left: unassigned, no event', async () => {
    const { teamId, categoryId, agents } = await team('round_robin', ['Ana', 'Ben', 'Cy'], 1);
    const [ana, ben, cy] = agents;
    must(await setAvailability(handle.db, ben!, { status: 'away' }));
    expect(await getAvailability(handle.db, ben!)).toMatchObject({ status: 'away' });
    const first = await create(handle.db, categoryId);
    const second = await create(handle.db, categoryId);
    expect([first.assigneeId, second.assigneeId]).toEqual([ana!.userId, cy!.userId]);
    // Ana and Cy are at the cap of 1, Ben is away: the next waits in the queue unassigned.
    const third = await create(handle.db, categoryId);
    expect(third.assigneeId).toBeNull();
    expect(await assignedEvents([third.id])).toEqual([]);
    // The team's page shows who is away and their loads.
    const view = await getTeamAssignment(handle.db, admin, teamId);
    expect(view).toMatchObject({ mode: 'round_robin', maxOpenPerAgent: 1 });
    expect(view.members.map((m) => [m.name, m.availability, m.open])).toEqual([
      ['Ana', 'available', 1],
      ['Ben', 'away', 0],
      ['Cy', 'available', 1],
    ]);
    // Ben comes back: the waiting request is picked up.
    expect(must(await setAvailability(handle.db, ben!, { status: 'available' }))).toMatchObject({ pickedUp: 1 });
    expect((await loadTicket(handle.db, third.id)).assigneeId).toBe(ben!.userId);
    expect((await assignedEvents([third.id]))[0]?.data).toEqual({ by: 'round_robin', assignee: 'Ben' });
  });

  it('everyone away: unassigned; manual teams never assign', async () => {
    const away = await team('least_loaded', ['Ana']);
    must(await setAvailability(handle.db, away.agents[0]!, { status: 'away' }));
    expect((await create(handle.db, away.categoryId)).assigneeId).toBeNull();
    const manual = await team('manual', ['Ana']);
    expect((await create(handle.db, manual.categoryId)).assigneeId).toBeNull();
  });

  it('a request escalated into an automatic team is assigned there', async () => {
    const from = await team('manual', ['Ana']);
    const to = await team('round_robin', ['Zoe']);
    const t = await create(handle.db, from.categoryId);
    const escalated = must(
      await escalateTicket(handle.db, from.agents[0]!, {
        number: t.number,
        version: t.version,
        teamId: to.teamId,
        reason: 'Needs tier 2',
      }),
    );
    expect(escalated.teamId).toBe(to.teamId);
    expect(escalated.assigneeId).toBe(to.agents[0]!.userId);
  });

  it('a team change through the save path assigns the moved unassigned open requests, balanced, and no others', async () => {
    const from = await team('manual', ['Ana']);
    const to = await team('least_loaded', ['Xia', 'Yan']);
    const open = [await create(handle.db, from.categoryId), await create(handle.db, from.categoryId)];
    const given = await create(handle.db, from.categoryId);
    const done = await create(handle.db, from.categoryId);
    await handle.db.update(tickets).set({ status: 'resolved', stage: 'follow_up' }).where(eq(tickets.id, done.id));
    const [xia, yan] = to.agents.map((a) => a.userId);
    const saved = await handle.db.transaction(async (tx) =>
      saveTickets(tx as unknown as Db, [
        ...open.map((ticket) => ({ ticket, patch: { teamId: to.teamId } })),
        { ticket: given, patch: { teamId: to.teamId, assigneeId: yan! } },
        { ticket: { ...done, status: 'resolved' as const, stage: 'follow_up' as const }, patch: { teamId: to.teamId } },
      ]),
    );
    expect(saved.map((t) => t.assigneeId)).toEqual([xia, yan, yan, null]);
    expect((await loadTicket(handle.db, open[0]!.id)).assigneeId).toBe(xia);
    expect((await assignedEvents(open.map((t) => t.id))).map((e) => e.data)).toEqual([
      { by: 'least_loaded', assignee: 'Xia' },
      { by: 'least_loaded', assignee: 'Yan' },
    ]);
  });

  it('team settings: admins only, validated, audited', async () => {
    const { teamId, agents } = await team('manual', ['Ana']);
    for (const bad of [{ mode: 'random' }, { mode: 'round_robin', maxOpenPerAgent: 0 }, { maxOpenPerAgent: 'x' }])
      expect(
        await setTeamAssignment(handle.db, admin, { teamId, mode: 'round_robin', maxOpenPerAgent: 5, ...bad }),
      ).toMatchObject({
        ok: false,
        code: 'invalid',
      });
    expect(
      await setTeamAssignment(handle.db, agents[0]!, { teamId, mode: 'round_robin', maxOpenPerAgent: 5 }),
    ).toMatchObject({
      ok: false,
    });
    must(await setTeamAssignment(handle.db, admin, { teamId, mode: 'least_loaded', maxOpenPerAgent: '7' }));
    const [row] = await handle.db.select().from(teamAssignment).where(eq(teamAssignment.teamId, teamId));
    expect(row).toMatchObject({ mode: 'least_loaded', maxOpenPerAgent: 7 });
    const audits = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, teamId), eq(auditLog.action, 'team.assignment_changed')))
      .orderBy(asc(auditLog.id));
    expect(audits.map((a) => [a.before, a.after])).toEqual([
      [
        { assignment: 'Manual', 'cap per agent': 20 },
        { assignment: 'Least-loaded', 'cap per agent': 7 },
      ],
    ]);
    expect(await setAvailability(handle.db, agents[0]!, { status: 'gone' })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
  });

  it.each(['round_robin', 'least_loaded'] as const)(
    '%s: 100 requests created at once for 5 available agents are balanced within ±1, each assigned once',
    async (mode) => {
      const { categoryId, agents } = await team(mode, ['A1', 'A2', 'A3', 'A4', 'A5'], 1000);
      const subject = `Storm ${randomUUID()}`;
      const made = await Promise.all(Array.from({ length: 100 }, () => create(handle.db, categoryId, subject)));
      const stored = await handle.db.select().from(tickets).where(eq(tickets.subject, subject));
      expect(stored).toHaveLength(100);
      const counts = new Map(agents.map((a) => [a.userId, 0]));
      for (const t of stored) counts.set(t.assigneeId!, (counts.get(t.assigneeId!) ?? 0) + 1);
      expect(counts.size).toBe(5);
      expect(Math.max(...counts.values()) - Math.min(...counts.values())).toBeLessThanOrEqual(1);
      const events = await assignedEvents(made.map((t) => t.id));
      expect(events).toHaveLength(100);
      expect(new Set(events.map((e) => e.ticketId)).size).toBe(100);
    },
  );
});
