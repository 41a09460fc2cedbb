import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { inboundEmails, messages, tickets, users, type Ticket } from '@/db/schema';
import { storeAttachment } from '@/lib/attachments/add-attachment';
import { checkFile } from '@/lib/attachments/limits';
import { attachmentDir, removeStoredFile } from '@/lib/attachments/storage';
import { MAX_BODY, MAX_SUBJECT } from '@/lib/core/fields';
import type { Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { findOrCreateCustomer } from '@/lib/customers/find-or-create';
import { createTicket } from '@/lib/pipeline/create-ticket';
import { customerEmailReply } from '@/lib/pipeline/customer-reply';
import { hit, LIMITS } from '@/lib/rate-limit/rate-limit';
import { getSettings } from '@/lib/settings/settings';
import { appendEvents } from '@/lib/tickets/store';
import { findThread } from './find-thread';
import { markBounced } from '@/lib/mail/mark-bounced';
import { parseEmail, type InboundAttachment, type ParsedEmail } from './parse-email';
import { trimReply } from './trim-reply';

export type IngestStatus = 'accepted' | 'ignored' | 'bounce' | 'rejected' | 'duplicate';

export interface IngestOutcome {
  status: IngestStatus;
  /** The request the mail opened or continued (accepted), or that the first delivery reached (duplicate). */
  ticketNumber?: number;
  /** accepted: a new request, a message on an existing one, or a follow-up of a closed one. */
  outcome?: 'created' | 'replied' | 'follow_up';
  /** Why it was ignored or rejected, or which attachments were dropped. */
  reason?: string;
  inboundEmailId: string;
}

/** More files than this in one mail are dropped (with the note): one mail, not a file share. */
export const MAX_ATTACHMENTS_PER_EMAIL = 20;
export const NO_SUBJECT = '(no subject)';
export const NO_TEXT = '(no text)';
const TRUNCATED = '\n\n[Cut here: the rest is in the original e-mail.]';

const rawSchema = z.instanceof(Uint8Array);

/**
 * E-mail in: one raw RFC 5322 message, from POST /api/inbound/email or `npm run mail:ingest`.
 * Unparseable (not an e-mail, no sender) → `invalid`, nothing stored. Otherwise the message is
 * stored once (`inbound_emails`, raw bytes kept; the same Message-ID again is a `duplicate`),
 * in the same transaction as what it does:
 * - a bounce of our own mail marks that outbox row failed (status bounce);
 * - auto-replies, bulk mail, other reports, mail from our own address → ignored (no request,
 *   no acknowledgement, so no loop); a flood from one sender → rejected;
 * - else it continues its request (lib/pipeline/customer-reply: reopens a resolved one, a closed
 *   one gets a linked follow-up) or opens a new one (channel email, acknowledged), with the quoted
 *   history trimmed and its attachments checked like uploads (refused ones dropped with a note).
 */
export async function ingestEmail(
  db: Db,
  raw: Uint8Array,
  options: { now?: Date } = {},
): Promise<Result<IngestOutcome>> {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const parsed = await parseEmail(bytes);
  if (!parsed.ok) return { ok: false, code: 'invalid', message: parsed.message };
  const dir = attachmentDir();
  const written: string[] = [];
  const result = await runUseCase(db, rawSchema, bytes, (tx) =>
    ingestParsed(tx, bytes, parsed.email, options.now ?? new Date(), { dir, written }),
  ).catch(async (error: unknown) => {
    await Promise.all(written.map((id) => removeStoredFile(dir!, id).catch(() => undefined)));
    throw error;
  });
  if (!result.ok && dir) await Promise.all(written.map((id) => removeStoredFile(dir, id).catch(() => undefined)));
  return result;
}

async function ingestParsed(
  tx: Db,
  raw: Buffer,
  email: ParsedEmail,
  now: Date,
  files: { dir: string | null; written: string[] },
): Promise<IngestOutcome> {
  // First, so a second delivery of the same Message-ID (even a concurrent one: it waits on the
  // unique index until this commits) is a duplicate and does nothing.
  const [row] = await tx
    .insert(inboundEmails)
    .values({
      messageId: email.messageId,
      fromAddress: email.from.address,
      subject: email.subject || null,
      status: 'accepted',
      sizeBytes: raw.length,
      raw,
      receivedAt: now,
    })
    .onConflictDoNothing({ target: inboundEmails.messageId })
    .returning({ id: inboundEmails.id });
  if (!row) return duplicateOf(tx, email.messageId!);
  const inboundEmailId = row.id;
  const settle = async (patch: Partial<typeof inboundEmails.$inferInsert>) => {
    await tx.update(inboundEmails).set(patch).where(eq(inboundEmails.id, inboundEmailId));
  };

  if (email.deliveryReport) {
    const { originalIds, diagnostic } = email.deliveryReport;
    const marked = await markBounced(tx, originalIds, diagnostic, now);
    const status = marked.length > 0 ? 'bounce' : 'ignored';
    const reason = marked.length > 0 ? diagnostic : `delivery status report for mail we did not send: ${diagnostic}`;
    await settle({ status, reason });
    return { status, reason, inboundEmailId };
  }
  const settings = await getSettings(tx);
  const automatic =
    email.automatic ?? (email.from.address === settings.mail.supportAddress ? 'sent from our own address' : null);
  if (automatic) {
    await settle({ status: 'ignored', reason: automatic });
    return { status: 'ignored', reason: automatic, inboundEmailId };
  }
  const verdict = await hit(tx, LIMITS.inboundSender, email.from.address);
  if (!verdict.allowed) {
    const reason = LIMITS.inboundSender.message;
    await settle({ status: 'rejected', reason });
    return { status: 'rejected', reason, inboundEmailId };
  }

  const body = clip(trimReply(email.text) || NO_TEXT, MAX_BODY, TRUNCATED);
  const { customer } = await findOrCreateCustomer(tx, {
    name: (email.from.name || email.from.address.split('@')[0] || email.from.address).slice(0, 200),
    email: email.from.address,
    channel: 'email',
  });
  const [login] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.customerId, customer.id), eq(users.role, 'customer')));
  const userId = login?.id ?? null;
  // Before the acknowledgement is queued: it threads under this mail (In-Reply-To, lib/mail/queue).
  const recordOn = async (_tx: Db, ticket: Ticket) => settle({ ticketId: ticket.id });

  const thread = await findThread(tx, {
    senderAddress: email.from.address,
    threadIds: email.threadIds,
    subject: email.subject,
  });
  let ticket: Pick<Ticket, 'id' | 'number'>;
  let messageId: string | null = null;
  let outcome: IngestOutcome['outcome'];
  if (thread) {
    const reply = await customerEmailReply(tx, {
      customer,
      userId,
      number: thread.number,
      body,
      onFollowUp: recordOn,
    });
    ticket = reply.ticket;
    messageId = reply.messageId;
    outcome = reply.followUp ? 'follow_up' : 'replied';
  } else {
    const created = await createTicket(tx, {
      customer,
      subject: clip(email.subject || NO_SUBJECT, MAX_SUBJECT, '…'),
      description: body,
      channel: 'email',
      loggedBy: null,
      now,
      onCreated: recordOn,
    });
    ticket = created.ticket;
    outcome = 'created';
  }

  const dropped = await attachFiles(tx, ticket, email.attachments, {
    messageId,
    uploadedBy: userId,
    maxBytes: settings.attachments.maxBytes,
    ...files,
  });
  const reason = dropped.length > 0 ? `Attachments not kept: ${dropped.join('; ')}` : null;
  if (reason) {
    await tx.insert(messages).values({
      ticketId: ticket.id,
      authorKind: 'system',
      body: `${reason}. The original e-mail still has them.`,
      visibility: 'internal',
      channel: 'email',
    });
    await appendEvents(tx, ticket, null, [{ type: 'noted', to: 'internal', data: { reason: 'attachments_dropped' } }]);
  }
  await settle({ status: 'accepted', ticketId: ticket.id, ticketMessageId: messageId, reason });
  return { status: 'accepted', ticketNumber: ticket.number, outcome, inboundEmailId, ...(reason ? { reason } : {}) };
}

