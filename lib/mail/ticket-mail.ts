import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, type Ticket } from '@/db/schema';
import { guestUrl, verifiedLoginOf } from '@/lib/guest/guest-link';
import { getSettings, type Settings } from '@/lib/settings/settings';
import { queueMail } from './queue';
import type { RenderedMail } from './templates/layout';
import type { TicketMailBase } from './templates/ticket-subject';

/**
 * Mail to a request's customer: their address and name, the request's number, subject and CERN,
 * the support name — handed to a template — then queued (threaded on the request). Nothing when the
 * customer has no address (a phone contact). A customer without a verified portal login (a
 * guest, or anyone known only from mail or phone) gets their signed per-request link instead of
 * the portal page (lib/guest/guest-link.ts), fresh in every mail.
 */
export async function mailCustomer(
  tx: Db,
  ticket: Pick<Ticket, 'id' | 'number' | 'subject' | 'cern' | 'customerId'>,
  kind: string,
  render: (base: TicketMailBase, settings: Settings) => RenderedMail,
  fromUserId: string | null = null,
): Promise<void> {
  const [customer] = await tx
    .select({ email: customers.email, name: customers.name })
    .from(customers)
    .where(eq(customers.id, ticket.customerId));
  if (!customer?.email) return;
  const settings = await getSettings(tx);
  const base: TicketMailBase = {
    number: ticket.number,
    subject: ticket.subject,
    cern: ticket.cern,
    customerName: customer.name,
    supportName: settings.mail.supportName,
  };
  if (!(await verifiedLoginOf(tx, ticket.customerId))) base.guestUrl = guestUrl(ticket.id);
  await queueMail(tx, { kind, to: customer.email, mail: render(base, settings), ticketId: ticket.id, fromUserId });
}
