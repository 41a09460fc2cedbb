'use server';

import { formAction } from '@/app/_auth/action';
import { STAFF } from '@/app/_auth/session';
import type { ActionState } from '@/lib/core/action-state';
import { requestFollowUpCall } from '@/lib/follow-up/request-call';

export async function requestCallAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(STAFF, requestFollowUpCall, formData, {
    success: () => 'Marked for a follow-up call: it is in the Calls queue.',
    path: (v) => `/tickets/${v.number ?? ''}`,
  });
}
