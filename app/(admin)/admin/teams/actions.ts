'use server';

import { formAction } from '@/app/_auth/action';
import { ADMINS } from '@/app/_auth/session';
import type { ActionState } from '@/lib/core/action-state';
import { addTeamMember, createTeam, removeTeamMember, renameTeam, setTeamLead } from '@/lib/admin/teams';
import { setTeamAssignment } from '@/lib/admin/team-assignment';
import { setEscalationPath } from '@/lib/escalation/paths';

const teamPath = (v: Record<string, string>) => `/admin/teams/${v.teamId ?? ''}`;

export async function createTeamAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, createTeam, formData, {
    success: (team) => `Team ${team.name} created.`,
    path: () => '/admin/teams',
  });
}

export async function renameTeamAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, renameTeam, formData, { success: (t) => `Renamed to ${t.name}.`, path: teamPath });
}

export async function addMemberAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, addTeamMember, formData, { success: (m) => `${m.name} added.`, path: teamPath });
}

export async function removeMemberAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, removeTeamMember, formData, { success: (m) => `${m.name} removed.`, path: teamPath });
}

export async function setLeadAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, setTeamLead, formData, { success: () => 'Team lead saved.', path: teamPath });
}

export async function setAssignmentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, setTeamAssignment, formData, {
    success: (s) => `Assignment for ${s.team} saved.`,
    path: teamPath,
  });
}

export async function setEscalationPathAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, setEscalationPath, formData, { success: () => 'Escalation path saved.', path: teamPath });
}
