import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { kbArticleRevisions, kbArticles, type KbArticle } from '@/db/schema';
import { fail } from '@/lib/core/result';
import { ARTICLE_NOT_FOUND } from './access';

/**
 * The one save path of an article: every change (edit, publish, unpublish, restore) comes
 * through `saveArticle`, which bumps `version` and writes the revision of the new text in the
 * same transaction, so the history is complete and `version` is always the newest revision.
 */

/** The article row, locked for the save; a stale `version` (someone saved since) is a conflict. */
export async function lockArticle(tx: Db, id: string, version?: number): Promise<KbArticle> {
  const [article] = await tx.select().from(kbArticles).where(eq(kbArticles.id, id)).for('update');
  if (!article) fail('not_found', ARTICLE_NOT_FOUND);
  if (version !== undefined && article.version !== version)
    fail(
      'conflict',
      `Someone else saved this article since you opened it (it is now version ${article.version}). Reload to see their changes; your text is still in the form.`,
    );
  return article;
}

export type ArticleChanges = Partial<
  Pick<KbArticle, 'slug' | 'title' | 'summary' | 'body' | 'audience' | 'status' | 'categoryId' | 'publishedAt'>
>;

/** Writes the changes as the next version, with its revision row. */
export async function saveArticle(
  tx: Db,
  article: KbArticle,
  changes: ArticleChanges,
  editorId: string,
  note: string | null,
): Promise<KbArticle> {
  const [saved] = await tx
    .update(kbArticles)
    .set({ ...changes, version: article.version + 1, updatedBy: editorId, updatedAt: sql`now()` })
    .where(eq(kbArticles.id, article.id))
    .returning();
  if (!saved) throw new Error('article update returned nothing');
  await writeRevision(tx, saved, editorId, note);
  return saved;
}

export async function writeRevision(tx: Db, article: KbArticle, editorId: string, note: string | null): Promise<void> {
  await tx.insert(kbArticleRevisions).values({
    articleId: article.id,
    version: article.version,
    title: article.title,
    summary: article.summary,
    body: article.body,
    audience: article.audience,
    status: article.status,
    categoryId: article.categoryId,
    editorId,
    note,
  });
}
