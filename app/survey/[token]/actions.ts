'use server';

import { requestClient } from '@/app/_auth/client';
import { withoutActor } from '@/app/_auth/public-action';
import { surveyThanks } from '@/components/portal/survey-thanks';
import { getDb } from '@/db/client';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';
import { answerSurveyByLink } from '@/lib/pipeline/answer-survey';

/** Public: the signed survey link is the permission (lib/pipeline/answer-survey.ts). */
export async function answerSurveyLinkAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  return withoutActor(async () =>
    toActionState(await answerSurveyByLink(getDb(), values, await requestClient()), values, (answered) => ({
      message: surveyThanks(answered.outcome, answered.followNumber),
    })),
  );
}
