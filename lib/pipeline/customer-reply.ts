import type { Db } from '@/db/client';
import { customers, messages, type Ticket } from '@/db/schema';
import { eq } from 'drizzle-orm';
import type { Actor } from '@/lib/auth/actor';
import { fail, type Result } from '@/lib/core/result';
import { appendEvents, formatNumber, lockOwnTicket, nextState, saveTicket, stateEvents } from '@/lib/tickets/store';
import { createTicket, idempotencyScope } from './create-ticket';
import { runUseCase } from '@/lib/core/run-use-case';
import { customerReplySchema, reopenSchema } from './schemas';

/**
 * A customer writes on their own request. On a pending one it goes back to the agent (open);
 * on a resolved one it reopens it into resolution; on a closed one it opens a follow-up
 * request linked to it, since closed requests are read-only.
 */
export function customerReply(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<{ ticket: Ticket; followUp: boolean }>> {
  return runUseCase(db, customerReplySchema, raw, (tx, input) =>
    addCustomerMessage(tx, actor, input.number, input.body, false, input.idempotencyKey),
  );
}

/** The customer says the fix did not work: back to resolution, counted as a reopen. */
export function reopenTicket(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<{ ticket: Ticket; followUp: boolean }>> {
  return runUseCase(db, reopenSchema, raw, (tx, input) =>
    addCustomerMessage(tx, actor, input.number, input.body, true),
  );
}

async function addCustomerMessage(
  tx: Db,
  actor: Actor,
  number: number,
  body: string,
  mustReopen: boolean,
  idempotencyKey?: string,
) {
  if (actor.role !== 'customer') fail('forbidden', 'Only the customer can do that from the portal.');
  const ticket = await lockOwnTicket(tx, actor, number);

  if (ticket.status === 'closed') {
    if (mustReopen)
      fail(
        'unprocessable',
        `Request ${formatNumber(ticket.number)} is closed and cannot be reopened; write to it to open a follow-up request.`,
      );
    const [customer] = await tx.select().from(customers).where(eq(customers.id, ticket.customerId));
    if (!customer) throw new Error('ticket without customer');
    const { ticket: followUp, duplicate } = await createTicket(tx, {
      customer,
      subject: `Follow-up to ${formatNumber(ticket.number)}: ${ticket.subject}`.slice(0, 200),
      description: body,
      channel: 'web',
      categoryId: ticket.categoryId ?? undefined,
      idempotencyKey: idempotencyScope('follow-up', idempotencyKey, ticket.id),
      loggedBy: null,
    });
    if (duplicate) return { ticket: followUp, followUp: true }; // a retried submit
    const linked = await saveTicket(tx, followUp, { followUpOfId: ticket.id });
    await appendEvents(tx, ticket, actor.userId, [{ type: 'follow_up_created', to: String(followUp.number) }]);
    return { ticket: linked, followUp: true };
  }
  if (mustReopen && ticket.status !== 'resolved') nextState(ticket, 'reopen'); // refused, naming both states

  const next = nextState(ticket, 'customer_reply');
  const reopening = ticket.status === 'resolved';
  await tx.insert(messages).values({
    ticketId: ticket.id,
    authorKind: 'customer',
    authorCustomerId: ticket.customerId,
    body,
    visibility: 'public',
    channel: 'web',
  });
  const updated = await saveTicket(tx, ticket, {
    ...next,
    ...(reopening ? { reopenCount: ticket.reopenCount + 1, resolvedAt: null } : {}),
  });
  await appendEvents(tx, ticket, actor.userId, [
    { type: 'replied', to: 'public', data: { by: 'customer' } },
    ...(reopening ? [{ type: 'reopened' as const, from: ticket.stage, to: next.stage }] : []),
    ...stateEvents(ticket, next),
  ]);
  return { ticket: updated, followUp: false };
}
