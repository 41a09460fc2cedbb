import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { refuseBadActionRequest } from '@/app/_http/action-request';

/**
 * Only sends signed-out visitors to the sign-in page. It is not the access check: every page,
 * server action and route handler checks the session and the role itself.
 */
export async function proxy(request: NextRequest) {
  // Server action calls are checked first, on every path (sign-up included): 413/411/400, not a 500.
  const refused = await refuseBadActionRequest(request);
  if (refused) return refused;
  if (!SIGNED_IN_ONLY.test(request.nextUrl.pathname)) return NextResponse.next();
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const url = new URL('/signin', request.url);
  url.searchParams.set('callbackUrl', request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(url);
}

const SIGNED_IN_ONLY = /^\/(portal|tickets|customers|dashboard|contacts)(\/|$)/;

export const config = {
  // Every page (server actions post to pages), not the API, static files or images.
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico).*)'],
};
