import { getDb, isDatabaseUnavailable } from '@/db/client';
import { httpStatus } from '@/lib/core/result';
import { ingestEmail } from '@/lib/mail/inbound/ingest-email';
import { inboundAuthorized, MAX_INBOUND_BYTES } from '@/lib/mail/inbound/inbound-secret';
import { readBytes } from '@/lib/core/read-body';
import { unavailable } from '../../v1/respond';

const answer = (status: number, body: Record<string, unknown>) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

/**
 * POST /api/inbound/email — one raw RFC 5322 message (`Content-Type: message/rfc822`) from an MTA
 * or a fetchmail/IMAP poller, with `Authorization: Bearer $INBOUND_EMAIL_SECRET`. No session: the
 * secret is the credential (proxy.ts lets /api/ through). Every outcome the sender should not
 * retry (accepted, ignored, bounce, rejected, duplicate) is a 200 with `{ status, ticketNumber? }`.
 */
export async function POST(request: Request) {
  if (!inboundAuthorized(request.headers.get('authorization')))
    return answer(401, { code: 'unauthorized', message: 'Send Authorization: Bearer <INBOUND_EMAIL_SECRET>.' });
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'message/rfc822')
    return answer(415, {
      code: 'unsupported_media_type',
      message: 'Send the raw message as Content-Type: message/rfc822.',
    });
  const raw = await readBytes(request, MAX_INBOUND_BYTES);
  if (!raw)
    return answer(413, { code: 'too_large', message: `The message is larger than ${MAX_INBOUND_BYTES} bytes.` });
  try {
    const result = await ingestEmail(getDb(), raw);
    if (!result.ok)
      return answer(httpStatus[result.code], {
        code: result.code === 'invalid' ? 'invalid_email' : result.code,
        message: result.message,
      });
    const { status, ticketNumber, reason } = result.data;
    return answer(200, { status, ...(ticketNumber ? { ticketNumber } : {}), ...(reason ? { reason } : {}) });
  } catch (error) {
    if (isDatabaseUnavailable(error)) return unavailable();
    console.error('inbound e-mail failed', error);
    return answer(500, { code: 'internal', message: 'Something went wrong on our side.' });
  }
}
