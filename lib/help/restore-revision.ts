import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { kbArticleRevisions } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { requireArticleEditor } from './access';
import { restoreRevisionSchema } from './schemas';
import { lockArticle, saveArticle } from './store';
import type { SavedArticle } from './update-article';

/**
 * Brings back an old version's words (title, summary, body) as a new save: the history only
 * grows, so a restore can itself be undone. Who reads it (audience), whether it is published and
 * its category stay as they are now: restoring text must not publish a draft, hide a live
 * article, or put internal wording in front of customers by the back door of an old version's
 * audience. The editor must have seen the current version (a conflict otherwise).
 */
export function restoreRevision(db: Db, actor: Actor | null, raw: unknown): Promise<Result<SavedArticle>> {
  return runUseCase(db, restoreRevisionSchema, raw, async (tx, input) => {
    requireArticleEditor(actor);
    const article = await lockArticle(tx, input.id, input.version);
    const [old] = await tx
      .select()
      .from(kbArticleRevisions)
      .where(and(eq(kbArticleRevisions.articleId, article.id), eq(kbArticleRevisions.version, input.revision)));
    if (!old) fail('not_found', 'That version of the article does not exist.');
    if (old.title === article.title && old.summary === article.summary && old.body === article.body)
      return { article, changed: false };
    const saved = await saveArticle(
      tx,
      article,
      { title: old.title, summary: old.summary, body: old.body },
      actor.userId,
      input.note ?? `Restored version ${old.version}`,
    );
    return { article: saved, changed: true };
  });
}
