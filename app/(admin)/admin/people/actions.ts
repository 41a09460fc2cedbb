'use server';

import { revalidatePath } from 'next/cache';
import { formAction, withActor } from '@/app/_auth/action';
import { ADMINS } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { cancelInvitation, inviteStaff, resendInvitation } from '@/lib/admin/invitations';
import { changeRole, deactivatePerson, reactivatePerson, reassignOpenTickets } from '@/lib/admin/people';
import { ROLE_LABELS } from '@/lib/admin/people-rules';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';

const LIST = '/admin/people';
const person = (values: Record<string, string>) => `/admin/people/${values.userId}`;

/** The team checkboxes are repeated fields, which formValues keeps one of: read them all. */
export async function inviteAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const teamIds = formData instanceof FormData ? formData.getAll('teamIds').filter((v) => typeof v === 'string') : [];
  const state = await withActor(ADMINS, async (actor) =>
    toActionState(await inviteStaff(getDb(), actor, { ...values, teamIds }), values, (r) => ({
      message: `Invitation sent to ${r.email}.`,
    })),
  );
  if (state?.ok) revalidatePath(LIST);
  return state;
}

export async function resendInvitationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, resendInvitation, formData, {
    success: (r) => `A new link was sent to ${r.email}; the old one no longer works.`,
    path: () => LIST,
  });
}

export async function cancelInvitationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, cancelInvitation, formData, {
    success: (r) => `The invitation for ${r.email} was cancelled.`,
    path: () => LIST,
  });
}

export async function changeRoleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, changeRole, formData, {
    success: (r) => `${r.name} is now ${ROLE_LABELS[r.role as keyof typeof ROLE_LABELS].toLowerCase()}.`,
    path: person,
  });
}

export async function deactivateAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, deactivatePerson, formData, {
    success: (r) =>
      `${r.name} was deactivated${r.endedSessions > 0 ? ` and signed out of ${r.endedSessions} session${r.endedSessions === 1 ? '' : 's'}` : ''}.`,
    path: person,
  });
}

export async function reactivateAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, reactivatePerson, formData, {
    success: (r) => `${r.name} can sign in again.`,
    path: person,
  });
}

export async function reassignAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, reassignOpenTickets, formData, {
    success: (r) =>
      [
        `${r.changed.length} request${r.changed.length === 1 ? '' : 's'} reassigned.`,
        ...r.refused.map((x) => `#${x.number}: ${x.reason}`),
        r.remaining > 0 ? `${r.remaining} more remain: reassign again.` : '',
      ]
        .filter(Boolean)
        .join(' '),
    path: person,
  });
}
