import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { fromZod, ok, type Result } from '@/lib/core/result';
import type { Actor } from './actor';
import { hashPassword, verifyPassword } from './password';
import { changePasswordSchema } from './schemas';
import { endAllSessions, endSession } from './sessions';
import { countPasswordAttempt, passwordAttemptSucceeded } from './sign-in';

/**
 * A signed-in user changes their password: the current one first (counted before it is checked,
 * like a sign-in attempt from the same address, so a borrowed session cannot guess it), then every
 * other session ends.
 */
export async function changePassword(
  db: Db,
  actor: Actor,
  raw: unknown,
  client: { ip: string | null },
): Promise<Result<{ endedSessions: number }>> {
  const parsed = changePasswordSchema.safeParse(raw);
  if (!parsed.success) return fromZod(parsed.error);
  const refusedAttempt = await countPasswordAttempt(db, actor.email, client.ip);
  if (refusedAttempt) return refusedAttempt;

  const [user] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.id, actor.userId), eq(users.active, true)));
  if (!user) return { ok: false, code: 'unauthorized', message: 'Your session has ended. Sign in again.' };
  if (!(await verifyPassword(parsed.data.currentPassword, user.passwordHash))) {
    return {
      ok: false,
      code: 'invalid',
      message: 'Please correct the highlighted fields.',
      fieldErrors: { currentPassword: ['That is not your current password.'] },
    };
  }
  await passwordAttemptSucceeded(db, actor.email, client.ip);
  const passwordHash = await hashPassword(parsed.data.newPassword);
  const endedSessions = await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, actor.userId));
    return endAllSessions(tx as unknown as Db, actor.userId, actor.sessionId);
  });
  return ok({ endedSessions });
}

/** "Sign out everywhere": every session of the user ends, this one included. */
export async function signOutEverywhere(db: Db, actor: Actor): Promise<Result<{ endedSessions: number }>> {
  return ok({ endedSessions: await endAllSessions(db, actor.userId) });
}

const endSessionSchema = z.object({ sessionId: z.uuid('Unknown session.') });

/** Ends one of the user's own sessions (from the account page's list); another user's is "not found". */
export async function endOwnSession(db: Db, actor: Actor, raw: unknown): Promise<Result<{ current: boolean }>> {
  const parsed = endSessionSchema.safeParse(raw);
  if (!parsed.success) return fromZod(parsed.error);
  const ended = await endSession(db, actor.userId, parsed.data.sessionId);
  if (!ended) return { ok: false, code: 'not_found', message: 'That session has already ended.' };
  return ok({ current: parsed.data.sessionId === actor.sessionId });
}
