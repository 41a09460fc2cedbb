'use server';

import { formAction } from '@/app/_auth/action';
import { ADMINS, STAFF } from '@/app/_auth/session';
import type { ActionState } from '@/lib/core/action-state';
import { eraseCustomer } from '@/lib/customers/anonymize-customer';
import { mergeCustomers } from '@/lib/customers/merge-customers';
import { updateCustomer } from '@/lib/customers/update-customer';

const profile = (values: Record<string, string>) => `/customers/${values.customerId}`;

export async function updateCustomerAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(STAFF, updateCustomer, formData, { success: () => 'Customer saved.', path: profile });
}

export async function mergeCustomersAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(STAFF, mergeCustomers, formData, {
    success: (r) => `Merged: ${r.movedTickets} request(s) moved to this customer.`,
    path: profile,
  });
}

export async function eraseCustomerAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, eraseCustomer, formData, {
    success: (r) => `Erased. ${r.tickets} request(s) kept for the figures, without the person.`,
    path: profile,
  });
}
