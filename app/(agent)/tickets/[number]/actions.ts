'use server';

import { revalidatePath } from 'next/cache';
import { formAction, withActor } from '@/app/_auth/action';
import { STAFF } from '@/app/_auth/session';
import { getDb, type Db } from '@/db/client';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';
import type { Actor } from '@/lib/auth/actor';
import { createMacro } from '@/lib/macros/macros';
import { previewMacro, type MacroPreview } from '@/lib/macros/preview-macro';
import { escalateTicket } from '@/lib/pipeline/escalate-ticket';
import { linkTickets, mergeTickets } from '@/lib/pipeline/merge-tickets';
import { tagTicket } from '@/lib/tickets/tags';
import { identifyTicket } from '@/lib/pipeline/identify-ticket';
import { raiseException } from '@/lib/pipeline/raise-exception';
import { resolveTicket } from '@/lib/pipeline/resolve-ticket';
import { sendReply } from '@/lib/pipeline/send-reply';
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
export async function raiseExceptionAction(_prev: ActionState, formData: FormData) {
  return ticketAction(raiseException, 'Exception raised.', formData);
}
const SENT: Record<string, string> = { '': 'Reply sent.', pending: 'Reply sent; waiting on the customer.', on_hold: 'Reply sent; on hold.', resolve: 'Reply sent and resolved. The customer has been asked to confirm and rate.' };
export async function sendAction(_prev: ActionState, formData: FormData) {
  const message = formData.get('visibility') === 'internal' ? 'Note added.' : (SENT[String(formData.get('then') ?? '')] ?? 'Reply sent.');
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
  return withActor(STAFF, async (actor) => toActionState(await previewMacro(getDb(), actor, { number, macroId }), {}, (data) => ({ data })));
}

/**
 * The properties panel, saved together: the form posts only the parts that changed, each goes to
 * its own use case (identification, status, tags) in that order, the next one checked against
 * the version the previous one left. The panel offers only statuses the state machine allows now.
 */
export async function savePropertiesAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const number = values.number;
  const state = await withActor(STAFF, async (actor): Promise<ActionState> => {
    const db = getDb();
    let version = values.version;
    const saved: string[] = [];
    const partly = (state: ActionState): ActionState =>
      state && !state.ok && saved.length > 0 ? { ...state, error: `${saved.join(' and ')} saved; then: ${state.error}` } : state;
    if (values.identify === '1') {
      const { status: _status, tagsAdd: _add, tagsRemove: _remove, identify: _identify, ...identify } = values;
      const result = await identifyTicket(db, actor, identify);
      if (!result.ok) return toActionState(result, values);
      version = String(result.data.version);
      saved.push('Identification');
    }
    if (values.status) {
      const result = await setWaiting(db, actor, { number, version, status: values.status });
      if (!result.ok) return partly(toActionState(result, values));
      saved.push('Status');
    }
    if (values.tagsAdd || values.tagsRemove) {
      const result = await tagTicket(db, actor, { number, add: values.tagsAdd ?? '', remove: values.tagsRemove ?? '' });
      if (!result.ok) return partly(toActionState(result, values));
      saved.push('Tags');
    }
    return { ok: true, message: saved.length ? 'Properties saved.' : 'Nothing changed.' };
  });
  if (state?.ok) revalidatePath(`/tickets/${number}`);
  return state;
}
