import type { z } from 'zod';
import type { Db } from '@/db/client';
import { addAttachment } from '@/lib/attachments/add-attachment';
import { getAttachment, listAttachments, type AttachmentInfo } from '@/lib/attachments/get-attachment';
import { attachmentDownload } from '@/lib/attachments/limits';
import type { Actor } from '@/lib/auth/actor';
import { replyOf, type Reply } from './handler';
import type { attachmentSchema, uploadAttachmentBody } from './resources/attachments';

/** Attachments in the public API (and the UI's uploads): lib/attachments decides who reaches which file. */

const out = (a: AttachmentInfo): z.input<typeof attachmentSchema> => ({
  id: a.id,
  filename: a.filename,
  contentType: a.contentType,
  size: a.size,
  createdAt: a.createdAt.toISOString(),
  uploadedByName: a.uploadedByName,
  internal: a.internal,
});

export async function apiListAttachments(db: Db, actor: Actor, number: number): Promise<Reply> {
  return replyOf(await listAttachments(db, actor, number), 200, (rows) => ({ attachments: rows.map(out) }));
}

export async function apiUploadAttachment(
  db: Db,
  actor: Actor,
  number: number,
  body: z.output<typeof uploadAttachmentBody>,
): Promise<Reply> {
  const result = await addAttachment(db, actor, {
    number,
    filename: body.file.name,
    contentType: body.file.type,
    data: Buffer.from(await body.file.arrayBuffer()),
    ...(body.messageId ? { messageId: body.messageId } : {}),
  });
  return replyOf(result, 201, (a) => ({ ...a, createdAt: a.createdAt.toISOString() }));
}

/** The file, always as a download (`attachmentDownload`). Someone else's file is a 404. */
export async function apiDownloadAttachment(db: Db, actor: Actor, id: string): Promise<Reply | Response> {
  const result = await getAttachment(db, actor, id);
  if (!result.ok) return replyOf(result);
  return attachmentDownload(result.data);
}
