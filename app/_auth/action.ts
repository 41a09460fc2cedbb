import type { Role } from '@/db/schema';
import type { ActionState } from '@/lib/action-state';
import type { Actor } from '@/lib/auth/actor';
import { getActor } from './session';

/**
 * Server actions are public endpoints: each runs through here, which checks the session and the
 * role before the use case runs, and turns an outage into a message instead of a stack trace.
 */
export async function withActor<T>(roles: readonly Role[], body: (actor: Actor) => Promise<ActionState<T>>): Promise<ActionState<T>> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: 'Your session has ended. Sign in again.' };
  if (!roles.includes(actor.role)) return { ok: false, error: 'You do not have permission to do that.' };
  try {
    return await body(actor);
  } catch (error) {
    // Next's redirect()/notFound() are thrown on purpose: let them through.
    if (error instanceof Error && 'digest' in error && typeof error.digest === 'string' && error.digest.startsWith('NEXT_')) throw error;
    console.error('server action failed', error);
    return { ok: false, error: 'Something went wrong on our side and nothing was saved. Please try again in a moment.' };
  }
}
