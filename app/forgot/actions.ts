'use server';

import { requestClient } from '@/app/_auth/client';
import { withoutActor } from '@/app/_auth/public-action';
import { getDb } from '@/db/client';
import { requestPasswordReset, RESET_REQUESTED } from '@/lib/auth/password-reset';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';

/** Public: the same answer for every address (lib/auth/password-reset.ts). */
export async function forgotPasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  return withoutActor(async () =>
    toActionState(
      await requestPasswordReset(getDb(), values, await requestClient()),
      { email: values.email ?? '' },
      () => ({ message: RESET_REQUESTED }),
    ),
  );
}
