import { NextResponse } from 'next/server';
import { getActor } from '@/app/_auth/session';
import type { Role } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { AppError, httpStatus, type Result } from '@/lib/core/result';

type Handler = (actor: Actor) => Promise<Response>;

/**
 * Route handlers are public endpoints: session and role first, then the lib/ call. AppErrors
 * map to their HTTP status once (lib/result.ts); anything else is a 500 without internals.
 */
export async function withApiActor(roles: readonly Role[], handler: Handler): Promise<Response> {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ error: 'unauthorized', message: 'Sign in first.' }, { status: 401 });
  if (!roles.includes(actor.role)) return NextResponse.json({ error: 'forbidden', message: 'You do not have permission to do that.' }, { status: 403 });
  try {
    return await handler(actor);
  } catch (error) {
    if (error instanceof AppError) return fromResult({ ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors, retryAfter: error.retryAfter });
    console.error('api handler failed', error);
    return NextResponse.json({ error: 'internal', message: 'Something went wrong on our side.' }, { status: 500 });
  }
}

export function fromResult<T>(result: Result<T>, status = 200): Response {
  if (result.ok) return NextResponse.json(result.data, { status });
  // A rate limit says when to come back (RFC 9110 Retry-After, in seconds).
  const headers = result.retryAfter ? { 'Retry-After': String(result.retryAfter) } : undefined;
  return NextResponse.json({ error: result.code, message: result.message, fieldErrors: result.fieldErrors }, { status: httpStatus[result.code], headers });
}
