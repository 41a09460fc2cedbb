import { z } from 'zod';
import type { Db } from '@/db/client';
import type { Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { ticketNumber } from '@/lib/core/fields';
import { runUseCase } from '@/lib/core/run-use-case';
import { fail, type Result } from '@/lib/core/result';
import { notifyPeople } from '@/lib/notifications/notify';
import { appendEvents, formatNumber, lockOwnTicket, saveTicket, stateEvents } from '@/lib/tickets/store';
import { can } from '@/lib/tickets/transitions';

export const cancelSchema = z.object({ number: ticketNumber });

/**
 * "No longer needed" (issue 13): the customer withdraws their own request while it is still
 * being worked on (new, open, waiting for them, on hold). It closes at once — follow-up/closed,
 * `closedAt` set, `resolvedAt` left empty — with a `cancelled` event, so it counts apart from
 * resolutions (lib/metrics counts resolutions by `resolvedAt`) and no survey is sent (surveys
 * follow a resolution). The assignee, if any, is told. A resolved request is confirmed or
 * reopened instead, a closed one is done: both are refused with a message.
 */
export function cancelOwnRequest(db: Db, actor: Actor, raw: unknown): Promise<Result<Ticket>> {
  return runUseCase(db, cancelSchema, raw, async (tx, input) => {
    if (actor.role !== 'customer') fail('forbidden', 'Only the customer can cancel their request.');
    const ticket = await lockOwnTicket(tx, actor, input.number);
    return cancelLockedRequest(tx, ticket, actor.userId);
  });
}

/** The rule itself, on a request the caller locked and proved is the customer's (portal login or guest link). */
export async function cancelLockedRequest(
  tx: Db,
  ticket: Ticket,
  actorUserId: string | null,
  now = new Date(),
): Promise<Ticket> {
  if (!can(ticket, 'cancel')) {
    const ref = formatNumber(ticket.number);
    fail(
      'unprocessable',
      ticket.status === 'resolved'
        ? `Request ${ref} is already resolved: confirm the fix, or tell us it is not fixed.`
        : `Request ${ref} is already closed.`,
    );
  }
  const next = { stage: 'follow_up' as const, status: 'closed' as const };
  const updated = await saveTicket(tx, ticket, { ...next, closedAt: now }, actorUserId);
  await appendEvents(tx, ticket, actorUserId, [
    { type: 'cancelled', data: { reason: 'no_longer_needed' }, at: now },
    ...stateEvents(ticket, next).map((e) => ({ ...e, at: now })),
  ]);
  if (ticket.assigneeId)
    await notifyPeople(tx, actorUserId, [
      {
        userId: ticket.assigneeId,
        ticketId: ticket.id,
        kind: 'customer_replied',
        summary: 'The customer cancelled the request: no longer needed',
      },
    ]);
  return updated;
}
