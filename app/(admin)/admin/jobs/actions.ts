'use server';

import { revalidatePath } from 'next/cache';
import { withActor } from '@/app/_auth/action';
import { ADMINS } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';
import { cancelJob, retryJob } from '@/lib/jobs/admin';

export async function retryJobAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withActor(ADMINS, async (actor) =>
    toActionState(await retryJob(getDb(), actor, values), values, () => ({ message: 'Queued for another run.' })),
  );
  if (state?.ok) revalidatePath('/admin/jobs');
  return state;
}

export async function cancelJobAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withActor(ADMINS, async (actor) =>
    toActionState(await cancelJob(getDb(), actor, values), values, () => ({ message: 'Cancelled.' })),
  );
  if (state?.ok) revalidatePath('/admin/jobs');
  return state;
}
