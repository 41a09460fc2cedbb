import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { customers, users } from '@/db/schema';
import { safeString } from '@/lib/core/fields';
import { fail, fromZod, ok, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { isStaff, type Actor } from './actor';
import { hashPassword, verifyPassword } from './password';
import { changePasswordSchema, personName } from './schemas';
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

export const MAX_SIGNATURE = 1000;

/** Plain text, several lines; line endings become \n and trailing blanks go, so the mail shows what was typed. */
const signature = safeString({ error: 'The signature must be text.' })
  .transform((v) =>
    v
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .replace(/^\n+|\n+$/g, ''),
  )
  .pipe(
    z.string().max(MAX_SIGNATURE, `The signature must be at most ${MAX_SIGNATURE.toLocaleString('en')} characters.`),
  );

export const profileSchema = z.object({ name: personName, signature: signature.optional() });

export interface Profile {
  name: string;
  /** Staff only: the sign-off of their e-mailed replies. */
  signature: string | null;
}

/** The signed-in user's own name and (staff) signature, for the account page. */
export async function getProfile(db: Db, actor: Actor): Promise<Profile> {
  const [user] = await db
    .select({ name: users.name, signature: users.signature })
    .from(users)
    .where(eq(users.id, actor.userId));
  return { name: user?.name ?? actor.name, signature: isStaff(actor) ? (user?.signature ?? '') : null };
}

/**
 * A signed-in user changes their own name, and staff their e-mail signature (a customer's form has
 * none; one sent anyway is ignored). A customer's name is also their customer record's name, which
 * agents see, so it changes there too (its version moves, like any edit of the record).
 */
export async function updateProfile(db: Db, actor: Actor, raw: unknown): Promise<Result<Profile>> {
  return runUseCase(db, profileSchema, raw, async (tx, input) => {
    const staff = isStaff(actor);
    const [user] = await tx
      .update(users)
      .set({ name: input.name, ...(staff && input.signature !== undefined ? { signature: input.signature } : {}) })
      .where(and(eq(users.id, actor.userId), eq(users.active, true)))
      .returning({ name: users.name, signature: users.signature, customerId: users.customerId });
    if (!user) fail('unauthorized', 'Your session has ended. Sign in again.');
    if (!staff && user.customerId)
      await tx
        .update(customers)
        .set({ name: input.name, version: sql`${customers.version} + 1` })
        .where(eq(customers.id, user.customerId));
    return { name: user.name, signature: staff ? user.signature : null };
  });
}
