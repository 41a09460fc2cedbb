import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures (docs/webhooks.md), in the manner of Stripe's:
 *
 *   X-Cairn-Signature: t=1764500000,v1=<hex HMAC-SHA256(secret, "1764500000." + body)>
 *
 * `t` is the Unix time of the attempt (also sent as X-Cairn-Timestamp), the key is the whole secret
 * string (`whsec_…`) as UTF-8, and the body is the exact bytes sent. During the day after a
 * rotation a second `v1=` carries the signature with the previous secret.
 */
export const SIGNATURE_HEADER = 'X-Cairn-Signature';
/** How old a signature a receiver should accept (seconds); older ones may be replays. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

export function computeSignature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The header value for one attempt: every given secret signs (current first). */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${computeSignature(s, timestamp, body)}`)].join(',');
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: string };

/**
 * What a receiver does (and what our tests do): parse the header, refuse a timestamp outside the
 * tolerance, and compare every `v1` with the expected HMAC in constant time.
 */
export function verifySignature(
  header: string | null | undefined,
  body: string,
  secret: string,
  { toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, now = Date.now() }: { toleranceSeconds?: number; now?: number } = {},
): VerifyResult {
  if (!header) return { ok: false, reason: 'no signature' };
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && value) signatures.push(value);
  }
  if (timestamp === null) return { ok: false, reason: 'no timestamp' };
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds)
    return { ok: false, reason: 'timestamp outside the tolerance' };
  const expected = Buffer.from(computeSignature(secret, timestamp, body), 'hex');
  const match = signatures.some((s) => {
    const given = Buffer.from(s, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return match ? { ok: true, timestamp } : { ok: false, reason: 'no matching signature' };
}
