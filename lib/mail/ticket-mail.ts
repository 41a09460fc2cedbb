import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { jsonValue, readJson, type JsonRead } from '@/lib/core/read-together';
import { customers, users, type Ticket } from '@/db/schema';
import { guestUrl, isVerifiedLoginOf } from '@/lib/guest/guest-link';
import { settingsOf, storedSettingsJson, type Settings } from '@/lib/settings/settings';
import { queueMail } from './queue';
import type { RenderedMail } from './templates/layout';
import type { TicketMailBase } from './templates/ticket-subject';

/**
 * What a mail to a customer needs to know, as one JSON value: their address and name, whether a
 * verified login speaks for them, the sender's name and signature, the settings. `mailCustomer`
 * reads it itself, or takes it from a caller that read it together with its own reads in this
 * transaction (createTicket: one statement for everything a new request reads).
 */
export function mailRecipientRead(customerId: string, fromUserId: string | null = null): JsonRead<MailRecipient> {
  return {
    sql: sql`(select json_build_object(
        'email', ${customers.email}, 'name', ${customers.name},
        'verified', exists (select 1 from ${users} where ${isVerifiedLoginOf(customers.id)}),
        'senderName', sender.name, 'senderSignature', sender.signature,
        'settings', ${storedSettingsJson})
      from ${customers} left join users sender on sender.id = ${fromUserId ?? NO_ID}::uuid
      where ${eq(customers.id, customerId)})`,
    parse(value) {
      const row = value === null || value === undefined ? null : jsonValue<RecipientRow>(value);
      return { customerId, fromUserId, row };
    },
  };
}

interface RecipientRow {
  email: string | null;
  name: string;
  verified: boolean;
  senderName: string | null;
  senderSignature: string | null;
  settings: { key: string; value: unknown }[];
}

/** A customer's mail facts (`mailRecipientRead`); `row` null: no such customer. */
export interface MailRecipient {
  customerId: string;
  fromUserId: string | null;
  row: RecipientRow | null;
}

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
  /** `mailRecipientRead(ticket.customerId, fromUserId)`, read earlier in this transaction. */
  recipient?: MailRecipient,
): Promise<void> {
  if (recipient && (recipient.customerId !== ticket.customerId || recipient.fromUserId !== fromUserId))
    throw new Error('mailCustomer was handed the mail facts of another customer or sender');
  // One statement (none when the caller read it): the customer, whether a verified login speaks
  // for them, the sender, the settings.
  const { row } = recipient ?? (await readJson(tx, mailRecipientRead(ticket.customerId, fromUserId)));
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
