'use server';

import { redirect } from 'next/navigation';
import { withoutActor } from '@/app/_auth/public-action';
import { getDb } from '@/db/client';
import { resetPassword } from '@/lib/auth/password-reset';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';

/** Public: the link is the permission. Done → every session has ended → the sign-in page says so. */
export async function resetPasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withoutActor(async () => toActionState(await resetPassword(getDb(), values), {}));
  if (state?.ok) redirect('/signin?reset=done');
  return state;
}
