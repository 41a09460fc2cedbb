'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { withActor } from '@/app/_auth/action';
import { ADMINS } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';
import {
  createSubscription,
  deleteSubscription,
  redeliver,
  rotateSecret,
  sendTestEvent,
  setPaused,
  updateSubscription,
} from '@/lib/webhooks/admin';

/** The form's fields, with the chosen events (checkboxes share one name). */
function input(formData: FormData) {
  const values = formValues(formData);
  const events = formData instanceof FormData ? formData.getAll('events').filter((v) => typeof v === 'string') : [];
  return { values, raw: { ...values, events } };
}

const done = (state: ActionState<unknown>) => {
  if (state?.ok) revalidatePath('/admin/webhooks', 'layout');
  return state;
};

export async function createWebhookAction(
  _prev: ActionState<{ id: string; secret: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string; secret: string }>> {
  const { values, raw } = input(formData);
  const state = await withActor(ADMINS, async (actor) =>
    toActionState(await createSubscription(getDb(), actor, raw), values, (data) => ({
      message: 'Webhook created. Copy its signing secret now: it is not shown again.',
      data,
    })),
  );
  return done(state) as ActionState<{ id: string; secret: string }>;
}

export async function updateWebhookAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { values, raw } = input(formData);
  const state = await withActor(ADMINS, async (actor) =>
    toActionState(await updateSubscription(getDb(), actor, raw), values, () => ({ message: 'Saved.' })),
  );
  return done(state) as ActionState;
}

export async function rotateWebhookSecretAction(
  _prev: ActionState<{ id: string; secret: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string; secret: string }>> {
  const values = formValues(formData);
  const state = await withActor(ADMINS, async (actor) =>
    toActionState(await rotateSecret(getDb(), actor, values), values, (data) => ({
      message: 'New secret made. Copy it now: it is not shown again. The old one also signs for 24 hours.',
      data,
    })),
  );
  return done(state) as ActionState<{ id: string; secret: string }>;
}

export async function pauseWebhookAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withActor(ADMINS, async (actor) =>
    toActionState(await setPaused(getDb(), actor, values, true), values, () => ({ message: 'Paused.' })),
  );
  return done(state) as ActionState;
}

export async function resumeWebhookAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withActor(ADMINS, async (actor) =>
    toActionState(await setPaused(getDb(), actor, values, false), values, () => ({ message: 'Resumed.' })),
  );
  return done(state) as ActionState;
}

export async function testWebhookAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withActor(ADMINS, async (actor) =>
    toActionState(await sendTestEvent(getDb(), actor, values), values, () => ({
      message: 'Test event queued; it appears in the delivery log below within seconds (reload).',
    })),
  );
  return done(state) as ActionState;
}

export async function redeliverWebhookAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withActor(ADMINS, async (actor) =>
    toActionState(await redeliver(getDb(), actor, values), values, () => ({ message: 'Queued to send again.' })),
  );
  return done(state) as ActionState;
}

export async function deleteWebhookAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withActor(ADMINS, async (actor) =>
    toActionState(await deleteSubscription(getDb(), actor, values), values, () => ({ message: 'Deleted.' })),
  );
  if (state?.ok) {
    revalidatePath('/admin/webhooks', 'layout');
    redirect('/admin/webhooks');
  }
  return state;
}
