import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { kbArticles, type KbArticle } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { categoryForUse } from '@/lib/tickets/categories';
import { requireArticleEditor } from './access';
import { createArticleSchema } from './schemas';
import { freeSlug, slugify, slugTaken } from './slug';
import { writeRevision } from './store';

export const SLUG_TAKEN = 'Another article already has this address. Choose another one.';

/**
 * A new article, always a draft (publishing is its own step), version 1 with its first revision.
 * The address is the one typed (refused when taken) or made from the title (a free suffix when
 * taken: "reset-your-password-2").
 */
export function createArticle(db: Db, actor: Actor | null, raw: unknown): Promise<Result<KbArticle>> {
  return runUseCase(db, createArticleSchema, raw, async (tx, input) => {
    requireArticleEditor(actor);
    if (input.categoryId) await categoryForUse(tx, input.categoryId);
    if (input.slug && (await slugTaken(tx, input.slug))) fail('invalid', SLUG_TAKEN, { slug: [SLUG_TAKEN] });
    const values = {
      title: input.title,
      summary: input.summary,
      body: input.body,
      audience: input.audience,
      status: 'draft' as const,
      categoryId: input.categoryId ?? null,
      authorId: actor.userId,
      updatedBy: actor.userId,
    };
    // Creates of one title take turns (a transaction-scoped advisory lock on the address made
    // from it), so each sees the others' committed addresses and picks the next free suffix; any
    // other clash (a typed address, an edit) makes the insert do nothing and we ask again.
    if (!input.slug)
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`kb-slug:${slugify(input.title)}`}, 0))`);
    for (let attempt = 0; attempt < 5; attempt++) {
      const slug = input.slug ?? (await freeSlug(tx, slugify(input.title)));
      const [article] = await tx
        .insert(kbArticles)
        .values({ ...values, slug })
        .onConflictDoNothing({ target: kbArticles.slug })
        .returning();
      if (article) {
        await writeRevision(tx, article, actor.userId, input.note);
        return article;
      }
      if (input.slug) fail('invalid', SLUG_TAKEN, { slug: [SLUG_TAKEN] });
    }
    throw new Error('no free article address after 5 attempts');
  });
}
