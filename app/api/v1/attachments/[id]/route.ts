import { apiDownloadAttachment } from '@/lib/api/attachments';
import { downloadAttachmentOp } from '@/lib/api/resources/attachments';
import { route } from '../../public';

/** GET /api/v1/attachments/ID — the file as a download; someone else's is a 404. */
export const GET = route(downloadAttachmentOp, ({ db, actor, params }) => apiDownloadAttachment(db, actor, params.id));
