'use server';

import { formAction, withActor } from '@/app/_auth/action';
import { STAFF } from '@/app/_auth/session';
import { getDb, type Db } from '@/db/client';
import { toActionState, type ActionState } from '@/lib/core/action-state';
import type { Actor } from '@/lib/auth/actor';
import { createMacro } from '@/lib/macros/macros';
import { closeTicket } from '@/lib/pipeline/close-ticket';
import { previewMacro, type MacroPreview } from '@/lib/macros/preview-macro';
import { escalateTicket } from '@/lib/pipeline/escalate-ticket';
import { linkTickets, mergeTickets } from '@/lib/pipeline/merge-tickets';
import { raiseException } from '@/lib/pipeline/raise-exception';
import { resolveTicket } from '@/lib/pipeline/resolve-ticket';
import { saveProperties } from '@/lib/pipeline/save-properties';
import { sendReply } from '@/lib/pipeline/send-reply';
import { setWaiting } from '@/lib/pipeline/set-waiting';
import { takeTicket } from '@/lib/pipeline/take-ticket';
import type { Result } from '@/lib/core/result';

/** Every ticket action: staff only, the one use case, then the ticket page afresh. */
function ticketAction<T>(
  useCase: (db: Db, actor: Actor, raw: unknown) => Promise<Result<T>>,
  success: string | ((data: T) => string),
  formData: FormData,
): Promise<ActionState> {
  return formAction(STAFF, useCase, formData, {
    success: typeof success === 'string' ? () => success : success,
    path: (values) => `/tickets/${values.number}`,
  });
}

export async function takeAction(_prev: ActionState, formData: FormData) {
  return ticketAction(takeTicket, 'Assigned to you.', formData);
}
export async function raiseExceptionAction(_prev: ActionState, formData: FormData) {
  return ticketAction(raiseException, 'Exception raised.', formData);
}
const SENT: Record<string, string> = {
  '': 'Reply sent.',
  pending: 'Reply sent; waiting on the customer.',
  on_hold: 'Reply sent; on hold.',
  resolve: 'Reply sent and resolved. The customer has been asked to confirm and rate.',
};
export async function sendAction(_prev: ActionState, formData: FormData) {
  const message =
    formData.get('visibility') === 'internal'
      ? 'Note added.'
      : (SENT[String(formData.get('then') ?? '')] ?? 'Reply sent.');
  return ticketAction(sendReply, message, formData);
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
export async function closeAction(_prev: ActionState, formData: FormData) {
  return ticketAction(closeTicket, 'Closed.', formData);
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

/** A macro rendered for this request, for the reply box; nothing is sent or changed. */
export async function previewMacroAction(number: number, macroId: string): Promise<ActionState<MacroPreview>> {
  return withActor(STAFF, async (actor) =>
    toActionState(await previewMacro(getDb(), actor, { number, macroId }), {}, (data) => ({ data })),
  );
}

/** The properties panel, saved together: one use case, one transaction (only the changed parts are posted). */
export async function savePropertiesAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return ticketAction(
    saveProperties,
    (saved) => (saved.changed.length ? 'Properties saved.' : 'Nothing changed.'),
    formData,
  );
}
