'use server';

import { formAction } from '@/app/_auth/action';
import { STAFF } from '@/app/_auth/session';
import type { ActionState } from '@/lib/core/action-state';
import { OUTCOME_LABELS } from '@/lib/follow-up/outcomes';
import { recordFollowUpOutcome } from '@/lib/follow-up/record-outcome';

export async function recordOutcomeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(STAFF, recordFollowUpOutcome, formData, {
    success: ({ followUp, ticket }) =>
      followUp.status === 'open'
        ? `No answer on #${ticket.number} noted (try ${followUp.attempts}); the call stays in the queue.`
        : `#${ticket.number}: ${OUTCOME_LABELS[followUp.outcome!].toLowerCase()} recorded.`,
    path: () => '/follow-ups',
  });
}
