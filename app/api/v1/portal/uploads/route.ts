import { NextResponse } from 'next/server';
import { getActor } from '@/app/_auth/session';
import { getDb, isDatabaseUnavailable } from '@/db/client';
import { tooLargeMessage } from '@/lib/attachments/limits';
import { claimUploadSlot, UPLOADS_PER_USER } from '@/lib/attachments/upload-slots';
import { AppError } from '@/lib/core/result';
import { stageUpload, unstageUpload } from '@/lib/portal/uploads';
import { clientIpFrom } from '@/lib/rate-limit/client-ip';
import { refuseCrossSite } from '@/lib/security/origin';
import { getSettings } from '@/lib/settings/settings';
import { readMultipart } from '../../read-form';
import { fromResult, unavailable } from '../../respond';

// Room for the multipart boundaries, the form key and the headers around the file itself.
const ENVELOPE = 64 * 1024;

/**
 * POST /api/v1/portal/uploads — a file for a portal form (lib/portal/uploads.ts): multipart with
 * `formKey` and `file`. Open to signed-out visitors (the guest request form), so it is limited per
 * network; a signed-in person also holds one of their upload slots while it is read.
 */
export async function POST(request: Request) {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  return answer(async () => {
    const db = getDb();
    const max = (await getSettings(db)).attachments.maxBytes;
    if (Number(request.headers.get('content-length') ?? 0) > max + ENVELOPE)
      throw new AppError('too_large', tooLargeMessage(max), { file: [tooLargeMessage(max)] });
    const actor = await getActor();
    const slot = actor ? await claimUploadSlot(db, actor.userId) : null;
    if (actor && !slot) {
      const message = `You already have ${UPLOADS_PER_USER} uploads in progress; wait for one to finish.`;
      return NextResponse.json(
        { error: 'rate_limited', message, fieldErrors: { file: [message] } },
        { status: 429, headers: { 'Retry-After': '5' } },
      );
    }
    try {
      const form = await readMultipart(request, max + ENVELOPE, 'file', tooLargeMessage(max));
      const file = form.get('file');
      if (file === null || typeof file === 'string')
        throw new AppError('invalid', 'Choose a file to attach.', { file: ['Choose a file to attach.'] });
      const result = await stageUpload(
        db,
        {
          formKey: form.get('formKey'),
          filename: file.name,
          contentType: file.type,
          data: Buffer.from(await file.arrayBuffer()),
        },
        { ip: clientIpFrom(request.headers.get('x-forwarded-for')) },
      );
      return fromResult(result, 201);
    } finally {
      await slot?.release().catch(() => undefined);
    }
  });
}

/** DELETE /api/v1/portal/uploads?formKey=…&id=… — takes a picked file off the form before it is sent. */
export async function DELETE(request: Request) {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  return answer(async () => {
    const url = new URL(request.url);
    await unstageUpload(getDb(), url.searchParams.get('formKey'), url.searchParams.get('id'));
    return new Response(null, { status: 204 });
  });
}

async function answer(handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    if (error instanceof AppError)
      return fromResult({ ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors });
    if (isDatabaseUnavailable(error)) return unavailable();
    console.error('portal upload failed', error);
    return NextResponse.json({ error: 'internal', message: 'Something went wrong on our side.' }, { status: 500 });
  }
}
