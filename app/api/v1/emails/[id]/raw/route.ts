import { EVERYONE } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { getRawEmail } from '@/lib/mail/inbound/original-email';
import { withApiActor } from '../../../respond';

/** GET /api/v1/emails/ID/raw — the message as it came in (message/rfc822, a download), staff only. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  // Every signed-in role reaches lib/, which answers a customer "not found" (404), never "forbidden".
  return withApiActor(EVERYONE, async (actor) => {
    const { id } = await params;
    const email = await getRawEmail(getDb(), actor, id);
    return new Response(new Uint8Array(email.raw), {
      status: 200,
      headers: {
        'Content-Type': 'message/rfc822',
        'Content-Length': String(email.raw.length),
        'Content-Disposition': `attachment; filename="${email.filename}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
        'Content-Security-Policy': "default-src 'none'; sandbox",
      },
    });
  });
}
