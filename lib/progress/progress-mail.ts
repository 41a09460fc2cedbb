import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, customerUpdates, ticketColumns, tickets, type Status } from '@/db/schema';
import { cernProgressMail } from '@/lib/mail/templates/cern-progress';
import { mailCustomer } from '@/lib/mail/ticket-mail';
import { appendEvents } from '@/lib/tickets/store';
import { expectation, expectationSentence, progressPosition, PROGRESS_STATUS_TEXT } from './outlook';
import { noteCustomerKnows } from './track';

export type ProgressOutcome = 'sent' | 'superseded' | 'already_known' | 'not_applicable' | 'no_address';

/**
 * The `cern.progress` job: a status change of an exception, a little after it happened
 * (lib/progress/track.ts queues it). Sends the progress mail only when the status it was queued
 * for is still the request's status (a later change has its own job: the latest state wins) and
 * differs from what the customer was last told (open → on hold → open in a minute sends nothing).
 * Resolution and closure have their own mails. Sending records `customer_updated`.
 */
export async function sendCernProgress(
  db: Db,
  data: { ticketId: string; status: Status },
  now: Date = new Date(),
): Promise<ProgressOutcome> {
  return db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [ticket] = await tx.select(ticketColumns).from(tickets).where(eq(tickets.id, data.ticketId)).for('update');
    if (!ticket?.cern || ticket.status === 'resolved' || ticket.status === 'closed' || ticket.status === 'new')
      return 'not_applicable';
    if (ticket.status !== data.status) return 'superseded';
    const [known] = await tx
      .select({ lastStatus: customerUpdates.lastStatus })
      .from(customerUpdates)
      .where(eq(customerUpdates.ticketId, ticket.id));
    if (known?.lastStatus === ticket.status) return 'already_known';
    const [customer] = await tx
      .select({ email: customers.email })
      .from(customers)
      .where(eq(customers.id, ticket.customerId));
    if (!customer?.email) return 'no_address';
    const cern = ticket.cern;
    await mailCustomer(tx, ticket, 'cern_progress', (base) =>
      cernProgressMail({
        ...base,
        cern,
        status: PROGRESS_STATUS_TEXT[ticket.status],
        next: progressPosition(ticket).next,
        expect: expectationSentence(expectation(ticket, now)),
      }),
    );
    await noteCustomerKnows(tx, ticket.id, ticket.status, now);
    await appendEvents(tx, ticket, null, [
      { type: 'customer_updated', to: ticket.status, data: { via: 'progress_mail' }, at: now },
    ]);
    return 'sent';
  });
}
