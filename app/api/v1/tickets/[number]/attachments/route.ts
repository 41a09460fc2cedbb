import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import type { Role } from '@/db/schema';
import { addAttachment } from '@/lib/attachments/add-attachment';
import { listAttachments } from '@/lib/attachments/get-attachment';
import { tooLargeMessage } from '@/lib/attachments/limits';
import { getSettings } from '@/lib/settings/settings';
import { claimUploadSlot, UPLOADS_PER_USER } from '@/lib/attachments/upload-slots';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/core/result';
import { readMultipart } from '../../../read-form';
import { fromResult, withApiActor, withApiWriter } from '../../../respond';

// Customers (portal) and staff alike: lib/attachments decides who reaches which request.
const EVERYONE: readonly Role[] = ['customer', 'agent', 'lead', 'admin'];
// Room for the multipart boundaries and headers around the file itself.
const ENVELOPE = 64 * 1024;

type Params = { params: Promise<{ number: string }> };

/** GET /api/v1/tickets/N/attachments — the files on a request (metadata only). */
export async function GET(_request: Request, { params }: Params) {
  return withApiActor(EVERYONE, async (actor) => {
    const { number } = await params;
    const result = await listAttachments(getDb(), actor, number);
    if (!result.ok) return fromResult(result);
    return NextResponse.json({ attachments: result.data }, { headers: { 'Cache-Control': 'private, no-store' } });
  });
}

/** POST /api/v1/tickets/N/attachments — multipart/form-data, the file in the field `file` (optional `messageId`). */
export async function POST(request: Request, { params }: Params) {
  return withApiWriter(request, EVERYONE, async (actor) => {
    const { number } = await params;
    const max = (await getSettings(getDb())).attachments.maxBytes;
    // Before any byte is read: an over-size upload is refused at once, and one user's uploads in
    // progress are capped on every instance (each is held in memory while it is checked).
    if (Number(request.headers.get('content-length') ?? 0) > max + ENVELOPE)
      throw new AppError('too_large', tooLargeMessage(max), { file: [tooLargeMessage(max)] });
    const slot = await claimUploadSlot(getDb(), actor.userId);
    if (!slot) {
      const message = `You already have ${UPLOADS_PER_USER} uploads in progress; wait for one to finish.`;
      return NextResponse.json(
        { error: 'rate_limited', message, fieldErrors: { file: [message] } },
        { status: 429, headers: { 'Retry-After': '5' } },
      );
    }
    try {
      return await upload(request, actor, number, max);
    } finally {
      await slot.release().catch(() => undefined); // an expired slot frees itself anyway
    }
  });
}

/** Reads the form (at most the limit, never trusting Content-Length alone) and attaches the file. */
async function upload(request: Request, actor: Actor, number: string, max: number): Promise<Response> {
  const form = await readMultipart(request, max + ENVELOPE, 'file', tooLargeMessage(max));
  const file = form.get('file');
  if (file === null || typeof file === 'string')
    throw new AppError('invalid', 'Choose a file to attach.', { file: ['Choose a file to attach.'] });
  const messageId = form.get('messageId');
  const result = await addAttachment(getDb(), actor, {
    number,
    filename: file.name,
    contentType: file.type,
    data: Buffer.from(await file.arrayBuffer()),
    ...(typeof messageId === 'string' && messageId !== '' ? { messageId } : {}),
  });
  return fromResult(result, 201);
}
