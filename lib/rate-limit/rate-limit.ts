import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rateLimits } from '@/db/schema';
import { isStaff, type Actor } from '@/lib/auth/actor';
import { AppError, attempt, ok, type Result } from '@/lib/core/result';

/** At most `max` counted events per subject in a fixed window of `windowSeconds`. */
export interface Limit {
  name: string;
  max: number;
  windowSeconds: number;
  /** What the person is told, with the wait appended ("Try again in 12 minutes."). */
  message: string;
}

/**
 * Every limit in one place. Numbers are generous for people and small for scripts. Sign-in counts
 * every attempt before the password is checked (so parallel guesses cannot overtake the count) and
 * gives a success its count back, so in effect it counts failures. The hard lock is per account
 * *and* address: a stranger's wrong guesses lock the stranger's address, not the owner. Across all
 * addresses an account has a much higher budget, against guessing spread over many addresses.
 */
export const LIMITS = {
  signInAccountIp: {
    name: 'sign-in:account-ip',
    max: 10,
    windowSeconds: 15 * 60,
    message: 'Too many failed sign-ins for this account.',
  },
  signInAccount: {
    name: 'sign-in:account',
    max: 100,
    windowSeconds: 15 * 60,
    message: 'Too many failed sign-ins for this account from many networks.',
  },
  signInIp: {
    name: 'sign-in:ip',
    max: 50,
    windowSeconds: 15 * 60,
    message: 'Too many failed sign-ins from your network.',
  },
  signUpIp: {
    name: 'sign-up:ip',
    max: 20,
    windowSeconds: 60 * 60,
    message: 'Too many new accounts from your network.',
  },
  // Each sign-up and reset request mails the address: a few an hour per address, so the form cannot flood an inbox.
  signUpAddress: {
    name: 'sign-up:address',
    max: 5,
    windowSeconds: 60 * 60,
    message: 'Too many sign-ups for this address.',
  },
  resetAddress: {
    name: 'password-reset:address',
    max: 5,
    windowSeconds: 60 * 60,
    message: 'Too many password reset requests for this address.',
  },
  resetIp: {
    name: 'password-reset:ip',
    max: 20,
    windowSeconds: 60 * 60,
    message: 'Too many password reset requests from your network.',
  },
  submitAccount: {
    name: 'submit:account',
    max: 30,
    windowSeconds: 10 * 60,
    message: 'You have sent a lot of messages in a short time.',
  },
  submitIp: { name: 'submit:ip', max: 120, windowSeconds: 10 * 60, message: 'Too many messages from your network.' },
  // E-mail in (lib/mail/inbound), per sender address: a runaway script or a mail loop that slipped
  // past the auto-reply checks is kept (rejected) instead of opening requests by the hundred.
  inboundSender: {
    name: 'inbound:sender',
    max: 30,
    windowSeconds: 10 * 60,
    message: 'Too many e-mails from this sender in a short time.',
  },
  // "Was this helpful?" from signed-out visitors (lib/help/vote-article.ts): a voter is a cookie,
  // which a script can throw away, so the address bounds how far one machine can move the counts.
  voteIp: { name: 'vote:ip', max: 60, windowSeconds: 10 * 60, message: 'Too many votes from your network.' },
  // Help suggestions while typing (lib/help/suggestions.ts), per address: the form asks once per
  // pause in typing, so a person stays far below this; a script flooding full-text search does not.
  helpLookupIp: {
    name: 'help-lookup:ip',
    max: 300,
    windowSeconds: 10 * 60,
    message: 'Too many help searches from your network.',
  },
  // "This answered my question" (lib/help/deflections.ts): a person ends one visit with it, so a
  // handful an hour; more is someone inflating an article's figures.
  deflectIp: { name: 'deflect:ip', max: 20, windowSeconds: 60 * 60, message: 'Too many answers from your network.' },
  deflectAccount: { name: 'deflect:account', max: 10, windowSeconds: 60 * 60, message: 'Too many answers recorded.' },
  // Survey answers (the portal's form and the mailed link's page), per network address.
  surveyIp: {
    name: 'survey:ip',
    max: 30,
    windowSeconds: 10 * 60,
    message: 'Too many survey answers from your network.',
  },
  // Guests (issue 13): a request without an account, per network and per address given, so a
  // script cannot open requests by the hundred nor flood someone's inbox with acknowledgements.
  guestSubmitIp: {
    name: 'guest-submit:ip',
    max: 20,
    windowSeconds: 60 * 60,
    message: 'Too many requests from your network.',
  },
  guestSubmitAddress: {
    name: 'guest-submit:address',
    max: 5,
    windowSeconds: 60 * 60,
    message: 'Too many requests for this e-mail address.',
  },
  // "Send me my links again": each mails the address, so few per address; the answer is the same for every address.
  guestLinksAddress: {
    name: 'guest-links:address',
    max: 3,
    windowSeconds: 60 * 60,
    message: 'Too many link requests for this address.',
  },
  guestLinksIp: {
    name: 'guest-links:ip',
    max: 10,
    windowSeconds: 60 * 60,
    message: 'Too many link requests from your network.',
  },
  // Files picked on a portal form before it is sent (lib/portal/uploads.ts), signed in or not.
  portalUploadIp: {
    name: 'portal-upload:ip',
    max: 60,
    windowSeconds: 10 * 60,
    message: 'Too many files uploaded from your network.',
  },
  // The public REST API (lib/api/handler.ts), per token: every request counts. Far above a script
  // doing honest work (10 a second, sustained), low enough that a runaway loop is stopped.
  apiToken: {
    name: 'api:token',
    max: 600,
    windowSeconds: 60,
    message: 'Too many API requests with this token.',
  },
} satisfies Record<string, Limit>;

