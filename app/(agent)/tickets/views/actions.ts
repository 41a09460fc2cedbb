'use server';

import { redirect } from 'next/navigation';
import { withActor } from '@/app/_auth/action';
import { STAFF } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { formValues, type ActionState } from '@/lib/core/action-state';
import { saveView } from '@/lib/tickets/views';

/** Saves the filters currently in the URL (sent as a query string) under a name. */
export async function saveViewAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const filters = Object.fromEntries(new URLSearchParams(values.query ?? '').entries());
  let id: string | null = null;
  const state = await withActor<undefined>(STAFF, async (actor) => {
    const result = await saveView(getDb(), actor, { name: values.name, teamId: values.teamId, filters });
    if (!result.ok) return { ok: false, error: result.message, fieldErrors: result.fieldErrors, values };
    id = result.data.id;
    return { ok: true };
  });
  if (id) redirect(`/tickets/views?saved=${id}`);
  return state;
}
