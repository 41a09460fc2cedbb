import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { outbox } from '@/db/schema';
import { enqueue } from '@/lib/jobs/enqueue';
import { getSettings, type Settings } from '@/lib/settings/settings';
import type { RenderedMail } from './templates/layout';

export interface QueuedMail {
  /** The template kind (lib/mail/templates): `acknowledgement`, `reply`, `invitation`, … */
  kind: string;
  /** No address (a phone-only customer) → nothing is queued. */
  to: string | null;
  mail: RenderedMail;
  /** The request the mail is about: threads it, and lists it on the ticket. */
  ticketId?: string | null;
  /** The staff member it speaks for (their name on the From line). */
  fromUserId?: string | null;
}

/** Our Message-IDs: `cairn.<uuid>@<domain of the support address>` (stored without brackets). */
export const newMessageId = (domain: string): string => `cairn.${randomUUID()}@${domain}`;

/** How many Message-IDs a References header carries at most (the newest; the first is kept by clients anyway). */
export const MAX_REFERENCES = 20;

/**
 * The thread of a request so far: every Message-ID we sent on it (outbox) and received on it
 * (inbound_emails), oldest first, the newest MAX_REFERENCES of them.
 */
export async function ticketThread(tx: Db, ticketId: string): Promise<string[]> {
  const rows = rowsOf<{ message_id: string }>(await tx.execute(sql`select message_id from ${threadOf(ticketId)} t`));
  return rows.map((r) => r.message_id).reverse();
}

/** The rows of `ticketThread` (message_id, at), newest first, as a subquery. */
function threadOf(ticketId: string): SQL {
  return sql`(
    select message_id, created_at as at from outbox where ticket_id = ${ticketId} and message_id is not null
    union all
    select message_id, received_at as at from inbound_emails where ticket_id = ${ticketId} and message_id is not null
    order by at desc
    limit ${MAX_REFERENCES})`;
}

/**
 * The one way the app sends mail: a row in `outbox` and a `mail.send` job, both written in the
 * caller's transaction, so a mail exists exactly when the change that caused it committed and is
 * never lost. The Message-ID is ours (the support address's domain); mail about a request
 * answers the newest message of its thread (In-Reply-To) and carries the thread (References), so
 * the customer's client shows one conversation. The send happens in the job, never in the request.
 */
export async function queueMail(
  tx: Db,
  input: QueuedMail,
  /** The settings when the caller has read them already (their support address names the Message-ID). */
  settings?: Settings,
): Promise<{ id: string; messageId: string } | null> {
  if (!input.to) return null;
  const { mail } = settings ?? (await getSettings(tx));
  const domain = mail.supportAddress.split('@')[1] || 'cairn.local';
  const messageId = newMessageId(domain);
  // The thread so far (ticketThread) is read by the INSERT itself: the newest as In-Reply-To,
  // all of them, oldest first, as References.
  const thread = input.ticketId ? threadOf(input.ticketId) : null;
  const [row] = await tx
    .insert(outbox)
    .values({
      kind: input.kind,
      ticketId: input.ticketId ?? null,
      toAddress: input.to,
      subject: input.mail.subject,
      body: input.mail.text,
      html: input.mail.html,
      messageId,
      inReplyTo: thread ? sql`(select message_id from ${thread} t order by at desc limit 1)` : null,
      references: thread ? sql`(select coalesce(array_agg(message_id order by at), '{}') from ${thread} t)` : [],
      fromUserId: input.fromUserId ?? null,
    })
    .returning({ id: outbox.id });
  await enqueue(tx, 'mail.send', { outboxId: row!.id });
  return { id: row!.id, messageId };
}
