/**
 * Cross-site request refusal for the cookie-authenticated API (/api/v1 route handlers): the one
 * place the rule lives. Server actions have Next's own Origin check; route handlers have none, and
 * the session cookie's SameSite=Lax stops only cross-*site* POSTs — not a sibling subdomain, not an
 * older browser. So a state-changing request (POST, PUT, PATCH, DELETE) that carries the session
 * cookie and no bearer token must come from our own origin:
 *
 * - `Sec-Fetch-Site: cross-site` or `same-site` → refused (a sibling subdomain is another site to us);
 * - an `Origin` whose host is not the request's own host (`X-Forwarded-Host`, else `Host`) nor the
 *   configured APP_URL / NEXTAUTH_URL host → refused; `Origin: null` (sandboxed frames, data: URLs) too;
 * - no `Origin` and no `Sec-Fetch-Site` → allowed: every browser of the last years sends Origin on
 *   these methods, so the request is from a non-browser client (a script holding a cookie), which
 *   could send any Origin it likes anyway — refusing it would protect nothing.
 *
 * Reads and requests without the session cookie (guests) are not its business: a guest has no
 * session to abuse. A bearer token passes only where the handler authenticates by that token
 * (`apiRoute`, lib/api/handler.ts: a browser never sends one on its own); a cookie-only handler is
 * checked whatever `Authorization` says, since a browser behind a Basic or Negotiate proxy attaches
 * that header by itself.
 */
export const CROSS_SITE_MESSAGE =
  'This request came from another site. Send it from Cairn itself, or use an API token (Authorization: Bearer).';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** next-auth's session cookie, `__Secure-` over HTTPS, chunked (`.0`, `.1`) when large. */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token(?:\.\d+)?=/;

export interface RequestLike {
  method: string;
  url: string;
  headers: Headers;
}

const hostOf = (url: string | undefined): string | null => {
  if (!url) return null;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
};

/** True when the rule above refuses the request (pure: unit-tested). */
export function isCrossSiteWrite(
  request: RequestLike,
  { bearerAuthenticates = false }: { bearerAuthenticates?: boolean } = {},
  env: Record<string, string | undefined> = process.env,
): boolean {
  if (!STATE_CHANGING.has(request.method.toUpperCase())) return false;
  if (bearerAuthenticates && /^Bearer\s/i.test(request.headers.get('authorization') ?? '')) return false;
  if (!SESSION_COOKIE.test(request.headers.get('cookie') ?? '')) return false;
  const site = request.headers.get('sec-fetch-site')?.toLowerCase();
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  const from = origin.trim().toLowerCase() === 'null' ? null : hostOf(origin);
  if (!from) return true;
  const own = [
    request.headers.get('x-forwarded-host')?.split(',')[0]?.trim().toLowerCase(),
    request.headers.get('host')?.trim().toLowerCase(),
    hostOf(request.url),
    hostOf(env.APP_URL),
    hostOf(env.NEXTAUTH_URL),
  ];
  return !own.includes(from);
}

/** The 403 a refused request gets (the API's error shape), or null when it may go on. */
export function refuseCrossSite(request: RequestLike): Response | null {
  if (!isCrossSiteWrite(request)) return null;
  return Response.json(
    { error: 'cross_site', message: CROSS_SITE_MESSAGE },
    { status: 403, headers: { 'Cache-Control': 'no-store' } },
  );
}
