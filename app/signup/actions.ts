'use server';

import { requestClient } from '@/app/_auth/client';
import { withoutActor } from '@/app/_auth/public-action';
import { getDb } from '@/db/client';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';
import { signUpCustomer } from '@/lib/auth/sign-up';

/** Public by design: anyone may ask for a customer login; it exists once the mailed link is followed. */
export async function signUpAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  return withoutActor(async () =>
    toActionState(
      await signUpCustomer(getDb(), values, await requestClient()),
      { name: values.name ?? '', email: values.email ?? '' },
      ({ email }) => ({
        message: `Check your inbox: we have sent a link to ${email}. Follow it within 48 hours to finish creating your account.`,
      }),
    ),
  );
}
