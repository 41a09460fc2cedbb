'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { withActor } from '@/app/_auth/action';
import { requestClient, submissionLimited } from '@/app/_auth/client';
import { surveyThanks } from '@/components/portal/survey-thanks';
import { getDb } from '@/db/client';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';
import { answerSurvey } from '@/lib/pipeline/answer-survey';
import { confirmResolution } from '@/lib/pipeline/confirm-resolution';
import { customerReply, reopenTicket } from '@/lib/pipeline/customer-reply';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { cancelOwnRequest } from '@/lib/pipeline/cancel-request';

const CUSTOMER = ['customer'] as const;

export async function submitRequestAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  let number: number | null = null;
  const state = await withActor(CUSTOMER, async (actor) => {
    const limited = await submissionLimited(actor);
    if (limited) return { ...limited, values };
    const result = await submitRequest(getDb(), actor, values);
    if (result.ok) number = result.data.number;
    return toActionState(result, values);
  });
  if (number !== null) redirect(`/portal/requests/${number}?submitted=1`);
  return state;
}

export async function replyAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  let followUp: number | null = null;
  const state = await withActor(CUSTOMER, async (actor) => {
    const limited = await submissionLimited(actor);
    if (limited) return { ...limited, values };
    const result = await customerReply(getDb(), actor, values);
    if (result.ok && result.data.followUp) followUp = result.data.ticket.number;
    return toActionState(result, values, () => ({ message: 'Your message was sent.' }));
  });
  if (followUp !== null) redirect(`/portal/requests/${followUp}?followup=1`);
  revalidatePath(`/portal/requests/${values.number}`);
  return state;
}

export async function confirmAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withActor(CUSTOMER, async (actor) =>
    toActionState(await confirmResolution(getDb(), actor, values), values, () => ({
      message: 'Thank you for confirming. Your request is closed.',
    })),
  );
  revalidatePath(`/portal/requests/${values.number}`);
  return state;
}

export async function reopenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withActor(CUSTOMER, async (actor) => {
    const limited = await submissionLimited(actor);
    if (limited) return { ...limited, values };
    return toActionState(await reopenTicket(getDb(), actor, values), values);
  });
  // The reopen form leaves the page with the "Is it fixed?" card: the confirmation rides on the URL.
  if (state?.ok) redirect(`/portal/requests/${Number(values.number)}?reopened=1`);
  return state;
}

export async function surveyAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withActor(CUSTOMER, async (actor) =>
    toActionState(await answerSurvey(getDb(), actor, values, await requestClient()), values, (answered) => ({
      message: surveyThanks(answered.outcome, answered.followNumber),
    })),
  );
  revalidatePath(`/portal/requests/${values.number}`);
  return state;
}

export async function cancelAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withActor(CUSTOMER, async (actor) =>
    toActionState(await cancelOwnRequest(getDb(), actor, values), values, () => ({
      message: 'Your request is cancelled and closed. Thank you for letting us know.',
    })),
  );
  revalidatePath(`/portal/requests/${values.number}`);
  return state;
}
