import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { customers, users, type Ticket } from '@/db/schema';
import { guestUrl, isVerifiedLoginOf } from '@/lib/guest/guest-link';
import { settingsOf, storedSettingsJson, type Settings } from '@/lib/settings/settings';
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
  render: (base: TicketMailBase, settings: Settings, sender: MailSender | null) => RenderedMail,
  fromUserId: string | null = null,
): Promise<void> {
  // One statement: the customer, whether a verified login speaks for them, the sender, the settings.
  const sender = alias(users, 'sender');
  const [row] = await tx
    .select({
      email: customers.email,
      name: customers.name,
      verified: sql<boolean>`exists ${tx
        .select({ one: sql`1` })
        .from(users)
        .where(isVerifiedLoginOf(customers.id))}`,
      senderName: sender.name,
      senderSignature: sender.signature,
      settings: storedSettingsJson,
    })
    .from(customers)
    .leftJoin(sender, eq(sender.id, fromUserId ?? NO_ID))
    .where(eq(customers.id, ticket.customerId));
  if (!row?.email) return;
  const settings = settingsOf(row.settings);
  const base: TicketMailBase = {
    number: ticket.number,
    subject: ticket.subject,
    cern: ticket.cern,
    customerName: row.name,
    supportName: settings.mail.supportName,
  };
  if (!row.verified) base.guestUrl = guestUrl(ticket.id);
  const from = row.senderName === null ? null : { name: row.senderName, signature: row.senderSignature };
  await queueMail(
    tx,
    { kind, to: row.email, mail: render(base, settings, from), ticketId: ticket.id, fromUserId },
    settings,
  );
}

/** The staff member a mail speaks for (`fromUserId`), as stored now. */
export interface MailSender {
  name: string;
  signature: string | null;
}

const NO_ID = '00000000-0000-0000-0000-000000000000';
