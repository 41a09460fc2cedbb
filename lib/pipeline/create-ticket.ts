import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { messages, ticketColumns, tickets, type Channel, type Customer, type Ticket } from '@/db/schema';
import { fail } from '@/lib/core/result';
import { readJson, together, type JsonRead } from '@/lib/core/read-together';
import { slaDueTimes } from '@/lib/sla/targets';
import { slaContextRead, targetsFor } from '@/lib/sla/policies';
import { acknowledgementMail } from '@/lib/mail/templates/acknowledgement';
import { mailCustomer, mailRecipientRead } from '@/lib/mail/ticket-mail';
import { expectation, expectationSentence } from '@/lib/progress/outlook';
import { appendEvents, formatNumber } from '@/lib/tickets/store';
import { categoryForUse } from '@/lib/tickets/categories';
import { routeNewTicket } from '@/lib/routing/route';
import { rulesRead } from '@/lib/routing/rules';

export interface NewTicket {
  customer: Customer;
  subject: string;
  description: string;
  channel: Channel;
  categoryId?: string;
  /**
   * The category comes from the closed request a follow-up continues, not from a form: it is kept
   * even if it was retired since (a retired category stays on what already had it).
   */
  categoryCarriedOver?: boolean;
  /** The form's key with its operation and target, from `idempotencyScope`. */
  idempotencyKey?: string;
  /** The staff member who logged the contact, or null when the customer wrote in. */
  loggedBy: string | null;
  now?: Date;
  /**
   * Runs once the ticket exists, before its acknowledgement is queued: an e-mailed request records
   * its inbound message on the ticket here, so the acknowledgement threads under the customer's mail.
   */
  onCreated?: (tx: Db, ticket: Ticket) => Promise<void>;
  /**
   * `newTicketReads(customer.id, idempotencyKey)`, when the caller read it in a statement of its own (the portal
   * reads it with the customer's row); createTicket reads it itself otherwise.
   */
  reads?: NewTicketReads;
}

/**
 * What a new request reads before it writes, none depending on another: the request this form
 * already made (its idempotency key, scoped by `idempotencyScope`), the SLA policies (its due
 * times), the routing rules for new requests, and what its acknowledgement needs to know of the
 * customer. One statement, each part written and parsed by its owner (lib/sla, lib/routing, lib/mail).
 */
export function newTicketReads(customerId: string, idempotencyKey: string | undefined) {
  return together({
    sameKey: sameKeyRead(customerId, idempotencyKey),
    sla: slaContextRead({}),
    rules: rulesRead({ trigger: 'created' }),
    recipient: mailRecipientRead(customerId),
  });
}

/** The id of the customer's request made with this key (keys are scoped to the customer). */
function sameKeyRead(
  customerId: string,
  key: string | undefined,
): JsonRead<{ customerId: string; key: string | null; ticketId: string | null }> {
  return {
    sql: key
      ? sql`(select ${tickets.id} from ${tickets} where ${and(eq(tickets.customerId, customerId), eq(tickets.idempotencyKey, key))})`
      : sql`null::uuid`,
    parse: (value) => ({ customerId, key: key ?? null, ticketId: typeof value === 'string' ? value : null }),
  };
}
export type NewTicketReads = ReturnType<ReturnType<typeof newTicketReads>['parse']>;

/**
 * An idempotency key replays only the same operation on the same target: the stored key names
 * both (`request:<key>`, `contact:<key>`, `follow-up:<closed ticket id>:<key>`), so a key reused
 * elsewhere makes a new ticket instead of answering with an unrelated one. Keys stay scoped to
 * the customer by the unique index (customer, key).
 */
export function idempotencyScope(
  operation: 'request' | 'contact' | 'follow-up',
  key: string | undefined,
  target?: string,
): string | undefined {
  if (!key) return undefined;
  return target ? `${operation}:${target}:${key}` : `${operation}:${key}`;
}

