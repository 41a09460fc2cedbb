import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { accountTokens, users } from '@/db/schema';
import { attempt, fail, fromZod, ok, type Result } from '@/lib/core/result';
import { queueMail } from '@/lib/mail/queue';
import { appUrl } from '@/lib/mail/templates/layout';
import { passwordResetMail } from '@/lib/mail/templates/password-reset';
import { enforce, LIMITS } from '@/lib/rate-limit/rate-limit';
import { getSettings } from '@/lib/settings/settings';
import { hashPassword } from './password';
import { emailAddress, newPassword } from './schemas';
import { endAllSessions } from './sessions';
import { forgetPasswordAttempts } from './sign-in';
import { consumeToken, issueToken, peekToken } from './tokens';

export const forgotPasswordSchema = z.object({ email: emailAddress });
export const resetPasswordSchema = z.object({
  token: z.string({ error: 'This link is not valid.' }).max(100, 'This link is not valid.'),
  password: newPassword,
});

/** What /forgot answers, whether or not the address has an account. */
export const RESET_REQUESTED = 'If an account exists for that address, we have sent a link to choose a new password.';
export const RESET_LINK_INVALID =
  'This link has expired or has already been used, and nothing was changed. Ask for a new one.';

/**
 * "Forgot your password?": an active login with that address gets a single-use link (one hour;
 * a newer link revokes the older). The answer is the same for every address, and both paths do
 * the same reads, the same revoke and render the same mail; only the two inserts (token, outbox)
 * happen for a real login. Deactivated logins get nothing. Limited per address and per network.
 */
export async function requestPasswordReset(db: Db, raw: unknown, client: { ip: string | null }): Promise<Result<void>> {
  const parsed = forgotPasswordSchema.safeParse(raw);
  if (!parsed.success) return fromZod(parsed.error);
  const { email } = parsed.data;
  const limited = await attempt(() =>
    enforce(db, [
      [LIMITS.resetIp, client.ip],
      [LIMITS.resetAddress, email],
    ]),
  );
  if (!limited.ok) return limited;
  const { mail } = await getSettings(db);
  return attempt(() =>
    db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      const [user] = await tx
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.email, email), eq(users.active, true)));
      const render = (token: string) =>
        passwordResetMail({ name: user?.name ?? email, url: appUrl(`/reset/${token}`), supportName: mail.supportName });
      if (user) {
        const { token } = await issueToken(tx, { kind: 'password_reset', email, userId: user.id });
        await queueMail(tx, { kind: 'password_reset', to: email, mail: render(token) });
      } else {
        await revokeResetLinks(tx, email);
        render('');
      }
    }),
  );
}

/** The revoke issueToken starts with, on its own: the unknown address's path does it too. */
async function revokeResetLinks(tx: Db, email: string): Promise<void> {
  await tx
    .update(accountTokens)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(accountTokens.kind, 'password_reset'),
        eq(accountTokens.email, email),
        isNull(accountTokens.usedAt),
        isNull(accountTokens.revokedAt),
      ),
    );
}

/** The address a live reset link is for, to show on its form; null for a dead or tampered link. */
export async function checkResetLink(db: Db, token: string): Promise<{ email: string } | null> {
  const row = await peekToken(db, 'password_reset', token);
  if (!row?.userId) return null;
  const [user] = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.id, row.userId), eq(users.active, true), eq(users.email, row.email)));
  return user ?? null;
}

/**
 * The link's new password: one transaction uses the link, sets the Argon2id hash, marks the
 * address verified (the link proved it) and ends every session of the user. A dead, tampered or
 * revoked link, or a user deactivated since, changes nothing. The failed sign-ins counted against
 * the old password are forgotten, so the owner is not locked out by them.
 */
export async function resetPassword(db: Db, raw: unknown): Promise<Result<{ email: string; endedSessions: number }>> {
  const parsed = resetPasswordSchema.safeParse(raw);
  if (!parsed.success) return fromZod(parsed.error);
  // Cheap check first: a dead link costs no Argon2 hash.
  if (!(await checkResetLink(db, parsed.data.token)))
    return { ok: false, code: 'not_found', message: RESET_LINK_INVALID };
  const passwordHash = await hashPassword(parsed.data.password);
  const result = await attempt(() =>
    db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      const row = await consumeToken(tx, 'password_reset', parsed.data.token);
      if (!row?.userId) fail('not_found', RESET_LINK_INVALID);
      const [user] = await tx
        .update(users)
        .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
        .where(and(eq(users.id, row.userId), eq(users.active, true), eq(users.email, row.email)))
        .returning({ id: users.id, email: users.email });
      if (!user) fail('not_found', RESET_LINK_INVALID);
      const endedSessions = await endAllSessions(tx, user.id);
      return { email: user.email, endedSessions };
    }),
  );
  if (result.ok) await forgetPasswordAttempts(db, result.data.email);
  return result.ok ? ok(result.data) : result;
}
