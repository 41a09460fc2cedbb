import { z } from 'zod';
import type { Db } from '@/db/client';
import type { Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { ticketNumber, version } from '@/lib/core/fields';
import type { Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { closureMail } from '@/lib/mail/templates/closure';
import { mailCustomer } from '@/lib/mail/ticket-mail';
import { surveyAtClosure } from '@/lib/surveys/send-survey';
import {
  appendEvents,
  lockTicket,
  nextState,
  saveTicket,
  stateEvents,
  type EventInput,
  type TicketPatch,
} from '@/lib/tickets/store';

export const closeSchema = z.object({ number: ticketNumber, version });

/**
 * An agent closes a resolved request before the follow-up window ends (the customer confirmed by
 * phone, or asked to close it). The state machine's `close` action: only from resolved, so work
 * in progress is resolved first (with its summary and survey). The survey stays answerable.
 * Refused when not resolved; the patch and its events for one request (bulk close uses it too).
 */
export function closePlan(
  ticket: Ticket,
  now: Date,
  data: Record<string, unknown> = {},
): { patch: TicketPatch; events: EventInput[] } {
  const next = nextState(ticket, 'close');
  return {
    patch: { ...next, closedAt: now },
    events: [{ type: 'closed', from: ticket.status, to: next.status, data }, ...stateEvents(ticket, next)],
  };
}

export function closeTicket(db: Db, actor: Actor, raw: unknown): Promise<Result<Ticket>> {
  return runUseCase(db, closeSchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    const ticket = await lockTicket(tx, input.number, input.version);
    const { patch, events } = closePlan(ticket, new Date());
    const updated = await saveTicket(tx, ticket, patch, actor.userId);
    await appendEvents(tx, ticket, actor.userId, events);
    await mailCustomer(tx, updated, 'closure', (base) => closureMail({ ...base, reason: 'agent' }));
    await surveyAtClosure(tx, [updated]);
    return updated;
  });
}
