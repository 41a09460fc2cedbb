import { NextResponse } from 'next/server';
import { getDb, isDatabaseUnavailable } from '@/db/client';
import { getCustomerAttachment } from '@/lib/attachments/get-attachment';
import { attachmentDownload } from '@/lib/attachments/limits';
import { ticketForGuestLink } from '@/lib/guest/guest-link';
import { fromResult, unavailable } from '../../../../respond';

/**
 * GET /api/v1/guest/TOKEN/attachments/ID — a file of the one request a guest link opens, as the
 * customer sees it (not under an internal note), always as a download. Any other file, or a link
 * that no longer works, is a 404.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string; id: string }> }) {
  try {
    const { token, id } = await params;
    const db = getDb();
    const found = await ticketForGuestLink(db, token);
    if (!found.ok) return NextResponse.json({ error: 'not_found', message: 'Attachment not found.' }, { status: 404 });
    const result = await getCustomerAttachment(db, found.ticket.id, id);
    if (!result.ok) return fromResult(result);
    return attachmentDownload(result.data);
  } catch (error) {
    if (isDatabaseUnavailable(error)) return unavailable();
    console.error('guest attachment failed', error);
    return NextResponse.json({ error: 'internal', message: 'Something went wrong on our side.' }, { status: 500 });
  }
}
