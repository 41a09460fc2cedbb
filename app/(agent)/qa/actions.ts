'use server';

import { formAction } from '@/app/_auth/action';
import { LEADS } from '@/app/_auth/session';
import type { ActionState } from '@/lib/core/action-state';
import { submitReview } from '@/lib/qa/reviews';
import { weekLabel } from '@/lib/qa/rules';
import { drawSampleForWeek } from '@/lib/qa/sample';

export async function drawSampleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(LEADS, drawSampleForWeek, formData, {
    success: (r) =>
      r.added === 0
        ? `Nothing new to draw for ${weekLabel(r.week)}.`
        : `${r.added} ${r.added === 1 ? 'request' : 'requests'} drawn for ${weekLabel(r.week)}.`,
    path: () => '/qa',
  });
}

export async function submitReviewAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(LEADS, submitReview, formData, {
    success: (r) => `Review of #${r.number} saved (score ${r.score.toFixed(2)}).`,
    path: (v) => `/qa/review/${v.sampleId}`,
  });
}
