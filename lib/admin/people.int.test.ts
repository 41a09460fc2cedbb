import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, sessions, teams, tickets, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import { loadSessionActor, startSession } from '@/lib/auth/sessions';
import { signIn } from '@/lib/auth/sign-in';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { makeCustomer, makeStaff, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import { getPerson, listPeople, peopleFilterSchema } from './list-people';
import { changeRole, deactivatePerson, reactivatePerson, reassignOpenTickets } from './people';
import { LAST_ADMIN } from './people-rules';

let handle: DbHandle;
let admin: Actor;
/** Admins active before this file ran: set aside so the last-admin tests count only their own. */
let setAside: string[] = [];

beforeAll(async () => {
  handle = testDb();
  admin = await makeStaff(handle.db, 'admin');
});
afterAll(async () => {
  if (setAside.length > 0) await handle.db.update(users).set({ active: true }).where(inArray(users.id, setAside));
  await handle.close();
});

const auditOf = (userId: string) =>
  handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'user'), eq(auditLog.entityId, userId)))
    .orderBy(auditLog.id);

describe('deactivation', () => {
  it('ends every session at once and blocks sign-in; reactivation lets them back', async () => {
    const agent = await makeStaff(handle.db, 'agent');
    await handle.db
      .update(users)
      .set({ passwordHash: await hashPassword('agent password') })
      .where(eq(users.id, agent.userId));
    const client = { ip: '198.51.100.7', userAgent: 'test' };
    const signedIn = must(await signIn(handle.db, { email: agent.email, password: 'agent password' }, client));
    const other = await startSession(handle.db, agent.userId, 'phone');
    expect(await loadSessionActor(handle.db, agent.userId, signedIn.sessionId)).not.toBeNull();

    const done = must(await deactivatePerson(handle.db, admin, { userId: agent.userId }));
    expect(done.endedSessions).toBe(2);
    for (const sid of [signedIn.sessionId, other]) {
      expect(await loadSessionActor(handle.db, agent.userId, sid)).toBeNull();
      const [row] = await handle.db.select().from(sessions).where(eq(sessions.id, sid));
      expect(row!.revokedAt).toBeInstanceOf(Date);
    }
    expect(await signIn(handle.db, { email: agent.email, password: 'agent password' }, client)).toMatchObject({
      ok: false,
      code: 'unauthorized',
    });
    expect(await deactivatePerson(handle.db, admin, { userId: agent.userId })).toMatchObject({
      ok: false,
      code: 'conflict',
    });

    must(await reactivatePerson(handle.db, admin, { userId: agent.userId }));
    expect((await signIn(handle.db, { email: agent.email, password: 'agent password' }, client)).ok).toBe(true);
    // The old sessions stay ended.
    expect(await loadSessionActor(handle.db, agent.userId, other)).toBeNull();

    expect((await auditOf(agent.userId)).map((e) => [e.action, e.actorUserId, e.before, e.after])).toEqual([
      ['user.deactivated', admin.userId, { active: true }, { active: false }],
      ['user.reactivated', admin.userId, { active: false }, { active: true }],
    ]);
  });

  it('only admins act, and nobody deactivates themselves', async () => {
    const lead = await makeStaff(handle.db, 'lead');
    const agent = await makeStaff(handle.db, 'agent');
    expect(await deactivatePerson(handle.db, lead, { userId: agent.userId })).toMatchObject({ code: 'forbidden' });
    expect(await changeRole(handle.db, lead, { userId: agent.userId, role: 'admin' })).toMatchObject({
      code: 'forbidden',
    });
    expect(await deactivatePerson(handle.db, admin, { userId: admin.userId })).toMatchObject({ code: 'forbidden' });
    expect(await deactivatePerson(handle.db, admin, { userId: 'nope' })).toMatchObject({ code: 'invalid' });
  });
});

