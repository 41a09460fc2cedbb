import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { kbArticles, kbArticleVotes } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { attempt, fail, fromZod, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { enforce, LIMITS } from '@/lib/rate-limit/rate-limit';
import { ARTICLE_NOT_FOUND, canReadArticle } from './access';
import { voteSchema } from './schemas';

/** The random id of a signed-out visitor's long-lived cookie (app/(portal)/help/voter.ts makes it). */
export const ANONYMOUS_VOTER_ID = /^[A-Za-z0-9_-]{22,64}$/;

export interface Voter {
  actor: Actor | null;
  /** The signed-out visitor's cookie id; ignored when someone is signed in. */
  anonymousId: string | null;
  ip: string | null;
}

/** `u:<user id>` signed in, `a:<cookie id>` signed out, null when neither is known. */
export function voterKey(voter: Pick<Voter, 'actor' | 'anonymousId'>): string | null {
  if (voter.actor) return `u:${voter.actor.userId}`;
  if (voter.anonymousId && ANONYMOUS_VOTER_ID.test(voter.anonymousId)) return `a:${voter.anonymousId}`;
  return null;
}

export interface VoteOutcome {
  helpful: boolean;
  helpfulCount: number;
  notHelpfulCount: number;
  /** False when the voter said the same as before: nothing counted twice. */
  changed: boolean;
}

/**
 * "Was this helpful?": one vote per voter and article; a change of mind moves the vote from one
 * count to the other. The article row is locked first, so every vote on an article is counted
 * in turn and `helpful_count`/`not_helpful_count` always equal the votes table (same
 * transaction). Anyone who may read the article may vote; signed-out votes are limited per
 * address (LIMITS.voteIp), counted before the vote so a refused one changes nothing.
 */
export async function voteOnArticle(db: Db, voter: Voter, raw: unknown): Promise<Result<VoteOutcome>> {
  const parsed = voteSchema.safeParse(raw);
  if (!parsed.success) return fromZod(parsed.error);
  const key = voterKey(voter);
  if (!key)
    return {
      ok: false,
      code: 'invalid',
      message: 'We could not record your vote: your browser did not keep our cookie. Allow cookies and try again.',
    };
  if (!voter.actor) {
    const limited = await attempt(() => enforce(db, [[LIMITS.voteIp, voter.ip]]));
    if (!limited.ok) return limited;
  }
  return runUseCase(db, voteSchema, raw, async (tx, input) => {
    const [article] = await tx
      .select({ id: kbArticles.id, audience: kbArticles.audience, status: kbArticles.status })
      .from(kbArticles)
      .where(eq(kbArticles.id, input.articleId))
      .for('update');
    if (!article || !canReadArticle(voter.actor, article)) fail('not_found', ARTICLE_NOT_FOUND);
    const [before] = await tx
      .select({ helpful: kbArticleVotes.helpful })
      .from(kbArticleVotes)
      .where(and(eq(kbArticleVotes.articleId, article.id), eq(kbArticleVotes.voter, key)));
    if (before?.helpful === input.helpful) {
      const counts = await currentCounts(tx, article.id);
      return { helpful: input.helpful, ...counts, changed: false };
    }
    if (before)
      await tx
        .update(kbArticleVotes)
        .set({ helpful: input.helpful, createdAt: sql`now()` })
        .where(and(eq(kbArticleVotes.articleId, article.id), eq(kbArticleVotes.voter, key)));
    else await tx.insert(kbArticleVotes).values({ articleId: article.id, voter: key, helpful: input.helpful });
    const up = (helpful: boolean) =>
      (input.helpful === helpful ? 1 : 0) - (before && before.helpful === helpful ? 1 : 0);
    const [counts] = await tx
      .update(kbArticles)
      .set({
        helpfulCount: sql`${kbArticles.helpfulCount} + ${up(true)}`,
        notHelpfulCount: sql`${kbArticles.notHelpfulCount} + ${up(false)}`,
      })
      .where(eq(kbArticles.id, article.id))
      .returning({ helpfulCount: kbArticles.helpfulCount, notHelpfulCount: kbArticles.notHelpfulCount });
    if (!counts) throw new Error('vote count update returned nothing');
    return { helpful: input.helpful, ...counts, changed: true };
  });
}

async function currentCounts(tx: Db, id: string) {
  const [counts] = await tx
    .select({ helpfulCount: kbArticles.helpfulCount, notHelpfulCount: kbArticles.notHelpfulCount })
    .from(kbArticles)
    .where(eq(kbArticles.id, id));
  if (!counts) throw new Error('article vanished under its lock');
  return counts;
}

/** What this voter said about the article before (true helpful, false not), or null. */
export async function previousVote(db: Db, articleId: string, key: string | null): Promise<boolean | null> {
  if (!key) return null;
  const [row] = await db
    .select({ helpful: kbArticleVotes.helpful })
    .from(kbArticleVotes)
    .where(and(eq(kbArticleVotes.articleId, articleId), eq(kbArticleVotes.voter, key)));
  return row ? row.helpful : null;
}
