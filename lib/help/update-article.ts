import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/lib/core/db-errors';
import type { KbArticle } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { categoryForUse } from '@/lib/tickets/categories';
import { requireArticleEditor } from './access';
import { SLUG_TAKEN } from './create-article';
import { updateArticleSchema } from './schemas';
import { slugTaken } from './slug';
import { lockArticle, saveArticle, type ArticleChanges } from './store';

export interface SavedArticle {
  article: KbArticle;
  /** False when the form held exactly what was stored: nothing written, no revision. */
  changed: boolean;
}

/**
 * Saves an edit as the next version (with its revision and optional note). The editor must have
 * seen the current version: a save over someone else's is a conflict, never a silent overwrite.
 * An empty address keeps the current one (addresses do not follow the title: links stay good).
 * Publication is not changed here (publish-article.ts).
 */
export function updateArticle(db: Db, actor: Actor | null, raw: unknown): Promise<Result<SavedArticle>> {
  return runUseCase(db, updateArticleSchema, raw, async (tx, input) => {
    requireArticleEditor(actor);
    const article = await lockArticle(tx, input.id, input.version);
    const categoryId = input.categoryId ?? null;
    if (categoryId) await categoryForUse(tx, categoryId, { current: article.categoryId });
    const slug = input.slug ?? article.slug;
    if (slug !== article.slug && (await slugTaken(tx, slug, article.id)))
      fail('invalid', SLUG_TAKEN, { slug: [SLUG_TAKEN] });

    const next = {
      slug,
      title: input.title,
      summary: input.summary,
      body: input.body,
      audience: input.audience,
      categoryId,
    } satisfies ArticleChanges;
    const changed = (Object.keys(next) as (keyof typeof next)[]).some((k) => next[k] !== article[k]);
    if (!changed) return { article, changed: false };
    // The address may have been taken between the check and here: a unique violation inside a
    // savepoint becomes the field message instead of aborting the transaction.
    try {
      const saved = await tx.transaction((sp) =>
        saveArticle(sp as unknown as Db, article, next, actor.userId, input.note),
      );
      return { article: saved, changed: true };
    } catch (error) {
      if (isUniqueViolation(error)) fail('invalid', SLUG_TAKEN, { slug: [SLUG_TAKEN] });
      throw error;
    }
  });
}
