'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requestClient } from '@/app/_auth/client';
import { withoutActor } from '@/app/_auth/public-action';
import { getDb } from '@/db/client';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';
import { guestPath } from '@/lib/guest/guest-link';
import { guestCancel, guestConfirm, guestReopen, guestReply, resendGuestLinks } from '@/lib/guest/guest-request';
import { submitGuestRequest } from '@/lib/pipeline/submit-guest-request';

/**
 * Signed-out actions (issue 13): the guest request form and a guest's request page. The page binds
 * its link's token as the first argument; the use cases find the request from the token alone.
 */

export type GuestSubmitted = { number: number | null; email: string };

export async function guestSubmitAction(
  _prev: ActionState<GuestSubmitted>,
  formData: FormData,
): Promise<ActionState<GuestSubmitted>> {
  const values = formValues(formData);
  return withoutActor(async () => {
    const result = await submitGuestRequest(getDb(), values, { ip: (await requestClient()).ip });
    return toActionState(result, values, (data) => ({
      data: { number: data.number, email: values.email?.trim().toLowerCase() ?? '' },
    }));
  });
}

const refresh = (token: string) => revalidatePath(guestPath(token));

export async function guestReplyAction(token: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  let followUp: string | null = null;
  const state = await withoutActor(async () => {
    const result = await guestReply(getDb(), { ...values, token }, await requestClient());
    if (result.ok && result.data.followUpToken) followUp = result.data.followUpToken;
    return toActionState(result, values, () => ({ message: 'Your message was sent.' }));
  });
  if (followUp !== null) redirect(`${guestPath(followUp)}?followup=1`);
  refresh(token);
  return state;
}

export async function guestConfirmAction(token: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withoutActor(async () =>
    toActionState(await guestConfirm(getDb(), { token }), values, () => ({
      message: 'Thank you for confirming. Your request is closed.',
    })),
  );
  refresh(token);
  return state;
}

export async function guestReopenAction(token: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withoutActor(async () =>
    toActionState(await guestReopen(getDb(), { ...values, token }, await requestClient()), values),
  );
  if (state?.ok) redirect(`${guestPath(token)}?reopened=1`);
  return state;
}

export async function guestCancelAction(token: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withoutActor(async () =>
    toActionState(await guestCancel(getDb(), { token }), values, () => ({
      message: 'Your request is cancelled and closed. Thank you for letting us know.',
    })),
  );
  refresh(token);
  return state;
}

export async function resendLinksAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  return withoutActor(async () =>
    toActionState(await resendGuestLinks(getDb(), values, { ip: (await requestClient()).ip }), values, () => ({
      message:
        'If this address has open requests with us, we have sent it a fresh link to each. Check your inbox (and spam folder).',
    })),
  );
}
