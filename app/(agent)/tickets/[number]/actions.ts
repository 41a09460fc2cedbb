'use server';

import { revalidatePath } from 'next/cache';
import { withActor } from '@/app/_auth/action';
import { STAFF } from '@/app/_auth/session';
import { getDb, type Db } from '@/db/client';
import { formValues, toActionState, type ActionState } from '@/lib/action-state';
import type { Actor } from '@/lib/auth/actor';
import { applyMacro, createMacro } from '@/lib/macros/macros';
import { escalateTicket } from '@/lib/pipeline/escalate-ticket';
import { linkTickets, mergeTickets } from '@/lib/pipeline/merge-tickets';
import { tagTicket } from '@/lib/tickets/tags';
import { identifyTicket } from '@/lib/pipeline/identify-ticket';
import { raiseException } from '@/lib/pipeline/raise-exception';
import { replyToTicket } from '@/lib/pipeline/reply-to-ticket';
import { resolveTicket } from '@/lib/pipeline/resolve-ticket';
import { setWaiting } from '@/lib/pipeline/set-waiting';
import { takeTicket } from '@/lib/pipeline/take-ticket';
import type { Result } from '@/lib/result';

type UseCase = (db: Db, actor: Actor, raw: unknown) => Promise<Result<unknown>>;

/** Every ticket action: session and role, then the one use case, then a fresh page. */
async function ticketAction(useCase: UseCase, success: string, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withActor(STAFF, async (actor) => toActionState(await useCase(getDb(), actor, values), values, () => ({ message: success })));
  if (state?.ok) revalidatePath(`/tickets/${values.number}`);
  return state;
}

export async function takeAction(_prev: ActionState, formData: FormData) {
  return ticketAction(takeTicket, 'Assigned to you.', formData);
}
export async function identifyAction(_prev: ActionState, formData: FormData) {
  return ticketAction(identifyTicket, 'Identification saved.', formData);
}
export async function raiseExceptionAction(_prev: ActionState, formData: FormData) {
  return ticketAction(raiseException, 'Exception raised.', formData);
}
export async function replyAction(_prev: ActionState, formData: FormData) {
  return ticketAction(replyToTicket, formData.get('visibility') === 'internal' ? 'Note added.' : 'Reply sent.', formData);
}
export async function setWaitingAction(_prev: ActionState, formData: FormData) {
  return ticketAction(setWaiting, 'Status changed.', formData);
}
export async function escalateAction(_prev: ActionState, formData: FormData) {
  return ticketAction(escalateTicket, 'Escalated.', formData);
}
export async function resolveAction(_prev: ActionState, formData: FormData) {
  return ticketAction(resolveTicket, 'Resolved. The customer has been asked to confirm and rate.', formData);
}

export async function tagAction(_prev: ActionState, formData: FormData) {
  return ticketAction(tagTicket, 'Tags saved.', formData);
}
export async function applyMacroAction(_prev: ActionState, formData: FormData) {
  return ticketAction(applyMacro, 'Macro applied.', formData);
}
export async function createMacroAction(_prev: ActionState, formData: FormData) {
  return ticketAction(createMacro, 'Macro saved.', formData);
}
export async function mergeAction(_prev: ActionState, formData: FormData) {
  return ticketAction(mergeTickets, 'Merged. This request is now closed.', formData);
}
export async function linkAction(_prev: ActionState, formData: FormData) {
  return ticketAction(linkTickets, 'Linked.', formData);
}
