import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Stateless signed links (issue 13): a guest's per-request link, anything that must work without
 * a password and without a row per link. The token is `<payload>.<signature>`, both base64url;
 * the payload names its purpose, the subject (a ticket id, a survey id) and an expiry, and the
 * HMAC-SHA256 covers all three, so a link for one request or purpose never opens another.
 * Single use, where needed, is the caller's: a state change the link can only make once.
 *
 * The key is `LINK_SECRET`, else `NEXTAUTH_SECRET` (both from the environment; production must
 * set one). Rotating it ends every link in flight.
 */
export type LinkPurpose = 'guest' | 'survey';

export interface LinkClaims {
  purpose: LinkPurpose;
  subject: string;
  expiresAt: Date;
}

const DEV_SECRET = 'cairn-dev-link-secret-not-for-production';

export function linkSecret(env: Record<string, string | undefined> = process.env): string {
  const secret = env.LINK_SECRET || env.NEXTAUTH_SECRET;
  if (secret) return secret;
  if (env.NODE_ENV === 'production') throw new Error('LINK_SECRET or NEXTAUTH_SECRET must be set in production');
  return DEV_SECRET;
}

const mac = (payload: string, secret: string): Buffer => createHmac('sha256', secret).update(payload).digest();

export function signLink(claims: LinkClaims, secret = linkSecret()): string {
  const payload = Buffer.from(
    JSON.stringify({ p: claims.purpose, s: claims.subject, e: Math.floor(claims.expiresAt.getTime() / 1000) }),
  ).toString('base64url');
  return `${payload}.${mac(payload, secret).toString('base64url')}`;
}

/** Why a link does not open: told apart only for the page's wording, never for what it reveals. */
export type LinkRefusal = 'malformed' | 'tampered' | 'expired' | 'wrong_purpose';

export function verifyLink(
  token: string,
  purpose: LinkPurpose,
  now = new Date(),
  secret = linkSecret(),
): { ok: true; subject: string; expiresAt: Date } | { ok: false; reason: LinkRefusal } {
  if (typeof token !== 'string' || token.length > 512) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]!) || !/^[A-Za-z0-9_-]+$/.test(parts[1]!))
    return { ok: false, reason: 'malformed' };
  const [payload, signature] = parts as [string, string];
  const expected = mac(payload, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'tampered' };
  let claims: { p?: unknown; s?: unknown; e?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims.s !== 'string' || typeof claims.e !== 'number') return { ok: false, reason: 'malformed' };
  if (claims.p !== purpose) return { ok: false, reason: 'wrong_purpose' };
  const expiresAt = new Date(claims.e * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, subject: claims.s, expiresAt };
}
