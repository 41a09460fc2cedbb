import { revalidatePath } from 'next/cache';
import { DATABASE_UNAVAILABLE, getDb, isDatabaseUnavailable, type Db } from '@/db/client';
import type { Role } from '@/db/schema';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';
import type { Actor } from '@/lib/auth/actor';
import type { Result } from '@/lib/core/result';
import { getActor } from './session';

/**
 * Server actions are public endpoints: each runs through here, which checks the session and the
 * role before the use case runs, and turns an outage into a message instead of a stack trace.
 */
export async function withActor<T>(
  roles: readonly Role[],
  body: (actor: Actor) => Promise<ActionState<T>>,
): Promise<ActionState<T>> {
  try {
    const actor = await getActor();
    if (!actor) return { ok: false, error: 'Your session has ended. Sign in again.' };
    if (!roles.includes(actor.role)) return { ok: false, error: 'You do not have permission to do that.' };
    return await body(actor);
  } catch (error) {
    // Next's redirect()/notFound() are thrown on purpose: let them through.
    if (
      error instanceof Error &&
      'digest' in error &&
      typeof error.digest === 'string' &&
      error.digest.startsWith('NEXT_')
    )
      throw error;
    // The database out of reach (a restart): db/client.ts fails fast, the form says so.
    if (isDatabaseUnavailable(error)) return { ok: false, code: 'unavailable', error: DATABASE_UNAVAILABLE };
    console.error('server action failed', error);
    return {
      ok: false,
      error: 'Something went wrong on our side and nothing was saved. Please try again in a moment.',
    };
  }
}

type UseCase<T> = (db: Db, actor: Actor, raw: unknown) => Promise<Result<T>>;

/**
 * The common form action: session and role, the one use case on the form's values, a message on
 * success, and the page at `path(values)` rendered afresh.
 */
export async function formAction<T>(
  roles: readonly Role[],
  useCase: UseCase<T>,
  formData: FormData,
  { success, path }: { success: (data: T) => string; path: (values: Record<string, string>) => string },
): Promise<ActionState> {
  const values = formValues(formData);
  const state = await withActor(roles, async (actor) =>
    toActionState(await useCase(getDb(), actor, values), values, (data) => ({ message: success(data) })),
  );
  if (state?.ok) revalidatePath(path(values));
  return state;
}
