import type { Db } from '@/db/client';
import { fromZod, ok, type Failure, type Result } from '@/lib/core/result';
import {
  clear,
  clearStartingWith,
  hit,
  LIMITS,
  rateLimitedError,
  refund,
  type Limit,
} from '@/lib/rate-limit/rate-limit';
import type { Actor } from './actor';
import { signInSchema } from './schemas';
import { startSession } from './sessions';
import { verifyCredentials } from './verify-credentials';

export interface SignInClient {
  /** The client's address as the transport reads it (app/_auth/client-ip.ts); null when unknown. */
  ip: string | null;
  userAgent: string | null;
}

export const WRONG_CREDENTIALS = 'That e-mail and password do not match an account.';

/**
 * Sign-in: counts the attempt against the limits first (one atomic upsert each, so a burst of
 * parallel attempts cannot all get past a count read before any failure was written), refuses when
 * over a limit — even with the right password — and only then checks the password. A success gives
 * the attempt back and clears the account-and-address count, then opens a session row, whose id
 * the session cookie carries.
 */
export async function signIn(
  db: Db,
  raw: unknown,
  client: SignInClient,
): Promise<Result<Actor & { sessionId: string }>> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return fromZod(parsed.error, 'Enter your e-mail address and password.');
  const { email } = parsed.data;

  const refusedAttempt = await countPasswordAttempt(db, email, client.ip);
  if (refusedAttempt) return refusedAttempt;
  const actor = await verifyCredentials(db, parsed.data);
  if (!actor) return { ok: false, code: 'unauthorized', message: WRONG_CREDENTIALS };
  await passwordAttemptSucceeded(db, email, client.ip);
  const sessionId = await startSession(db, actor.userId, client.userAgent);
  return ok({ ...actor, sessionId });
}

/**
 * The limits a password attempt on an account from an address counts against, the hard lock
 * first: 10 per account per address (an unknown address is one address), then the account across
 * all addresses, then the address across all accounts.
 */
function passwordLimits(email: string, ip: string | null): [Limit, string][] {
  const limits: [Limit, string][] = [
    [LIMITS.signInAccountIp, `${email}|${ip ?? 'unknown'}`],
    [LIMITS.signInAccount, email],
  ];
  if (ip) limits.push([LIMITS.signInIp, ip]);
  return limits;
}

/**
 * Counts a password attempt (sign-in, or the current password on the account page) before the
 * password is checked; the refusal when a limit is exceeded, else null. A refused attempt gives
 * back what it counted against the limits before the one that refused it.
 */
export async function countPasswordAttempt(db: Db, email: string, ip: string | null): Promise<Failure | null> {
  const counted: [Limit, string][] = [];
  for (const [limit, subject] of passwordLimits(email, ip)) {
    const verdict = await hit(db, limit, subject);
    if (!verdict.allowed) {
      for (const [earlier, earlierSubject] of counted) await refund(db, earlier, earlierSubject);
      return refused(limit, verdict.retryAfter);
    }
    counted.push([limit, subject]);
  }
  return null;
}

/** The password was right: the account-and-address count starts over, the wider ones get the attempt back. */
export async function passwordAttemptSucceeded(db: Db, email: string, ip: string | null): Promise<void> {
  const [[hardLock, hardSubject], ...wider] = passwordLimits(email, ip) as [[Limit, string], ...[Limit, string][]];
  await clear(db, hardLock, hardSubject);
  for (const [limit, subject] of wider) await refund(db, limit, subject);
}

/**
 * The account's owner proved the address (a password reset): the failed attempts counted against
 * the old password no longer lock them out, from any address.
 */
export async function forgetPasswordAttempts(db: Db, email: string): Promise<void> {
  await clearStartingWith(db, LIMITS.signInAccountIp, `${email}|`);
  await clear(db, LIMITS.signInAccount, email);
}

function refused(limit: Limit, retryAfter: number): Failure {
  const error = rateLimitedError(limit, { allowed: false, retryAfter });
  return { ok: false, code: 'rate_limited', message: error.message, retryAfter };
}
