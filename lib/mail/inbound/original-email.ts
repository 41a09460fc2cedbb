import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import type { Db } from '@/db/client';
import { inboundEmails, tickets, type InboundEmail } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { fail } from '@/lib/core/result';
import { storable } from './parse-email';

export interface OriginalEmail {
  id: string;
  messageId: string | null;
  fromAddress: string | null;
  subject: string | null;
  status: InboundEmail['status'];
  reason: string | null;
  receivedAt: Date;
  sizeBytes: number;
  ticketNumber: number | null;
  /** Every header line as it came (unfolded), in order. */
  headers: { name: string; value: string }[];
  /** The whole text of the mail, quoted history and signature included. */
  text: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function loadRow(db: Db, actor: Actor, id: string) {
  // Staff only; anyone else (and any id that is not one) gets "not found", never "forbidden".
  if (!can(actor, 'ticket.read_any') || !UUID.test(id)) fail('not_found', 'E-mail not found.');
  const [row] = await db
    .select({ email: inboundEmails, ticketNumber: tickets.number })
    .from(inboundEmails)
    .leftJoin(tickets, eq(tickets.id, inboundEmails.ticketId))
    .where(eq(inboundEmails.id, id));
  if (!row) fail('not_found', 'E-mail not found.');
  return row;
}

/** The original of an e-mail that came in: its headers and full text, for staff. */
export async function getOriginalEmail(db: Db, actor: Actor, id: string): Promise<OriginalEmail> {
  const { email, ticketNumber } = await loadRow(db, actor, id);
  const parsed = await simpleParser(email.raw, { skipImageLinks: true, skipTextLinks: true }).catch(() => null);
  return {
    id: email.id,
    messageId: email.messageId,
    fromAddress: email.fromAddress,
    subject: email.subject,
    status: email.status,
    reason: email.reason,
    receivedAt: email.receivedAt,
    sizeBytes: email.sizeBytes,
    ticketNumber,
    headers: (parsed?.headerLines ?? [])
      .map(({ line }) => {
        const colon = line.indexOf(':');
        const value = line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ');
        return { name: storable(line.slice(0, Math.max(colon, 0))), value: storable(value.trim()) };
      })
      .filter((h) => h.name.length > 0),
    text: storable(parsed?.text ?? ''),
  };
}

/** The raw bytes, for the download as message/rfc822 (staff only). */
export async function getRawEmail(db: Db, actor: Actor, id: string): Promise<{ raw: Buffer; filename: string }> {
  const { email } = await loadRow(db, actor, id);
  return { raw: email.raw, filename: `email-${email.id}.eml` };
}
