import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { idempotencyKeys } from '@/db/schema';
import { deleteInBatches, type BatchOptions } from '@/lib/retention/batches';

/** How long a key's answer is kept (and a reused key refused). */
export const IDEMPOTENCY_HOURS = 24;
export const MAX_IDEMPOTENCY_KEY = 100;

export type Claim =
  | { kind: 'new' }
  | { kind: 'replay'; status: number; body: unknown; headers: Record<string, string> }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' };

/**
 * The answer headers a replay repeats: what describes the created thing (its version, where it
 * lives, what the body is). An allow-list, so nothing about the first caller's session
 * (Set-Cookie) or that moment (Retry-After, Date) is ever handed to a retry.
 */
const REPLAYED_HEADERS = ['etag', 'location', 'content-location', 'content-type', 'last-modified'];

export function replayableHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {}))
    if (REPLAYED_HEADERS.includes(name.toLowerCase())) kept[name] = value;
  return kept;
}

/** What makes two requests "the same": method, path and the exact body bytes. */
export function fingerprintOf(method: string, path: string, body: string): string {
  return createHash('sha256').update(`${method}\n${path}\n${body}`, 'utf8').digest('hex');
}

/**
 * Claims `key` for `principal` (a token or a signed-in user). The unique index decides between
 * concurrent duplicates: exactly one request gets `new` and runs; the others get the stored answer
 * once it is there, `in_progress` while it is not, or `mismatch` when they are another request.
 */
export async function claimIdempotencyKey(db: Db, principal: string, key: string, fingerprint: string): Promise<Claim> {
  // A key older than the window is forgotten, so it may be used afresh (and the table stays small).
  await db
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.principal, principal),
        eq(idempotencyKeys.key, key),
        lt(idempotencyKeys.createdAt, sql`now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`),
      ),
    );
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ principal, key, fingerprint })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return { kind: 'new' };
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
  if (!row) return { kind: 'in_progress' }; // released between the insert and this read: try again
  if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
  if (row.status === null) return { kind: 'in_progress' };
  return { kind: 'replay', status: row.status, body: row.body, headers: row.headers ?? {} };
}

/** Keeps the answer for replays: status, body and the replayable headers. */
export async function storeIdempotentAnswer(
  db: Db,
  principal: string,
  key: string,
  answer: { status: number; body: unknown; headers?: Record<string, string> },
): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ status: answer.status, body: answer.body ?? null, headers: replayableHeaders(answer.headers) })
    .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
}

/** Gives the key back (the request failed in a way worth retrying: 429, 5xx, an exception). */
export async function releaseIdempotencyKey(db: Db, principal: string, key: string): Promise<void> {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
}

/**
 * Forgets every key past the window (the `retention.sweep` job, lib/retention): in batches, so a
 * backlog never becomes one long DELETE. A reused expired key is also forgotten on the spot above.
 */
export function sweepIdempotencyKeys(db: Db, options: BatchOptions = {}): Promise<number> {
  return deleteInBatches(
    db,
    (limit) => sql`
      delete from idempotency_keys where (principal, key) in (
        select principal, key from idempotency_keys
        where created_at < now() - make_interval(hours => ${IDEMPOTENCY_HOURS})
        limit ${limit} for update skip locked)
      returning 1`,
    options,
  );
}
