'use server';

import { revalidatePath } from 'next/cache';
import { withActor } from '@/app/_auth/action';
import { STAFF } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { createApiToken, revokeApiToken } from '@/lib/api/tokens';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';

/** A new API token (for yourself, or — admins — for someone else): the secret comes back once. */
export async function createApiTokenAction(
  _prev: ActionState<{ token: string }>,
  formData: FormData,
): Promise<ActionState<{ token: string }>> {
  const values = formValues(formData);
  const state = await withActor(STAFF, async (actor) =>
    toActionState(await createApiToken(getDb(), actor, values), values, (created) => ({
      message: `Token “${created.row.name}” created for ${created.row.ownerName}.`,
      data: { token: created.token },
    })),
  );
  if (state?.ok) revalidateTokenPages();
  return state;
}

export async function revokeApiTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withActor(STAFF, async (actor) =>
    toActionState(await revokeApiToken(getDb(), actor, values), values, (r) => ({
      message: r.revoked ? 'Token revoked.' : 'That token was already revoked.',
    })),
  );
  if (state?.ok) revalidateTokenPages();
  return state;
}

function revalidateTokenPages() {
  revalidatePath('/account');
  revalidatePath('/admin/api-tokens');
}
