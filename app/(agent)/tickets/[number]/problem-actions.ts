'use server';

import { formAction } from '@/app/_auth/action';
import { LEADS } from '@/app/_auth/session';
import type { ActionState } from '@/lib/core/action-state';
import { groupTickets, unlinkTicket } from '@/lib/problems/problems';

/** "Link to problem" on a request's page (the form carries the request's number). */
export async function linkToProblemAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(LEADS, groupTickets, formData, {
    success: ({ problem, resolved }) =>
      `Linked to ${problem.cern} (${problem.title})${resolved.length ? '; resolved with its summary' : ''}.`,
    path: (v) => `/tickets/${v.number}`,
  });
}

export async function unlinkFromProblemAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(LEADS, unlinkTicket, formData, {
    success: ({ problem }) => `No longer part of ${problem.cern}.`,
    path: (v) => `/tickets/${v.number}`,
  });
}
