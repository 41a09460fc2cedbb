'use server';

import { revalidatePath } from 'next/cache';
import { withActor } from '@/app/_auth/action';
import { ADMINS } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';
import { startImport } from '@/lib/import/imports';

export async function startImportAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = { runId: formValues(formData).id ?? '' };
  const state = await withActor(ADMINS, async (actor) =>
    toActionState(await startImport(getDb(), actor, values), values, () => ({ message: 'Import started.' })),
  );
  if (state?.ok) revalidatePath(`/admin/import/${values.runId}`);
  return state;
}
