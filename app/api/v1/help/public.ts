import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { isDatabaseUnavailable } from '@/db/client';
import { AppError, fromZod } from '@/lib/core/result';
import { clientIpFrom } from '@/lib/rate-limit/client-ip';
import { fromResult, unavailable } from '../respond';

/**
 * The frame of the help routes anyone may call, signed in or not (the new-request form, the guest
 * form): no session required, the client's address for the rate limits, and the same mapping as
 * withApiActor — an AppError to its status, bad parameters to 400, an outage to 503, anything
 * else to a 500 without internals.
 */
export async function withPublicApi(
  request: Request,
  handler: (ip: string | null) => Promise<Response>,
): Promise<Response> {
  try {
    return await handler(clientIpFrom(request.headers.get('x-forwarded-for')));
  } catch (error) {
    if (error instanceof AppError)
      return fromResult({
        ok: false,
        code: error.code,
        message: error.message,
        fieldErrors: error.fieldErrors,
        retryAfter: error.retryAfter,
      });
    if (error instanceof ZodError) return fromResult(fromZod(error, 'The request has invalid parameters.'));
    if (isDatabaseUnavailable(error)) return unavailable();
    console.error('help route failed', error);
    return NextResponse.json({ error: 'internal', message: 'Something went wrong on our side.' }, { status: 500 });
  }
}

export const NO_STORE = { 'Cache-Control': 'no-store' };