/** Each file through the upload checks (size from the settings, type, content); what fails is listed. */
async function attachFiles(
  tx: Db,
  ticket: Pick<Ticket, 'id' | 'number'>,
  files: InboundAttachment[],
  options: {
    messageId: string | null;
    uploadedBy: string | null;
    maxBytes: number;
    dir: string | null;
    written: string[];
  },
): Promise<string[]> {
  const dropped: string[] = [];
  for (const [i, file] of files.entries()) {
    if (i >= MAX_ATTACHMENTS_PER_EMAIL) {
      dropped.push(`${file.filename} (more than ${MAX_ATTACHMENTS_PER_EMAIL} files in one e-mail)`);
      continue;
    }
    const checked = checkFile(file, options.maxBytes);
    if (!checked.ok) {
      dropped.push(`${file.filename} (${checked.message.replace(/\.$/, '')})`);
      continue;
    }
    await storeAttachment(tx, ticket, checked, file.data, {
      messageId: options.messageId,
      uploadedBy: options.uploadedBy,
      dir: options.dir,
      onWritten: (id) => options.written.push(id),
    });
  }
  return dropped;
}

async function duplicateOf(tx: Db, messageId: string): Promise<IngestOutcome> {
  const [first] = await tx
    .select({ id: inboundEmails.id, number: tickets.number })
    .from(inboundEmails)
    .leftJoin(tickets, eq(tickets.id, inboundEmails.ticketId))
    .where(eq(inboundEmails.messageId, messageId));
  if (!first) throw new Error('inbound insert conflicted without an existing row');
  return {
    status: 'duplicate',
    inboundEmailId: first.id,
    reason: 'This Message-ID was received before.',
    ...(first.number ? { ticketNumber: first.number } : {}),
  };
}

function clip(text: string, max: number, marker: string): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return chars.slice(0, max - [...marker].length).join('') + marker;
}
