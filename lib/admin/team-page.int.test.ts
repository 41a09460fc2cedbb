import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { AppError } from '@/lib/core/result';
import { makeStaff, makeTeamAndCategory, testDb } from '@/lib/testing/fixtures';
import { getTeamPage } from './team-page';

let handle: DbHandle;
beforeAll(() => {
  handle = testDb();
});
afterAll(() => handle.close());

describe('the team page, one use case', () => {
  it('gives the admin members, assignment, escalation path and the members who may lead', async () => {
    const { teamId } = await makeTeamAndCategory(handle.db);
    const lead = await makeStaff(handle.db, 'lead', teamId);
    const agent = await makeStaff(handle.db, 'agent', teamId);
    const admin = await makeStaff(handle.db, 'admin');
    const page = await getTeamPage(handle.db, admin, teamId);
    expect(page.team.id).toBe(teamId);
    expect(page.members.map((m) => m.id).sort()).toEqual([lead.userId, agent.userId].sort());
    expect(page.eligibleLeads.map((m) => m.id)).toEqual([lead.userId]);
    expect(page.assignment.mode).toBeDefined();
    expect(page.path).toMatchObject({ id: teamId, tier: expect.any(Number) });
    expect(page.otherTeams.some((t) => t.id === teamId)).toBe(false);
  });

  it('is "not found" for a lead of another team and for a malformed id', async () => {
    const { teamId } = await makeTeamAndCategory(handle.db);
    const other = await makeTeamAndCategory(handle.db);
    const lead = await makeStaff(handle.db, 'lead', other.teamId);
    await expect(getTeamPage(handle.db, lead, teamId)).rejects.toBeInstanceOf(AppError);
    await expect(getTeamPage(handle.db, lead, 'nope')).rejects.toMatchObject({ code: 'not_found' });
  });
});
