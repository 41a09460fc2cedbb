'use server';

import { requestClient } from '@/app/_auth/client';
import { getDb } from '@/db/client';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';
import { signUpCustomer } from '@/lib/auth/sign-up';

/** Public by design: anyone may create a customer login. */
export async function signUpAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    const result = await signUpCustomer(getDb(), values, await requestClient());
    return toActionState(result, { name: values.name ?? '', email: values.email ?? '' });
  } catch (error) {
    console.error('sign-up failed', error);
    return {
      ok: false,
      error: 'Something went wrong on our side and nothing was saved. Please try again in a moment.',
    };
  }
}
