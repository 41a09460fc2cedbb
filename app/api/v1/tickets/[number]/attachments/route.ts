import { apiListAttachments, apiUploadAttachment } from '@/lib/api/attachments';
import { listAttachmentsOp, uploadAttachmentOp } from '@/lib/api/resources/attachments';
import { route } from '../../../public';

/** GET /api/v1/tickets/N/attachments — the files on a ticket (metadata); staff and the ticket's customer. */
export const GET = route(listAttachmentsOp, ({ db, actor, params }) => apiListAttachments(db, actor, params.number));

/** POST /api/v1/tickets/N/attachments — multipart, the file in `file` (optional `messageId`). */
export const POST = route(uploadAttachmentOp, ({ db, actor, params, body }) =>
  apiUploadAttachment(db, actor, params.number, body),
);