export interface Verdict {
  allowed: boolean;
  /** Seconds until the window ends (when refused). */
  retryAfter: number;
}

const keyOf = (limit: Limit, subject: string) => `${limit.name}:${subject}`;

/**
 * Counts one event and says whether it is within the limit. One atomic upsert: concurrent
 * requests on any app instance serialise on the row, so the count is exact (PostgreSQL and PGlite).
 */
export async function hit(db: Db, limit: Limit, subject: string): Promise<Verdict> {
  const window = `${limit.windowSeconds} seconds`;
  const rows = await db.execute<{ hits: number; retry_after: number }>(sql`
    insert into ${rateLimits} (key, hits, window_start) values (${keyOf(limit, subject)}, 1, now())
    on conflict (key) do update set
      hits = case when ${rateLimits.windowStart} <= now() - ${window}::interval then 1 else ${rateLimits.hits} + 1 end,
      window_start = case when ${rateLimits.windowStart} <= now() - ${window}::interval then now() else ${rateLimits.windowStart} end
    returning hits, ceil(extract(epoch from (window_start + ${window}::interval - now())))::int as retry_after`);
  const row = rowsOf<{ hits: number; retry_after: number }>(rows)[0];
  if (!row) throw new Error('rate limit upsert returned nothing');
  if (Math.random() < 0.01) await sweep(db);
  return { allowed: Number(row.hits) <= limit.max, retryAfter: Math.max(1, Number(row.retry_after)) };
}

/** Gives back one counted event (a sign-in that turned out right), never below zero. */
export async function refund(db: Db, limit: Limit, subject: string): Promise<void> {
  await db
    .update(rateLimits)
    .set({ hits: sql`greatest(${rateLimits.hits} - 1, 0)` })
    .where(eq(rateLimits.key, keyOf(limit, subject)));
}

export async function clear(db: Db, limit: Limit, subject: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, keyOf(limit, subject)));
}

/** Forgets every count of `limit` whose subject starts with `prefix` (all addresses of one account). */
export async function clearStartingWith(db: Db, limit: Limit, prefix: string): Promise<void> {
  await db.execute(sql`delete from ${rateLimits} where starts_with(${rateLimits.key}, ${keyOf(limit, prefix)})`);
}

/** Forgets windows that ended a day ago, so the table stays small. */
async function sweep(db: Db): Promise<void> {
  await db.execute(sql`delete from ${rateLimits} where window_start < now() - interval '1 day'`);
}

/** "Try again in 12 minutes." */
export function waitText(seconds: number): string {
  if (seconds < 60) return `Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
  const minutes = Math.ceil(seconds / 60);
  return `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/** The error for a refused event: code rate_limited (429 with Retry-After in the API). */
export function rateLimitedError(limit: Limit, verdict: Verdict): AppError {
  return new AppError(
    'rate_limited',
    `${limit.message} ${waitText(verdict.retryAfter)}`,
    undefined,
    verdict.retryAfter,
  );
}

/**
 * Counts one event against each limit that has a subject (a missing IP is not counted) and
 * throws the first refusal as an AppError('rate_limited').
 */
export async function enforce(db: Db, checks: readonly (readonly [Limit, string | null | undefined])[]): Promise<void> {
  for (const [limit, subject] of checks) {
    if (!subject) continue;
    const verdict = await hit(db, limit, subject);
    if (!verdict.allowed) throw rateLimitedError(limit, verdict);
  }
}

// postgres-js returns an array of rows; PGlite returns { rows }.
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * New requests and messages (portal request, reply, logged contact): per account and per address,
 * counted before the use case runs, so a refused one never half-saves anything. Only customers
 * (and, later, guests) are limited: signed-in staff are exempt — their actions are audited, and an
 * agent logging phone calls, or a call centre behind one address, must not lock itself out.
 */
export async function limitSubmission(db: Db, actor: Actor, ip: string | null): Promise<Result<void>> {
  if (isStaff(actor)) return ok(undefined);
  return attempt(() =>
    enforce(db, [
      [LIMITS.submitAccount, actor.userId],
      [LIMITS.submitIp, ip],
    ]),
  );
}
