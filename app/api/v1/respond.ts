import { NextResponse } from 'next/server';
import { getActor } from '@/app/_auth/session';
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from '@/db/client';
import type { Role } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { ZodError } from 'zod';
import { AppError, fromZod, httpStatus, type Result } from '@/lib/core/result';
import { refuseCrossSite } from '@/lib/security/origin';

type Handler = (actor: Actor) => Promise<Response>;

/** What a route handler answers while the database cannot be reached: retry shortly. */
export function unavailable(): Response {
  return NextResponse.json(
    { error: 'unavailable', message: DATABASE_UNAVAILABLE },
    { status: 503, headers: { 'Retry-After': '5', 'Cache-Control': 'no-store' } },
  );
}

/**
 * Route handlers are public endpoints: session and role first, then the lib/ call. AppErrors
 * map to their HTTP status once (lib/result.ts); the database being out of reach is a 503 with
 * Retry-After (db/client.ts fails such requests fast); anything else is a 500 without internals.
 */
export async function withApiActor(roles: readonly Role[], handler: Handler): Promise<Response> {
  try {
    const actor = await getActor();
    if (!actor) return NextResponse.json({ error: 'unauthorized', message: 'Sign in first.' }, { status: 401 });
    // Customers see only their own: a staff route does not exist for them (404, never 403).
    if (!roles.includes(actor.role) && actor.role === 'customer')
      return NextResponse.json({ error: 'not_found', message: 'Not found.' }, { status: 404 });
    if (!roles.includes(actor.role))
      return NextResponse.json(
        { error: 'forbidden', message: 'You do not have permission to do that.' },
        { status: 403 },
      );
    return await handler(actor);
  } catch (error) {
    if (error instanceof AppError)
      return fromResult({
        ok: false,
        code: error.code,
        message: error.message,
        fieldErrors: error.fieldErrors,
        retryAfter: error.retryAfter,
      });
    // A query parameter a handler parsed with a zod schema: bad input, never a 500.
    if (error instanceof ZodError) return fromResult(fromZod(error, 'The request has invalid parameters.'));
    if (isDatabaseUnavailable(error)) return unavailable();
    console.error('api handler failed', error);
    return NextResponse.json({ error: 'internal', message: 'Something went wrong on our side.' }, { status: 500 });
  }
}

/**
 * withApiActor for a state-changing route handler (POST, PUT, PATCH, DELETE): a signed-in
 * browser's request from another site is refused first (403 `cross_site`, lib/security/origin.ts).
 */
export async function withApiWriter(request: Request, roles: readonly Role[], handler: Handler): Promise<Response> {
  return refuseCrossSite(request) ?? withApiActor(roles, handler);
}

export function fromResult<T>(result: Result<T>, status = 200): Response {
  if (result.ok) return NextResponse.json(result.data, { status });
  // A rate limit says when to come back (RFC 9110 Retry-After, in seconds).
  const headers = result.retryAfter ? { 'Retry-After': String(result.retryAfter) } : undefined;
  return NextResponse.json(
    { error: result.code, message: result.message, fieldErrors: result.fieldErrors },
    { status: httpStatus[result.code], headers },
  );
}

/** A CSV download (lib/export/csv.ts stream): an attachment the browser never renders or sniffs. */
export function csvDownload(
  fileName: string,
  body: ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
): Response {
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      ...headers,
    },
  });
}
