import { z } from 'zod';
import { getSettings } from '@/lib/settings/settings';
import { isStorableText } from '@/lib/core/fields';
import { ALLOWED_LABELS, tooLargeMessage } from '@/lib/attachments/limits';
import { defineOperation } from '../operation';
import { dateTime, numberParams, uuid } from './common';

export const attachmentSchema = z
  .object({
    id: uuid,
    filename: z.string(),
    contentType: z.string(),
    size: z.int().describe('Bytes.'),
    createdAt: dateTime,
    uploadedByName: z.string().nullable(),
    internal: z.boolean().describe('Filed under an internal note: staff only.'),
  })
  .meta({ id: 'Attachment' });

export const uploadedAttachmentSchema = attachmentSchema
  .pick({ id: true, filename: true, contentType: true, size: true, createdAt: true })
  .meta({ id: 'UploadedAttachment' });

const CHOOSE = 'Choose a file to attach.';

export const uploadAttachmentBody = z
  .object({
    file: z
      .file({ error: CHOOSE })
      .refine((f) => isStorableText(f.name), 'The file name has characters that cannot be stored (NUL).'),
    messageId: z
      .union([z.uuid('Unknown message.'), z.literal('')])
      .optional()
      .describe('The message on the same ticket the file belongs to (an internal note keeps it internal).'),
  })
  .meta({ id: 'AttachmentUpload' });

export const listAttachmentsOp = defineOperation({
  id: 'listAttachments',
  method: 'GET',
  path: '/tickets/{number}/attachments',
  tag: 'Attachments',
  summary: "The ticket's files",
  description: 'Metadata only, oldest first. A signed-in customer (portal session) sees their own tickets’ files.',
  scope: 'read',
  customers: true,
  params: numberParams,
  responses: {
    200: { description: 'The files.', schema: z.object({ attachments: z.array(attachmentSchema) }) },
    404: { description: 'No such ticket (or not yours).' },
  },
});

export const uploadAttachmentOp = defineOperation({
  id: 'uploadAttachment',
  method: 'POST',
  path: '/tickets/{number}/attachments',
  tag: 'Attachments',
  summary: 'Attach a file to a ticket',
  description: `multipart/form-data with the file in \`file\`. The admin's size limit and the allowed types (${ALLOWED_LABELS}; the name, the declared type and the first bytes must agree) apply, as in the UI. Nothing is saved when the file is refused.`,
  scope: 'write',
  customers: true,
  multipart: {
    maxBytes: async (db) => (await getSettings(db)).attachments.maxBytes,
    tooLarge: tooLargeMessage,
  },
  params: numberParams,
  body: uploadAttachmentBody,
  responses: {
    201: { description: 'Attached.', schema: uploadedAttachmentSchema },
    400: { description: 'No file, an empty, over-size or disallowed file, or a name with NUL.' },
    404: { description: 'No such ticket (or not yours), or no such message on it.' },
    413: { description: 'The upload is over the size limit.' },
    415: { description: 'The body is not multipart/form-data.' },
    422: { description: 'The ticket is closed (or the Idempotency-Key was used with another request).' },
  },
});

export const downloadAttachmentOp = defineOperation({
  id: 'downloadAttachment',
  method: 'GET',
  path: '/attachments/{id}',
  tag: 'Attachments',
  summary: 'Download a file',
  description:
    'The bytes, always as a download (`Content-Disposition: attachment`, `nosniff`). Someone else’s file is a 404.',
  scope: 'read',
  customers: true,
  params: z.object({ id: z.uuid() }),
  responses: {
    200: { description: 'The file.', contentType: 'application/octet-stream' },
    404: { description: 'No such file (or not yours).' },
  },
});

export const ATTACHMENT_OPERATIONS = [listAttachmentsOp, uploadAttachmentOp, downloadAttachmentOp];
