'use server';

import { revalidatePath } from 'next/cache';
import { withActor } from '@/app/_auth/action';
import { STAFF } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { formValues, toActionState, type ActionState } from '@/lib/action-state';
import { mergeCustomers } from '@/lib/customers/merge-customers';
import { updateCustomer } from '@/lib/customers/update-customer';

export async function updateCustomerAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withActor(STAFF, async (actor) => toActionState(await updateCustomer(getDb(), actor, values), values, () => ({ message: 'Customer saved.' })));
  if (state?.ok) revalidatePath(`/customers/${values.customerId}`);
  return state;
}

export async function mergeCustomersAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withActor(STAFF, async (actor) =>
    toActionState(await mergeCustomers(getDb(), actor, values), values, (r) => ({ message: `Merged: ${r.movedTickets} request(s) moved to this customer.` })),
  );
  if (state?.ok) revalidatePath(`/customers/${values.customerId}`);
  return state;
}
