'use server';

import { redirect } from 'next/navigation';
import { withoutActor } from '@/app/_auth/public-action';
import { getDb } from '@/db/client';
import { verifyEmail } from '@/lib/auth/sign-up';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';

/** Public: the link is the permission. Done → the login exists → sign in with the password chosen at sign-up. */
export async function verifyEmailAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withoutActor(async () => toActionState(await verifyEmail(getDb(), values), {}));
  if (state?.ok) redirect('/signin?verified=1');
  return state;
}
