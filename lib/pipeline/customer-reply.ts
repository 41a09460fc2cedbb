import type { Db } from '@/db/client';
import { customers, messages, type Customer, type Ticket } from '@/db/schema';
import { eq } from 'drizzle-orm';
import type { Actor } from '@/lib/auth/actor';
import { fail, type Result } from '@/lib/core/result';
import {
  appendEvents,
  formatNumber,
  lockCustomerTicket,
  lockOwnTicket,
  nextState,
  saveTicket,
  stateEvents,
} from '@/lib/tickets/store';
import { createTicket, idempotencyScope } from './create-ticket';
import { applyRules } from '@/lib/routing/rules';
import { runUseCase } from '@/lib/core/run-use-case';
import { claimUploads, formKeyField, uploadIdsField } from '@/lib/portal/uploads';
import { customerReplySchema, reopenSchema } from './schemas';

/** A portal reply carries the files picked on its form (lib/portal/uploads.ts). */
const replyWithFiles = customerReplySchema.extend({ formKey: formKeyField, uploadIds: uploadIdsField });

/** Who writes: the customer record, their portal login if they have one (the events' actor), and how. */
export interface CustomerAuthor {
  customerId: string;
  userId: string | null;
  channel: 'web' | 'email';
}

export interface CustomerReplyOutcome {
  ticket: Ticket;
  followUp: boolean;
  /** The message written on the request (null when a follow-up request was opened instead). */
  messageId: string | null;
  /** A retried submit answered with the follow-up request it already made (its files went with it then). */
  replayed?: boolean;
}

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
  return runUseCase(db, replyWithFiles, raw, async (tx, input) => {
    const { ticket, followUp, messageId, replayed } = await addCustomerMessage(
      tx,
      actor,
      input.number,
      input.body,
      false,
      input.idempotencyKey,
    );
    if (!replayed)
      await claimUploads(tx, ticket, {
        formKey: input.formKey || undefined,
        uploadIds: input.uploadIds,
        messageId,
        uploadedBy: actor.userId,
      });
    return { ticket, followUp };
  });
}

/** The customer says the fix did not work: back to resolution, counted as a reopen. */
export function reopenTicket(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<{ ticket: Ticket; followUp: boolean }>> {
  return runUseCase(db, reopenSchema, raw, async (tx, input) => {
    const { ticket, followUp } = await addCustomerMessage(tx, actor, input.number, input.body, true);
    return { ticket, followUp };
  });
}

async function addCustomerMessage(
  tx: Db,
  actor: Actor,
  number: number,
  body: string,
  mustReopen: boolean,
  idempotencyKey?: string,
): Promise<CustomerReplyOutcome> {
  if (actor.role !== 'customer') fail('forbidden', 'Only the customer can do that from the portal.');
  const ticket = await lockOwnTicket(tx, actor, number);
  return writeCustomerMessage(
    tx,
    { customerId: ticket.customerId, userId: actor.userId, channel: 'web' },
    ticket,
    body,
    { mustReopen, idempotencyKey },
  );
}

/**
 * The same rules for a customer's e-mail on their request (lib/mail/inbound): the sender was
 * matched to the request's customer record by the caller. `onFollowUp` runs when a closed request
 * makes a follow-up request, before its acknowledgement is queued.
 */
export async function customerEmailReply(
  tx: Db,
  input: {
    customer: Customer;
    userId: string | null;
    number: number;
    body: string;
    onFollowUp?: (tx: Db, ticket: Ticket) => Promise<void>;
  },
): Promise<CustomerReplyOutcome> {
  const ticket = await lockCustomerTicket(tx, input.customer.id, input.number);
  return writeCustomerMessage(
    tx,
    { customerId: input.customer.id, userId: input.userId, channel: 'email' },
    ticket,
    input.body,
    { mustReopen: false, onFollowUp: input.onFollowUp },
  );
}

/** The one owner of what a customer's message does to their (locked) request. */
export async function writeCustomerMessage(
  tx: Db,
  author: CustomerAuthor,
  ticket: Ticket,
  body: string,
  options: { mustReopen: boolean; idempotencyKey?: string; onFollowUp?: (tx: Db, ticket: Ticket) => Promise<void> },
): Promise<CustomerReplyOutcome> {
  const { mustReopen, idempotencyKey } = options;
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
      channel: author.channel,
      categoryId: ticket.categoryId ?? undefined,
      categoryCarriedOver: true,
      idempotencyKey: idempotencyScope('follow-up', idempotencyKey, ticket.id),
      loggedBy: null,
      onCreated: options.onFollowUp,
    });
    if (duplicate) return { ticket: followUp, followUp: true, messageId: null, replayed: true }; // a retried submit
    const linked = await saveTicket(tx, followUp, { followUpOfId: ticket.id });
    await appendEvents(tx, ticket, author.userId, [{ type: 'follow_up_created', to: String(followUp.number) }]);
    return { ticket: linked, followUp: true, messageId: null };
  }
  if (mustReopen && ticket.status !== 'resolved') nextState(ticket, 'reopen'); // refused, naming both states

  const next = nextState(ticket, 'customer_reply');
  const reopening = ticket.status === 'resolved';
  const [message] = await tx
    .insert(messages)
    .values({
      ticketId: ticket.id,
      authorKind: 'customer',
      authorCustomerId: ticket.customerId,
      body,
      visibility: 'public',
      channel: author.channel,
    })
    .returning({ id: messages.id });
  const updated = await saveTicket(tx, ticket, {
    ...next,
    ...(reopening ? { reopenCount: ticket.reopenCount + 1, resolvedAt: null } : {}),
  });
  await appendEvents(tx, ticket, author.userId, [
    {
      type: 'replied',
      to: 'public',
      data: { by: 'customer', ...(author.channel === 'email' ? { via: 'email', messageId: message!.id } : {}) },
    },
    ...(reopening ? [{ type: 'reopened' as const, from: ticket.stage, to: next.stage }] : []),
    ...stateEvents(ticket, next),
  ]);
  // Routing rules for updates see the reply's words too (lib/routing/rules.ts).
  const routed = await applyRules(tx, updated, 'updated', { extraText: body });
  return { ticket: routed, followUp: false, messageId: message!.id };
}
