import type { Db } from '@/db/client';
import { fromZod, ok, type Failure, type Result } from '@/lib/core/result';
import { clear, hit, LIMITS, peek, rateLimitedError, type Limit } from '@/lib/rate-limit/rate-limit';
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
 * Sign-in: checks the limits first (an account or address that failed too often is locked for
 * the rest of its window, even with the right password), then the password. A failure counts
 * against both the account and the address; a success clears the account's count and opens a
 * session row, whose id the session cookie carries.
 */
export async function signIn(
  db: Db,
  raw: unknown,
  client: SignInClient,
): Promise<Result<Actor & { sessionId: string }>> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return fromZod(parsed.error, 'Enter your e-mail address and password.');
  const { email } = parsed.data;
  const limits: [Limit, string | null][] = [
    [LIMITS.signInAccount, email],
    [LIMITS.signInIp, client.ip],
  ];

  for (const [limit, subject] of limits) {
    if (!subject) continue;
    const verdict = await peek(db, limit, subject);
    if (!verdict.allowed) return refused(limit, verdict.retryAfter);
  }

  const actor = await verifyCredentials(db, parsed.data);
  if (!actor) {
    for (const [limit, subject] of limits) {
      if (!subject) continue;
      const verdict = await hit(db, limit, subject);
      if (!verdict.allowed) return refused(limit, verdict.retryAfter);
    }
    return { ok: false, code: 'unauthorized', message: WRONG_CREDENTIALS };
  }
  await clear(db, LIMITS.signInAccount, email);
  const sessionId = await startSession(db, actor.userId, client.userAgent);
  return ok({ ...actor, sessionId });
}

function refused(limit: Limit, retryAfter: number): Failure {
  const error = rateLimitedError(limit, { allowed: false, retryAfter });
  return { ok: false, code: 'rate_limited', message: error.message, retryAfter };
}
