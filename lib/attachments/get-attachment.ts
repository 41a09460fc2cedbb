import { and, asc, eq, isNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { attachments, messages, tickets, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { attempt, fail, type Result } from '@/lib/core/result';
import { formatNumber } from '@/lib/tickets/store';
import { requestNumber } from '@/lib/tickets/request-number';
import { attachmentDir, isStoredOnDisk, readStoredFile } from './storage';

/** What the lists show: metadata, never bytes. */
export interface AttachmentInfo {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  createdAt: Date;
  uploadedByName: string | null;
  /** Filed under an internal note: staff only (the customer never sees it listed). */
  internal: boolean;
}

export interface AttachmentFile extends AttachmentInfo {
  data: Buffer;
}

/** More than any real request carries; a bound, so a runaway script cannot make the page huge. */
const LIST_LIMIT = 500;

const info = {
  id: attachments.id,
  filename: attachments.filename,
  contentType: attachments.contentType,
  size: attachments.size,
  createdAt: attachments.createdAt,
  uploadedByName: users.name,
  visibility: messages.visibility,
};

/**
 * Customers see files on their own requests, except those filed under an internal note.
 * Everything else is "not found", never "forbidden", so ids and numbers cannot be probed.
 */
const customerSees = (): SQL => or(isNull(attachments.messageId), eq(messages.visibility, 'public'))!;

const NOT_FOUND = 'Attachment not found.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The files on a request, oldest first, for the ticket page and the portal request page. */
export function listAttachments(db: Db, actor: Actor, rawNumber: unknown): Promise<Result<AttachmentInfo[]>> {
  return attempt(async () => {
    const number = requestNumber(rawNumber);
    const isCustomer = actor.role === 'customer';
    if (!isCustomer) requirePermission(actor, 'ticket.read_any');
    if (isCustomer && !actor.customerId) fail('not_found', `Request ${formatNumber(number)} was not found.`);
    const [ticket] = await db
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(eq(tickets.number, number), isCustomer ? eq(tickets.customerId, actor.customerId!) : undefined));
    if (!ticket) fail('not_found', `Request ${formatNumber(number)} was not found.`);

    const rows = await db
      .select(info)
      .from(attachments)
      .leftJoin(messages, eq(messages.id, attachments.messageId))
      .leftJoin(users, eq(users.id, attachments.uploadedBy))
      .where(and(eq(attachments.ticketId, ticket.id), isCustomer ? customerSees() : undefined))
      .orderBy(asc(attachments.createdAt), asc(attachments.id))
      .limit(LIST_LIMIT);
    return rows.map(({ visibility, ...row }) => ({ ...row, internal: visibility === 'internal' }));
  });
}

/** One file with its bytes, for the download route: the same visibility as the lists. */
export function getAttachment(db: Db, actor: Actor, rawId: unknown): Promise<Result<AttachmentFile>> {
  return attempt(async () => {
    if (typeof rawId !== 'string' || !UUID.test(rawId)) fail('not_found', NOT_FOUND);
    const isCustomer = actor.role === 'customer';
    if (!isCustomer) requirePermission(actor, 'ticket.read_any');
    if (isCustomer && !actor.customerId) fail('not_found', NOT_FOUND);

    const [row] = await db
      .select({ ...info, data: attachments.data })
      .from(attachments)
      .innerJoin(tickets, eq(tickets.id, attachments.ticketId))
      .leftJoin(messages, eq(messages.id, attachments.messageId))
      .leftJoin(users, eq(users.id, attachments.uploadedBy))
      .where(
        and(
          eq(attachments.id, rawId),
          isCustomer ? and(eq(tickets.customerId, actor.customerId!), customerSees()) : undefined,
        ),
      );
    if (!row) fail('not_found', NOT_FOUND);
    return withBytes(row);
  });
}

/** The guest link's view (lib/guest): the files the customer sees on that one request. */
export async function listCustomerAttachments(db: Db, ticketId: string): Promise<AttachmentInfo[]> {
  const rows = await db
    .select(info)
    .from(attachments)
    .leftJoin(messages, eq(messages.id, attachments.messageId))
    .leftJoin(users, eq(users.id, attachments.uploadedBy))
    .where(and(eq(attachments.ticketId, ticketId), customerSees()))
    .orderBy(asc(attachments.createdAt), asc(attachments.id))
    .limit(LIST_LIMIT);
  return rows.map(({ visibility, ...row }) => ({ ...row, internal: visibility === 'internal' }));
}

/** One file of that one request, as the customer may see it (a guest link's download); anything else is "not found". */
export function getCustomerAttachment(db: Db, ticketId: string, rawId: unknown): Promise<Result<AttachmentFile>> {
  return attempt(async () => {
    if (typeof rawId !== 'string' || !UUID.test(rawId)) fail('not_found', NOT_FOUND);
    const [row] = await db
      .select({ ...info, data: attachments.data })
      .from(attachments)
      .leftJoin(messages, eq(messages.id, attachments.messageId))
      .leftJoin(users, eq(users.id, attachments.uploadedBy))
      .where(and(eq(attachments.id, rawId), eq(attachments.ticketId, ticketId), customerSees()));
    if (!row) fail('not_found', NOT_FOUND);
    return withBytes(row);
  });
}

async function withBytes(
  row: Omit<AttachmentInfo, 'internal'> & { visibility: string | null; data: unknown },
): Promise<AttachmentFile> {
  const { visibility, data: stored, ...meta } = row;
  // PGlite hands bytea back as a Uint8Array, postgres as a Buffer.
  let data = Buffer.isBuffer(stored) ? stored : Buffer.from(stored as Uint8Array);
  if (isStoredOnDisk({ size: meta.size, data })) {
    const dir = attachmentDir();
    if (!dir) throw new Error(`attachment ${meta.id} is stored on disk, but ATTACHMENT_DIR is not set`);
    data = await readStoredFile(dir, meta.id);
  }
  return { ...meta, internal: visibility === 'internal', data };
}
