import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, teamMembers, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { identifyTicket } from '@/lib/pipeline/identify-ticket';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { makeCustomer, makeStaff, must, testDb } from '@/lib/testing/fixtures';
import { createCategory } from './categories';
import { addTeamMember, createTeam, getTeam, listTeams, removeTeamMember, renameTeam, setTeamLead } from './teams';

let handle: DbHandle;
let admin: Actor;
let lead: Actor;
let agent: Actor;
let customer: Actor;
const tag = Math.random().toString(36).slice(2, 8);

beforeAll(async () => {
  handle = testDb();
  admin = await makeStaff(handle.db, 'admin');
  lead = await makeStaff(handle.db, 'lead');
  agent = await makeStaff(handle.db, 'agent');
  customer = await makeCustomer(handle.db, 'Team Customer');
});
afterAll(() => handle.close());

const audits = (teamId: string) =>
  handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'team'), eq(auditLog.entityId, teamId)))
    .orderBy(auditLog.id);

describe('teams', () => {
  it('creates and renames a team with unique names (any case), each change audited', async () => {
    const team = must(await createTeam(handle.db, admin, { name: `Returns ${tag}` }));
    must(await createTeam(handle.db, admin, { name: `Logistics ${tag}` }));
    expect(await createTeam(handle.db, admin, { name: `returns ${tag}` })).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { name: ['A team with this name exists already.'] },
    });
    expect(await renameTeam(handle.db, admin, { teamId: team.id, name: `LOGISTICS ${tag}` })).toMatchObject({
      ok: false,
      fieldErrors: { name: ['A team with this name exists already.'] },
    });
    for (const name of ['', 'a\u0000', 'x'.repeat(81)])
      expect(await createTeam(handle.db, admin, { name })).toMatchObject({
        ok: false,
        code: 'invalid',
        fieldErrors: { name: [expect.any(String)] },
      });
    must(await renameTeam(handle.db, admin, { teamId: team.id, name: `Exchanges ${tag}` }));
    expect(await audits(team.id)).toMatchObject([
      { action: 'team.created', actorUserId: admin.userId, after: { name: `Returns ${tag}` } },
      { action: 'team.renamed', before: { name: `Returns ${tag}` }, after: { name: `Exchanges ${tag}` } },
    ]);
    expect(await createTeam(handle.db, lead, { name: `Lead's ${tag}` })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await createTeam(handle.db, agent, { name: `Agent's ${tag}` })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });

  it('adds and removes members; refuses removing the assignee of open requests, naming them', async () => {
    const team = must(await createTeam(handle.db, admin, { name: `Support ${tag}` }));
    const category = must(
      await createCategory(handle.db, admin, { name: `Support cat ${tag}`, defaultTeamId: team.id }),
    );
    must(await addTeamMember(handle.db, admin, { teamId: team.id, userId: agent.userId }));
    must(await addTeamMember(handle.db, admin, { teamId: team.id, userId: agent.userId })); // again: no change
    expect(await addTeamMember(handle.db, admin, { teamId: team.id, userId: customer.userId })).toMatchObject({
      ok: false,
      fieldErrors: { userId: ['Choose an active staff member.'] },
    });

    const t = must(await submitRequest(handle.db, customer, { subject: 'Open one', description: 'Still open.' }));
    const assigned = must(
      await identifyTicket(handle.db, agent, {
        number: t.number,
        version: t.version,
        categoryId: category.id,
        severity: 3,
        impact: 'single',
        assigneeId: agent.userId,
      }),
    );
    expect(assigned).toMatchObject({ teamId: team.id, assigneeId: agent.userId });

    const refused = await removeTeamMember(handle.db, admin, { teamId: team.id, userId: agent.userId });
    expect(refused).toMatchObject({
      ok: false,
      code: 'unprocessable',
      message: expect.stringContaining(`#${t.number}`),
    });
    const members = await handle.db.select().from(teamMembers).where(eq(teamMembers.teamId, team.id));
    expect(members).toHaveLength(1);

    // Reassigned: now they may go.
    must(
      await identifyTicket(handle.db, agent, {
        number: t.number,
        version: assigned.version,
        categoryId: category.id,
        severity: 3,
        impact: 'single',
        assigneeId: '',
      }),
    );
    must(await removeTeamMember(handle.db, admin, { teamId: team.id, userId: agent.userId }));
    expect((await audits(team.id)).map((a) => a.action)).toEqual([
      'team.created',
      'team.member_added',
      'team.member_removed',
    ]);
  });

  it('sets the lead: a member with role lead or admin; the lead cannot be removed before being replaced', async () => {
    const team = must(await createTeam(handle.db, admin, { name: `Led ${tag}` }));
    must(await addTeamMember(handle.db, admin, { teamId: team.id, userId: agent.userId }));
    expect(await setTeamLead(handle.db, admin, { teamId: team.id, leadId: lead.userId })).toMatchObject({
      ok: false,
      fieldErrors: { leadId: [expect.stringContaining('member')] },
    });
    expect(await setTeamLead(handle.db, admin, { teamId: team.id, leadId: agent.userId })).toMatchObject({
      ok: false,
      fieldErrors: { leadId: [expect.any(String)] },
    });
    must(await addTeamMember(handle.db, admin, { teamId: team.id, userId: lead.userId }));
    expect(must(await setTeamLead(handle.db, admin, { teamId: team.id, leadId: lead.userId })).leadId).toBe(
      lead.userId,
    );
    expect(await removeTeamMember(handle.db, admin, { teamId: team.id, userId: lead.userId })).toMatchObject({
      ok: false,
      code: 'unprocessable',
    });
    expect((await audits(team.id)).at(-1)).toMatchObject({
      action: 'team.lead_changed',
      before: { lead: null },
      after: { lead: 'Test lead' },
    });

    // A lead sees the teams they lead, read-only; another team is "not found".
    expect((await listTeams(handle.db, lead)).map((t) => t.id)).toEqual([team.id]);
    expect((await getTeam(handle.db, lead, team.id)).members.map((m) => m.id).sort()).toEqual(
      [agent.userId, lead.userId].sort(),
    );
    const other = must(await createTeam(handle.db, admin, { name: `Not led ${tag}` }));
    await expect(getTeam(handle.db, lead, other.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getTeam(handle.db, agent, team.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getTeam(handle.db, admin, 'not-a-uuid')).rejects.toMatchObject({ code: 'not_found' });
    expect(await addTeamMember(handle.db, lead, { teamId: team.id, userId: admin.userId })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });

    // A deactivated member is no lead.
    await handle.db.update(users).set({ active: false }).where(eq(users.id, lead.userId));
    must(await setTeamLead(handle.db, admin, { teamId: team.id, leadId: '' }));
    expect(await setTeamLead(handle.db, admin, { teamId: team.id, leadId: lead.userId })).toMatchObject({ ok: false });
  });
});
