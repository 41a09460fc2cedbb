'use server';

import { formAction } from '@/app/_auth/action';
import { LEADS } from '@/app/_auth/session';
import type { ActionState } from '@/lib/core/action-state';
import { groupTickets, unlinkTicket } from '@/lib/problems/problems';
import { resolveProblem } from '@/lib/problems/resolve-problem';

const count = (n: number, what = 'request') => `${n} ${what}${n === 1 ? '' : 's'}`;

export async function groupAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(LEADS, groupTickets, formData, {
    success: ({ problem, created, linked, resolved }) =>
      `${created ? 'Created' : 'Updated'} ${problem.cern} (${problem.title}): ${count(linked.length)} linked${
        resolved.length ? `, ${count(resolved.length)} resolved with its summary` : ''
      }.`,
    path: () => '/problems',
  });
}

/** Link requests from the problem's own page. */
export async function linkAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(LEADS, groupTickets, formData, {
    success: ({ problem, linked, resolved }) =>
      `${count(linked.length)} linked to ${problem.cern}${
        resolved.length ? `, ${count(resolved.length)} resolved with its summary` : ''
      }.`,
    path: (v) => `/problems/${v.problemId}`,
  });
}

export async function resolveProblemAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(LEADS, resolveProblem, formData, {
    success: ({ problem, resolved, remaining }) =>
      `${problem.cern} resolved: ${count(resolved)} resolved${
        remaining ? `, ${count(remaining)} more being resolved in the background` : ''
      }; each customer was told.`,
    path: (v) => `/problems/${v.problemId}`,
  });
}

export async function unlinkAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(LEADS, unlinkTicket, formData, {
    success: ({ problem, number }) => `#${number} is no longer part of ${problem.cern}.`,
    path: (v) => `/problems/${v.problemId}`,
  });
}
