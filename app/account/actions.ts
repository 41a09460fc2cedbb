'use server';

import { revalidatePath } from 'next/cache';
import { withActor } from '@/app/_auth/action';
import { requestClient } from '@/app/_auth/client';
import { getDb } from '@/db/client';
import { changePassword, endOwnSession, signOutEverywhere, updateProfile } from '@/lib/auth/account';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';
import { EVERYONE } from '../_auth/session';

/** Own name (and staff signature); the page is rendered afresh so the header shows the new name. */
export async function updateProfileAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withActor(EVERYONE, async (actor) =>
    toActionState(await updateProfile(getDb(), actor, values), values, () => ({ message: 'Profile saved.' })),
  );
  if (state?.ok) revalidatePath('/account');
  return state;
}

/** Passwords are never echoed back into the form. */
export async function changePasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  return withActor(EVERYONE, async (actor) =>
    toActionState(await changePassword(getDb(), actor, values, await requestClient()), {}, ({ endedSessions }) => ({
      message:
        endedSessions > 0
          ? `Password changed. Signed out ${endedSessions} other session${endedSessions === 1 ? '' : 's'}.`
          : 'Password changed.',
    })),
  );
}

/** Ends every session, this one included; the form then clears the cookie and goes to sign-in. */
export async function signOutEverywhereAction(_prev: ActionState): Promise<ActionState> {
  return withActor(EVERYONE, async (actor) => toActionState(await signOutEverywhere(getDb(), actor), {}));
}

/** Ends one session from the list; `data.current` tells the form it was this one. */
export async function endSessionAction(
  _prev: ActionState<{ current: boolean }>,
  formData: FormData,
): Promise<ActionState<{ current: boolean }>> {
  const values = formValues(formData);
  const state = await withActor(EVERYONE, async (actor) =>
    toActionState(await endOwnSession(getDb(), actor, values), {}, (data) => ({ data })),
  );
  revalidatePath('/account');
  return state;
}
