'use server';

import { redirect } from 'next/navigation';
import { withActor } from '@/app/_auth/action';
import { submissionLimited } from '@/app/_auth/client';
import { STAFF } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';
import { logContact } from '@/lib/pipeline/log-contact';

export async function logContactAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  let number: number | null = null;
  const state = await withActor(STAFF, async (actor) => {
    const limited = await submissionLimited(actor);
    if (limited) return { ...limited, values };
    const result = await logContact(getDb(), actor, values);
    if (result.ok) number = result.data.ticket.number;
    return toActionState(result, values);
  });
  if (number !== null) redirect(`/tickets/${number}`);
  return state;
}
