import { createHash, timingSafeEqual } from 'node:crypto';

/** The largest raw message POST /api/inbound/email and `npm run mail:ingest` read (larger → 413). */
export const MAX_INBOUND_BYTES = 25 * 1024 * 1024;

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * `Authorization: Bearer <INBOUND_EMAIL_SECRET>`, compared in constant time (both sides hashed to
 * the same length first). No secret configured → nobody gets in: e-mail in is off.
 */
export function inboundAuthorized(
  authorization: string | null,
  env: Record<string, string | undefined> = process.env,
): boolean {
  const secret = env.INBOUND_EMAIL_SECRET?.trim();
  if (!secret) return false;
  const match = /^Bearer[ \t]+(\S+)\s*$/i.exec(authorization ?? '');
  const given = match?.[1] ?? '';
  return timingSafeEqual(digest(given), digest(secret)) && given.length > 0;
}
