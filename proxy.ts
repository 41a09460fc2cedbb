import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';

/**
 * Only sends signed-out visitors to the sign-in page. It is not the access check: every page,
 * server action and route handler checks the session and the role itself.
 */
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const url = new URL('/signin', request.url);
  url.searchParams.set('callbackUrl', request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ['/portal/:path*', '/tickets/:path*', '/customers/:path*', '/dashboard/:path*', '/contacts/:path*'],
};
