import { and, count, eq, inArray, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { portalUploads, type Ticket } from '@/db/schema';
import { storeAttachment, type AttachmentSummary } from '@/lib/attachments/add-attachment';
import { checkFile } from '@/lib/attachments/limits';
import { attachmentDir } from '@/lib/attachments/storage';
import { attempt, fail, type Result } from '@/lib/core/result';
import { enforce, LIMITS } from '@/lib/rate-limit/rate-limit';
import { getSettings } from '@/lib/settings/settings';

/**
 * Files on the portal's forms (issue 13): the new request (signed in or guest) and the reply.
 * A form is a server action, whose body is capped at 1 MB, so its files go ahead of it: each is
 * uploaded on its own (POST /api/v1/portal/uploads) with the same checks as any attachment
 * (checkFile: the size an admin set, type, first bytes) and waits in `portal_uploads` under the
 * form's key (a random UUID the page rendered). The use case that writes the request or message
 * then claims them by key and id, in its own transaction: they become attachments on that
 * message, or nothing is saved. Unclaimed files are swept after a day.
 */
export const MAX_FILES_PER_FORM = 5;
const SWEEP_AFTER = '1 day';

export const uploadIdsField = z
  .preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(z.uuid('A file is no longer available; pick it again.')).max(MAX_FILES_PER_FORM),
  )
  .optional();

export const formKeyField = z.union([z.uuid(), z.literal('')]).optional();

export interface StagedUpload {
  id: string;
  filename: string;
  size: number;
}

/** Stages one file for a form. Limited per network; at most MAX_FILES_PER_FORM per form. */
export function stageUpload(
  db: Db,
  input: { formKey: unknown; filename: string; contentType: string; data: Uint8Array },
  client: { ip: string | null },
): Promise<Result<StagedUpload>> {
  return attempt(async () => {
    const formKey = z.uuid().safeParse(input.formKey);
    if (!formKey.success)
      fail('invalid', 'Reload the page and pick the file again.', {
        file: ['Reload the page and pick the file again.'],
      });
    await enforce(db, [[LIMITS.portalUploadIp, client.ip]]);
    const checked = checkFile(input, (await getSettings(db)).attachments.maxBytes);
    if (!checked.ok) fail('invalid', checked.message, { file: [checked.message] });
    return db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`portal-upload:${formKey.data}`}))`);
      const [{ n } = { n: 0 }] = await tx
        .select({ n: count() })
        .from(portalUploads)
        .where(eq(portalUploads.formKey, formKey.data));
      if (Number(n) >= MAX_FILES_PER_FORM) {
        const message = `At most ${MAX_FILES_PER_FORM} files can go with one message.`;
        fail('invalid', message, { file: [message] });
      }
      const data = Buffer.isBuffer(input.data)
        ? input.data
        : Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength);
      const [row] = await tx
        .insert(portalUploads)
        .values({
          formKey: formKey.data,
          filename: checked.filename,
          contentType: checked.contentType,
          size: data.length,
          data,
        })
        .returning({ id: portalUploads.id, filename: portalUploads.filename, size: portalUploads.size });
      if (!row) throw new Error('upload insert returned nothing');
      if (Math.random() < 0.05)
        await tx.delete(portalUploads).where(lt(portalUploads.createdAt, sql`now() - ${SWEEP_AFTER}::interval`));
      return row;
    });
  });
}

/** Takes a staged file off a form before it is sent ("remove"): only with the form's key. */
export async function unstageUpload(db: Db, formKey: unknown, id: unknown): Promise<void> {
  const key = z.uuid().safeParse(formKey);
  const upload = z.uuid().safeParse(id);
  if (!key.success || !upload.success) return;
  await db.delete(portalUploads).where(and(eq(portalUploads.formKey, key.data), eq(portalUploads.id, upload.data)));
}

/**
 * Inside the use case that wrote `messageId` (or the request's description, null): turns the
 * form's staged files into attachments on it. A file that is gone (swept, or another form's) is
 * refused, so nothing is saved without the files the person saw listed.
 */
export async function claimUploads(
  tx: Db,
  ticket: Pick<Ticket, 'id' | 'number'>,
  input: { formKey?: string; uploadIds?: string[]; messageId: string | null; uploadedBy: string | null },
): Promise<AttachmentSummary[]> {
  const ids = [...new Set(input.uploadIds ?? [])];
  if (ids.length === 0) return [];
  if (!input.formKey)
    fail('invalid', 'A file is no longer available; pick it again.', {
      file: ['A file is no longer available; pick it again.'],
    });
  const rows = await tx
    .delete(portalUploads)
    .where(and(eq(portalUploads.formKey, input.formKey), inArray(portalUploads.id, ids)))
    .returning();
  if (rows.length !== ids.length) {
    const message = 'A file is no longer available; pick it again.';
    fail('invalid', message, { file: [message] });
  }
  const dir = attachmentDir();
  const stored: AttachmentSummary[] = [];
  for (const row of rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    const data = Buffer.isBuffer(row.data) ? row.data : Buffer.from(row.data as Uint8Array);
    stored.push(
      await storeAttachment(tx, ticket, { filename: row.filename, contentType: row.contentType }, data, {
        messageId: input.messageId,
        uploadedBy: input.uploadedBy,
        dir,
      }),
    );
  }
  return stored;
}
