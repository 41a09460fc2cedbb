'use server';

import { formAction } from '@/app/_auth/action';
import { STAFF } from '@/app/_auth/session';
import type { Db } from '@/db/client';
import type { ActionState } from '@/lib/core/action-state';
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
import type { Result } from '@/lib/core/result';

/** Every ticket action: staff only, the one use case, then the ticket page afresh. */
function ticketAction<T>(useCase: (db: Db, actor: Actor, raw: unknown) => Promise<Result<T>>, success: string, formData: FormData): Promise<ActionState> {
  return formAction(STAFF, useCase, formData, { success: () => success, path: (values) => `/tickets/${values.number}` });
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