describe('roles', () => {
  it('changes a role with an audit entry; a portal login keeps its role', async () => {
    const agent = await makeStaff(handle.db, 'agent');
    must(await changeRole(handle.db, admin, { userId: agent.userId, role: 'lead' }));
    const [row] = await handle.db.select().from(users).where(eq(users.id, agent.userId));
    expect(row!.role).toBe('lead');
    expect((await auditOf(agent.userId)).map((e) => [e.action, e.before, e.after])).toEqual([
      ['user.role_changed', { role: 'agent' }, { role: 'lead' }],
    ]);
    // The same role again changes nothing and logs nothing.
    must(await changeRole(handle.db, admin, { userId: agent.userId, role: 'lead' }));
    expect(await auditOf(agent.userId)).toHaveLength(1);

    const customer = await makeCustomer(handle.db);
    expect(await changeRole(handle.db, admin, { userId: customer.userId, role: 'agent' })).toMatchObject({
      code: 'invalid',
    });
    expect(await changeRole(handle.db, admin, { userId: agent.userId, role: 'customer' })).toMatchObject({
      code: 'invalid',
    });
  });
});

describe('a team lead who stops being one', () => {
  it('leaves the teams they lead without a lead when demoted to agent or deactivated, each logged', async () => {
    const demoted = await makeStaff(handle.db, 'lead');
    const leaving = await makeStaff(handle.db, 'lead');
    const first = await makeTeamAndCategory(handle.db);
    const second = await makeTeamAndCategory(handle.db);
    await handle.db.update(teams).set({ leadId: demoted.userId }).where(eq(teams.id, first.teamId));
    await handle.db.update(teams).set({ leadId: leaving.userId }).where(eq(teams.id, second.teamId));

    must(await changeRole(handle.db, admin, { userId: demoted.userId, role: 'agent' }));
    must(await deactivatePerson(handle.db, admin, { userId: leaving.userId }));

    const leads = await handle.db
      .select({ id: teams.id, leadId: teams.leadId })
      .from(teams)
      .where(inArray(teams.id, [first.teamId, second.teamId]));
    expect(leads.map((t) => t.leadId)).toEqual([null, null]);
    const logged = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'team.lead_changed'), inArray(auditLog.entityId, [first.teamId, second.teamId])));
    expect(logged.map((e) => e.after)).toEqual([{ lead: null }, { lead: null }]);
  });
});

describe('the last active admin', () => {
  /** Leaves exactly these admins active (the others of this database are restored afterwards). */
  async function onlyAdmins(...keep: Actor[]) {
    const others = await handle.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.active, true)));
    const ids = others.map((o) => o.id).filter((id) => !keep.some((k) => k.userId === id));
    setAside.push(...ids);
    if (ids.length > 0) await handle.db.update(users).set({ active: false }).where(inArray(users.id, ids));
  }

  it('cannot be demoted or deactivated', async () => {
    const only = await makeStaff(handle.db, 'admin');
    await onlyAdmins(only);
    const demote = await changeRole(handle.db, only, { userId: only.userId, role: 'lead' });
    expect(demote).toMatchObject({ ok: false, code: 'conflict', message: LAST_ADMIN });
    const [row] = await handle.db.select().from(users).where(eq(users.id, only.userId));
    expect(row).toMatchObject({ role: 'admin', active: true });

    // With a second admin, the first may step down.
    const second = await makeStaff(handle.db, 'admin');
    must(await changeRole(handle.db, only, { userId: only.userId, role: 'lead' }));
    // …and now the second is the last one: not even another admin's stale session can remove them.
    expect(await deactivatePerson(handle.db, only, { userId: second.userId })).toMatchObject({
      ok: false,
      message: LAST_ADMIN,
    });
  });

  it('two admins demoting each other (or themselves) at the same moment: one is refused', async () => {
    for (const round of ['each other', 'themselves', 'deactivate'] as const) {
      const a = await makeStaff(handle.db, 'admin');
      const b = await makeStaff(handle.db, 'admin');
      await onlyAdmins(a, b);
      const results = await Promise.all(
        round === 'each other'
          ? [
              changeRole(handle.db, a, { userId: b.userId, role: 'agent' }),
              changeRole(handle.db, b, { userId: a.userId, role: 'agent' }),
            ]
          : round === 'themselves'
            ? [
                changeRole(handle.db, a, { userId: a.userId, role: 'lead' }),
                changeRole(handle.db, b, { userId: b.userId, role: 'lead' }),
              ]
            : [
                deactivatePerson(handle.db, a, { userId: b.userId }),
                deactivatePerson(handle.db, b, { userId: a.userId }),
              ],
      );
      expect(
        results.filter((r) => r.ok),
        round,
      ).toHaveLength(1);
      expect(
        results.find((r) => !r.ok),
        round,
      ).toMatchObject({ code: 'conflict', message: LAST_ADMIN });
      const left = await handle.db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, 'admin'), eq(users.active, true)));
      expect(left, round).toHaveLength(1);
      setAside.push(...left.map((l) => l.id));
      await handle.db.update(users).set({ active: false }).where(eq(users.id, left[0]!.id));
    }
  });
});

