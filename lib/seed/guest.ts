import { and, count, eq, inArray, isNotNull, isNull, asc } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, messages, ticketEvents, tickets, users } from '@/db/schema';
import { cancelLockedRequest } from '@/lib/pipeline/cancel-request';
import { createTicket } from '@/lib/pipeline/create-ticket';
import { submitGuestRequest } from '@/lib/pipeline/submit-guest-request';
import { lockCustomerTicket } from '@/lib/tickets/store';

/**
 * The demo's guests and cancellations (issue 13), through the real use cases:
 * - a request asked without an account (lib/pipeline/submit-guest-request.ts) by a customer
 *   support knows but who has no login — its acknowledgement in the outbox carries the guest link;
 * - a request the demo customer (customer@demo.test) cancelled as no longer needed.
 * Returns what it added, for the seed's summary.
 */
export async function seedGuest(db: Db, now: Date): Promise<{ tickets: number; messages: number; events: number }> {
  const [guest] = await db
    .select({ name: customers.name, email: customers.email })
    .from(customers)
    .leftJoin(users, eq(users.customerId, customers.id))
    .where(and(isNull(users.id), isNotNull(customers.email)))
    .orderBy(asc(customers.email))
    .limit(1);
  if (!guest?.email) throw new Error('demo: no customer without a login to ask as a guest');
  const asked = await submitGuestRequest(
    db,
    {
      name: guest.name,
      email: guest.email,
      subject: 'Delivery went to my old address',
      description:
        'I moved last month and updated my address in my profile, but today’s parcel went to the old one. Can you redirect it?',
    },
    { ip: null, now: new Date(now.getTime() - 2 * 3_600_000) },
  );
  if (!asked.ok || !asked.data.number) throw new Error(`demo guest request not accepted: ${JSON.stringify(asked)}`);

  const [demo] = await db
    .select({ customerId: users.customerId, userId: users.id })
    .from(users)
    .where(eq(users.email, 'customer@demo.test'));
  if (!demo?.customerId) throw new Error('demo: customer@demo.test has no customer record');
  const cancelledAt = new Date(now.getTime() - 26 * 3_600_000);
  const cancelled = await db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [customer] = await tx.select().from(customers).where(eq(customers.id, demo.customerId!));
    const { ticket } = await createTicket(tx, {
      customer: customer!,
      subject: 'Cannot find the export button',
      description: 'Where did the CSV export go in the new reports screen?',
      channel: 'web',
      loggedBy: null,
      now: new Date(now.getTime() - 30 * 3_600_000),
    });
    const locked = await lockCustomerTicket(tx, customer!.id, ticket.number);
    await cancelLockedRequest(tx, locked, demo.userId, cancelledAt);
    // The save path stamps the wall clock; the demo's history ends at its own `now`.
    await tx.update(tickets).set({ updatedAt: cancelledAt }).where(eq(tickets.id, ticket.id));
    return ticket.number;
  });

  const added = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(inArray(tickets.number, [asked.data.number, cancelled]));
  const ids = added.map((t) => t.id);
  const [m] = await db.select({ n: count() }).from(messages).where(inArray(messages.ticketId, ids));
  const [e] = await db.select({ n: count() }).from(ticketEvents).where(inArray(ticketEvents.ticketId, ids));
  return { tickets: ids.length, messages: Number(m?.n ?? 0), events: Number(e?.n ?? 0) };
}
