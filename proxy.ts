import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { refuseBadActionRequest } from '@/app/_http/action-request';
import { API_POLICY, newNonce, pagePolicy, servedOverHttps } from '@/lib/security/headers';

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
];
const inArea = (path: string) => SIGNED_IN_AREAS.some((area) => path === area || path.startsWith(`${area}/`));

/**
 * Three jobs. (0) A possible server action (a POST with `Next-Action`, or any multipart/urlencoded POST to
 * a page: a form posted without JavaScript) that is oversized or malformed is answered 413/400 here,
 * before Next decodes it into a 500.
 * (1) Every response gets its Content-Security-Policy (a per-request nonce for pages,
 * see lib/security/headers.ts). (2) Signed-out visitors to the signed-in areas go to /signin — a
 * convenience, not the access check: every page, server action and route handler checks the
 * session (and that it has not been ended) itself.
 */
export async function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  if (path.startsWith('/api/')) {
    const response = NextResponse.next();
    response.headers.set('Content-Security-Policy', API_POLICY);
    return response;
  }
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

  const policy = pagePolicy(newNonce(), { dev: process.env.NODE_ENV === 'development', https: HTTPS });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', policy); // Next.js takes the nonce from here
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  if (HTTPS) response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  return response;
}

export const config = {
  // Everything but build assets (static files need no policy; next.config.ts still gives them the others).
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