describe('reassigning a deactivated agent’s open requests', () => {
  it('moves the open ones through the bulk change, reports refusals, and logs it', async () => {
    const { teamId } = await makeTeamAndCategory(handle.db);
    const leaving = await makeStaff(handle.db, 'agent', teamId);
    const taking = await makeStaff(handle.db, 'agent', teamId);
    const outsider = await makeStaff(handle.db, 'agent');
    const customer = await makeCustomer(handle.db);
    const made = [];
    for (let i = 0; i < 3; i++)
      made.push(must(await submitRequest(handle.db, customer, { subject: `Leaving ${i}`, description: 'Open work.' })));
    await handle.db
      .update(tickets)
      .set({ assigneeId: leaving.userId, teamId, status: 'open' })
      .where(
        inArray(
          tickets.id,
          made.map((t) => t.id),
        ),
      );
    // One is resolved already: it stays theirs.
    await handle.db.update(tickets).set({ status: 'resolved' }).where(eq(tickets.id, made[2]!.id));
    must(await deactivatePerson(handle.db, admin, { userId: leaving.userId }));

    const page = await getPerson(handle.db, admin, leaving.userId);
    expect(page.openTickets.map((t) => t.number)).toEqual([made[0]!.number, made[1]!.number]);
    expect(page.candidates.some((c) => c.id === leaving.userId)).toBe(false);
    expect(page.history.map((h) => h.action)).toEqual(['user.deactivated']);

    // Someone outside the requests' team is refused request by request, and nothing changes.
    const refused = must(
      await reassignOpenTickets(handle.db, admin, { userId: leaving.userId, assigneeId: outsider.userId }),
    );
    expect(refused.changed).toEqual([]);
    expect(refused.refused).toHaveLength(2);

    const moved = must(
      await reassignOpenTickets(handle.db, admin, { userId: leaving.userId, assigneeId: taking.userId }),
    );
    expect(moved.changed.sort()).toEqual([made[0]!.number, made[1]!.number].sort());
    expect(moved.remaining).toBe(0);
    const rows = await handle.db
      .select({ id: tickets.id, assigneeId: tickets.assigneeId })
      .from(tickets)
      .where(
        inArray(
          tickets.id,
          made.map((t) => t.id),
        ),
      );
    const assignee = Object.fromEntries(rows.map((r) => [r.id, r.assigneeId]));
    expect(assignee[made[0]!.id]).toBe(taking.userId);
    expect(assignee[made[1]!.id]).toBe(taking.userId);
    expect(assignee[made[2]!.id]).toBe(leaving.userId);
    expect(await reassignOpenTickets(handle.db, admin, { userId: leaving.userId, assigneeId: '' })).toMatchObject({
      ok: false,
      code: 'conflict',
    });

    const log = (await auditOf(leaving.userId)).filter((e) => e.action === 'user.tickets_reassigned');
    expect(log).toHaveLength(1);
    expect(log[0]!.before).toMatchObject({ assignee: leaving.name });
    expect(log[0]!.after).toMatchObject({ assignee: taking.name });
    expect(log[0]!.after).toMatchObject({ tickets: expect.arrayContaining([`#${made[0]!.number}`]) });

    // Unassigned is a choice too.
    await handle.db.update(tickets).set({ assigneeId: leaving.userId }).where(eq(tickets.id, made[0]!.id));
    const unassigned = must(await reassignOpenTickets(handle.db, admin, { userId: leaving.userId, assigneeId: '' }));
    expect(unassigned.changed).toEqual([made[0]!.number]);
  });
});

