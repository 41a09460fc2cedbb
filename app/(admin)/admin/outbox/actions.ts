'use server';

import { revalidatePath } from 'next/cache';
import { withActor } from '@/app/_auth/action';
import { ADMINS } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';
import { resendMail } from '@/lib/mail/resend-mail';

export async function resendMailAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withActor(ADMINS, async (actor) =>
    toActionState(await resendMail(getDb(), actor, values), values, () => ({ message: 'Queued to send again.' })),
  );
  if (state?.ok) revalidatePath('/admin/outbox', 'layout');
  return state;
}
