'use server';

import { revalidatePath } from 'next/cache';
import { withActor } from '@/app/_auth/action';
import { STAFF } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';
import { saveNotificationSettings } from '@/lib/notifications/preferences';

/** "Also e-mail me my notifications" on /account. */
export async function saveNotificationSettingsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withActor(STAFF, async (actor) =>
    toActionState(await saveNotificationSettings(getDb(), actor, values), values, ({ notifyByEmail }) => ({
      message: notifyByEmail
        ? 'Saved. Your notifications will also be e-mailed to you.'
        : 'Saved. Your notifications will only show in the app.',
    })),
  );
  revalidatePath('/account');
  return state;
}
