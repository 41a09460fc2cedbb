import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from '@/db/client';
import type { ActionState } from '@/lib/core/action-state';

/**
 * The frame of the actions anyone may call signed out (sign-up, forgot password, a reset or
 * verification link): no session to check, but an outage or a bug still becomes a message, never
 * a stack trace. Next's redirect()/notFound() pass through.
 */
export async function withoutActor<T>(body: () => Promise<ActionState<T>>): Promise<ActionState<T>> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof Error && 'digest' in error && String(error.digest).startsWith('NEXT_')) throw error;
    if (isDatabaseUnavailable(error)) return { ok: false, code: 'unavailable', error: DATABASE_UNAVAILABLE };
    console.error('public action failed', error);
    return {
      ok: false,
      error: 'Something went wrong on our side and nothing was saved. Please try again in a moment.',
    };
  }
}