describe('the people list', () => {
  it('searches by name and e-mail, filters by role and status; leads see their teams only', async () => {
    const { teamId } = await makeTeamAndCategory(handle.db);
    const lead = await makeStaff(handle.db, 'lead');
    const { teams } = await import('@/db/schema');
    await handle.db.update(teams).set({ leadId: lead.userId }).where(eq(teams.id, teamId));
    const member = await makeStaff(handle.db, 'agent', teamId);
    const stranger = await makeStaff(handle.db, 'agent');
    const filter = (raw: Record<string, string>) => peopleFilterSchema.parse(raw);

    const byEmail = await listPeople(handle.db, admin, filter({ q: member.email.toUpperCase(), status: 'all' }));
    expect(byEmail.rows.map((r) => r.id)).toEqual([member.userId]);
    expect(byEmail.rows[0]!.teams).toHaveLength(1);
    const admins = await listPeople(handle.db, admin, filter({ role: 'admin', status: 'all' }));
    expect(admins.rows.every((r) => r.role === 'admin')).toBe(true);
    must(await deactivatePerson(handle.db, admin, { userId: stranger.userId }));
    const q = stranger.email;
    expect((await listPeople(handle.db, admin, filter({ q }))).rows).toEqual([]);
    expect((await listPeople(handle.db, admin, filter({ q, status: 'deactivated' }))).rows).toHaveLength(1);
    // A forged filter falls back to the default view.
    expect(filter({ role: 'root', status: 'x', after: 'garbage' })).toMatchObject({ role: '', status: 'active' });
    expect((await listPeople(handle.db, admin, filter({ after: 'garbage' }))).rows.length).toBeGreaterThan(0);
    // NUL bytes (in the search or a forged cursor) never reach PostgreSQL ("invalid byte sequence").
    const nul = await listPeople(handle.db, admin, filter({ q: `\u0000${member.email}`, status: 'all' }));
    expect(nul.rows.map((r) => r.id)).toEqual([member.userId]);
    const forged = Buffer.from(JSON.stringify(['a\u0000', member.userId])).toString('base64url');
    expect((await listPeople(handle.db, admin, filter({ after: forged }))).rows.length).toBeGreaterThan(0);

    const seen = await listPeople(handle.db, lead, filter({ status: 'all' }));
    expect(seen.rows.map((r) => r.id).sort()).toEqual([lead.userId, member.userId].sort());
    await expect(getPerson(handle.db, lead, stranger.userId)).rejects.toMatchObject({ code: 'not_found' });
    const page = await getPerson(handle.db, lead, member.userId);
    expect(page.canManage).toBe(false);
    await expect(getPerson(handle.db, member, member.userId)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('pages by name', async () => {
    const page1 = await listPeople(handle.db, admin, peopleFilterSchema.parse({ status: 'all' }));
    if (!page1.next) return;
    const page2 = await listPeople(handle.db, admin, peopleFilterSchema.parse({ status: 'all', after: page1.next }));
    expect(page2.rows[0]!.name >= page1.rows.at(-1)!.name).toBe(true);
    expect(page2.rows.some((r) => page1.rows.some((p) => p.id === r.id))).toBe(false);
  });
});
