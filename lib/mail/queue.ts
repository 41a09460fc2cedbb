import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { outbox } from '@/db/schema';
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

/**
 * The one way the app sends mail: a row in `outbox`, written in the caller's transaction, so a
 * mail exists exactly when the change that caused it committed. Delivery is a job's concern.
 */
export async function queueMail(tx: Db, input: QueuedMail): Promise<{ id: string; messageId: string } | null> {
  if (!input.to) return null;
  const messageId = newMessageId('cairn.local');
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
      fromUserId: input.fromUserId ?? null,
    })
    .returning({ id: outbox.id });
  return { id: row!.id, messageId };
}
