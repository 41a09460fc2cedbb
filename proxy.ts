import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { refuseBadActionRequest } from '@/app/_http/action-request';
import { embedFrameAncestors, isEmbedPath, newNonce, pagePolicy, servedOverHttps } from '@/lib/security/headers';

const HTTPS = servedOverHttps();
const SIGNED_IN_AREAS = [
  '/portal',
  '/tickets',
  '/customers',
  '/dashboard',
  '/contacts',
  '/account',
  '/notifications',
  '/macros',
  '/admin',
  '/articles',
];
// Open to signed-out visitors inside those areas (issue 13): the guest request form, its
// embeddable frame and a guest's per-request link pages (each checks its own link).
const GUEST_PAGES = ['/portal/new', '/portal/embed'];
const isGuestPage = (path: string) =>
  GUEST_PAGES.includes(path.replace(/\/$/, '')) || path === '/portal/guest' || path.startsWith('/portal/guest/');
const inArea = (path: string) =>
  !isGuestPage(path) && SIGNED_IN_AREAS.some((area) => path === area || path.startsWith(`${area}/`));
const EMBED_ANCESTORS = embedFrameAncestors();

/**
 * For pages (not /api: see `config`). Three jobs. (0) A possible server action (a POST with `Next-Action`, or any multipart/urlencoded POST to
 * a page: a form posted without JavaScript) that is oversized or malformed is answered 413/400 here,
 * before Next decodes it into a 500.
 * (1) Every response gets its Content-Security-Policy (a per-request nonce for pages,
 * see lib/security/headers.ts). (2) Signed-out visitors to the signed-in areas go to /signin — a
 * convenience, not the access check: every page, server action and route handler checks the
 * session (and that it has not been ended) itself.
 */
export async function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  const refused = await refuseBadActionRequest(request);
  if (refused) return refused;

  if (inArea(path)) {
    const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET, secureCookie: HTTPS });
    if (!token) {
      const url = new URL('/signin', request.url);
      url.searchParams.set('callbackUrl', request.nextUrl.pathname + request.nextUrl.search);
      return NextResponse.redirect(url);
    }
  }

  const policy = pagePolicy(newNonce(), {
    dev: process.env.NODE_ENV === 'development',
    https: HTTPS,
    ...(isEmbedPath(path) ? { frameAncestors: EMBED_ANCESTORS } : {}),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', policy); // Next.js takes the nonce from here
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  if (HTTPS) response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  return response;
}

export const config = {
  // Pages only. Build assets need no policy; /api gets its fixed policy from next.config.ts and must
  // not pass through here: Next copies a proxied request's body with a 10 MB cap
  // (`proxyClientMaxBodySize`) and silently cuts the rest, which would truncate a 20 MB inbound
  // e-mail or a large upload before the route's own limit could answer 413.
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico).*)'],
};
