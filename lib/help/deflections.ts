import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { deflections, kbArticles } from '@/db/schema';
import { isStaff, type Actor } from '@/lib/auth/actor';
import { attempt, fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { enforce, LIMITS } from '@/lib/rate-limit/rate-limit';

/** The typed question kept with a deflection, for insight: trimmed and cut to this many characters. */
export const MAX_DEFLECTION_QUERY = 500;
/** What the route reads of a body at most (an id and a capped question, with room to spare). */
export const DEFLECTION_BODY_LIMIT = 16 * 1024;

/**
 * The question is what the customer had typed, which may be anything: NUL bytes (PostgreSQL text
 * cannot hold them) and other control characters but newlines and tabs are dropped, whitespace
 * runs are folded, and it is cut to MAX_DEFLECTION_QUERY characters rather than refused — the
 * customer's "this answered my question" must not fail over how long the question was.
 */
export function cleanQuery(raw: string): string | null {
  const text = raw
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return null;
  return Array.from(text).slice(0, MAX_DEFLECTION_QUERY).join('').trimEnd();
}

export const deflectionSchema = z.object({
  articleId: z.uuid({ error: 'Unknown article.' }),
  query: z
    .string()
    .max(10_000, 'The question is too long.')
    .optional()
    .transform((q) => (q === undefined ? null : cleanQuery(q))),
});

export interface Deflection {
  id: string;
  articleId: string;
}

/**
 * "This answered my question": a request that was not submitted because an article answered it.
 * One row in `deflections` (the article, the customer when signed in, the question as typed, capped)
 * and the article's `deflection_count` bumped, in one transaction. Only a public, published article
 * counts (a draft or internal procedure is "not found"). Anyone may record one (the guest form
 * too), so it is limited per address and, signed in, per account, counted before the transaction.
 * Staff are refused: their clicks while trying the form out would inflate the figures.
 */
export async function recordDeflection(
  db: Db,
  actor: Actor | null,
  raw: unknown,
  ip: string | null,
): Promise<Result<Deflection>> {
  if (actor && isStaff(actor))
    return { ok: false, code: 'forbidden', message: 'Only customers can end a request with an article.' };
  const limited = await attempt(() =>
    enforce(db, [
      [LIMITS.deflectAccount, actor?.userId],
      [LIMITS.deflectIp, ip],
    ]),
  );
  if (!limited.ok) return limited;
  return runUseCase(db, deflectionSchema, raw, async (tx, input) => {
    const [article] = await tx
      .update(kbArticles)
      .set({ deflectionCount: sql`${kbArticles.deflectionCount} + 1` })
      .where(
        and(eq(kbArticles.id, input.articleId), eq(kbArticles.audience, 'public'), eq(kbArticles.status, 'published')),
      )
      .returning({ id: kbArticles.id });
    if (!article) fail('not_found', 'There is no such article.');
    const [row] = await tx
      .insert(deflections)
      .values({ articleId: article.id, customerId: actor?.customerId ?? null, query: input.query })
      .returning({ id: deflections.id });
    if (!row) throw new Error('deflection insert returned nothing');
    return { id: row.id, articleId: article.id };
  });
}