/** A replay must carry the same text: a different one would otherwise be dropped without a word. */
function replayOf(existing: Ticket, input: NewTicket): { ticket: Ticket; duplicate: true } {
  if (existing.subject !== input.subject || existing.description !== input.description) {
    fail('conflict', 'This form was already sent with a different message. Reload the page to write a new one.');
  }
  return { ticket: existing, duplicate: true };
}

/**
 * Inquiry: every contact becomes a ticket (status new, stage inquiry) with a request number,
 * and the customer is acknowledged at once with a message that quotes it. The same
 * idempotency key twice gives the same ticket back, not a second one.
 */
export async function createTicket(tx: Db, input: NewTicket): Promise<{ ticket: Ticket; duplicate: boolean }> {
  // Keys are scoped to the customer: someone else's key can never return someone else's ticket.
  const sameKey = and(
    eq(tickets.customerId, input.customer.id),
    eq(tickets.idempotencyKey, input.idempotencyKey ?? ''),
  );
  const reads = input.reads ?? (await readJson(tx, newTicketReads(input.customer.id, input.idempotencyKey)));
  if (reads.sameKey.customerId !== input.customer.id || reads.sameKey.key !== (input.idempotencyKey ?? null))
    throw new Error('createTicket was handed the reads of another customer or form');
  if (reads.sameKey.ticketId) {
    const [existing] = await tx.select(ticketColumns).from(tickets).where(eq(tickets.id, reads.sameKey.ticketId));
    if (existing) return replayOf(existing, input);
  }

  let teamId: string | null = null;
  if (input.categoryId) {
    const current = input.categoryCarriedOver ? input.categoryId : null;
    teamId = (await categoryForUse(tx, input.categoryId, { current })).defaultTeamId;
  }

  const now = input.now ?? new Date();
  // Due times of the policy that applies (priority 3 until identified or routed), in its business hours.
  const scope = { priority: 3, categoryId: input.categoryId ?? null, organizationId: input.customer.organizationId };
  const due = slaDueTimes(now, targetsFor(reads.sla, scope));
  const inserted = await tx
    .insert(tickets)
    .values({
      subject: input.subject,
      description: input.description,
      channel: input.channel,
      customerId: input.customer.id,
      categoryId: input.categoryId ?? null,
      teamId,
      acknowledgedAt: now,
      idempotencyKey: input.idempotencyKey ?? null,
      createdAt: now,
      updatedAt: now,
      ...due,
    })
    .onConflictDoNothing({ target: [tickets.customerId, tickets.idempotencyKey] })
    .returning(ticketColumns);
  const created = inserted[0];
  if (!created) {
    // A concurrent double submit won the race: answer with its ticket.
    const [existing] = await tx.select(ticketColumns).from(tickets).where(sameKey);
    if (!existing) throw new Error('ticket insert conflicted without an existing ticket');
    return replayOf(existing, input);
  }

  if (input.onCreated) await input.onCreated(tx, created);
  const ref = formatNumber(created.number);
  const acknowledgement = `Thank you, ${input.customer.name}. We have received your request ${ref} ("${created.subject}") and will get back to you soon. Quote ${ref} whenever you contact us about it.`;
  await tx.insert(messages).values({
    ticketId: created.id,
    authorKind: 'system',
    body: acknowledgement,
    visibility: 'public',
    channel: input.channel === 'web' ? 'web' : 'email',
    createdAt: now,
  });
  await appendEvents(tx, created, input.loggedBy, [
    { type: 'created', to: input.channel, data: { subject: created.subject }, at: now },
    { type: 'acknowledged', to: input.customer.email ?? input.customer.phone ?? null, at: now },
  ]);
  // Rules and assignment before the acknowledgement: its expected first answer follows the routed
  // priority and policy.
  const ticket = await routeNewTicket(tx, created, now, reads.rules);
  const expect = expectationSentence(expectation(ticket, now));
  await mailCustomer(
    tx,
    ticket,
    'acknowledgement',
    (base) => acknowledgementMail({ ...base, expect }),
    null,
    reads.recipient,
  );
  return { ticket, duplicate: false };
}
