import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { attachments, messages, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { runUseCase } from '@/lib/core/run-use-case';
import { fail, type Result } from '@/lib/core/result';
import { appendEvents, formatNumber, lockOwnTicket, lockTicket } from '@/lib/tickets/store';
import { getSettings } from '@/lib/settings/settings';
import { checkFile } from './limits';
import { requestNumber } from '@/lib/tickets/request-number';
import { attachmentDir, removeStoredFile, writeStoredFile } from './storage';

export const addAttachmentSchema = z.object({
  /** A request number as typed or routed; anything that is not one is "not found". */
  number: z.union([z.number(), z.string()], { error: 'Unknown request number.' }),
  filename: z.string({ error: 'Choose a file to attach.' }),
  contentType: z.string().max(255).default(''),
  data: z.instanceof(Uint8Array, { error: 'Choose a file to attach.' }),
  /** Optionally, the message on the same request the file belongs to (an internal note keeps it internal). */
  messageId: z.uuid('Unknown message.').optional(),
});
export type AddAttachmentInput = z.input<typeof addAttachmentSchema>;

export interface AttachmentSummary {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  createdAt: Date;
}

/**
 * Attaches a file to a request: staff on any request that is not closed, a customer only on
 * their own (anyone else's is "not found"). The file must pass the size and type limits; its
 * bytes go to the database, or to ATTACHMENT_DIR when that is set. Adding a file changes no
 * field of the request, so it takes no version and bumps none; the row lock only orders it
 * against a concurrent close.
 */
export async function addAttachment(db: Db, actor: Actor, raw: AddAttachmentInput): Promise<Result<AttachmentSummary>> {
  const dir = attachmentDir();
  const written: { id: string | null } = { id: null };
  try {
    const result = await runUseCase(db, addAttachmentSchema, raw, async (tx, input) => {
      const ticket = await lockForAttaching(tx, actor, requestNumber(input.number));
      if (ticket.status === 'closed')
        fail(
          'unprocessable',
          `Request ${formatNumber(ticket.number)} is closed and read-only; files can no longer be added to it.`,
        );
      // The limit an admin set in /admin/settings (ATTACHMENT_MAX_BYTES seeds its default).
      const checked = checkFile(input, (await getSettings(tx)).attachments.maxBytes);
      if (!checked.ok) fail('invalid', checked.message, { file: [checked.message] });
      if (input.messageId) await checkMessage(tx, actor, ticket, input.messageId);

      const data = Buffer.isBuffer(input.data)
        ? input.data
        : Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength);
      const row = await storeAttachment(tx, ticket, checked, data, {
        messageId: input.messageId ?? null,
        uploadedBy: actor.userId,
        dir,
        onWritten: (id) => (written.id = id),
      });
      return row;
    });
    if (!result.ok && dir && written.id) await removeStoredFile(dir, written.id);
    return result;
  } catch (error) {
    if (dir && written.id) await removeStoredFile(dir, written.id).catch(() => undefined);
    throw error;
  }
}

async function lockForAttaching(tx: Db, actor: Actor, number: number): Promise<Ticket> {
  if (actor.role === 'customer') return lockOwnTicket(tx, actor, number);
  requirePermission(actor, 'ticket.work');
  return lockTicket(tx, number);
}

/** The message must be on the same request; a customer may only file under their own public messages. */
async function checkMessage(tx: Db, actor: Actor, ticket: Ticket, messageId: string): Promise<void> {
  const [message] = await tx
    .select({ visibility: messages.visibility, authorKind: messages.authorKind })
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.ticketId, ticket.id)));
  const allowed =
    message && (actor.role !== 'customer' || (message.visibility === 'public' && message.authorKind === 'customer'));
  if (!allowed)
    fail('not_found', 'That message was not found on this request.', {
      messageId: ['That message was not found on this request.'],
    });
}

/**
 * Writes a file that passed `checkFile` onto a request, with its `attached` event: the one place
 * attachment rows are made (uploads here, e-mailed files in lib/mail/inbound). With a directory,
 * the bytes go there last, so only a failed commit can leave a file behind; `onWritten` tells the
 * caller which one to remove then.
 */
export async function storeAttachment(
  tx: Db,
  ticket: Pick<Ticket, 'id' | 'number'>,
  checked: { filename: string; contentType: string },
  data: Buffer,
  options: {
    messageId: string | null;
    uploadedBy: string | null;
    dir: string | null;
    onWritten?: (id: string) => void;
  },
): Promise<AttachmentSummary> {
  const { dir } = options;
  const [row] = await tx
    .insert(attachments)
    .values({
      ticketId: ticket.id,
      messageId: options.messageId,
      filename: checked.filename,
      contentType: checked.contentType,
      size: data.length,
      data: dir ? Buffer.alloc(0) : data,
      uploadedBy: options.uploadedBy,
    })
    .returning({
      id: attachments.id,
      filename: attachments.filename,
      contentType: attachments.contentType,
      size: attachments.size,
      createdAt: attachments.createdAt,
    });
  if (!row) throw new Error('attachment insert returned nothing');
  await appendEvents(tx, ticket, options.uploadedBy, [
    {
      type: 'attached',
      to: row.filename,
      data: { attachmentId: row.id, size: row.size, contentType: row.contentType, messageId: options.messageId },
    },
  ]);
  if (dir) {
    options.onWritten?.(row.id);
    await writeStoredFile(dir, row.id, data);
  }
  return row;
}
