import type { Db } from '@/db/client';
import type { KbArticle } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { requireArticleEditor } from './access';
import { publishSchema } from './schemas';
import { lockArticle, saveArticle } from './store';

/**
 * Draft → published: readers see it (the public at /help for a public article, staff for a
 * procedure). `publishedAt` is the first publication and stays through later unpublishing. A
 * change of state is a save like any other: a new version and a revision ("Published").
 */
export function publishArticle(db: Db, actor: Actor | null, raw: unknown): Promise<Result<KbArticle>> {
  return setStatus(db, actor, raw, 'published');
}

/** Published → draft: it leaves the help centre (its address answers "not found") until published again. */
export function unpublishArticle(db: Db, actor: Actor | null, raw: unknown): Promise<Result<KbArticle>> {
  return setStatus(db, actor, raw, 'draft');
}

function setStatus(db: Db, actor: Actor | null, raw: unknown, status: 'draft' | 'published') {
  return runUseCase(db, publishSchema, raw, async (tx, input) => {
    requireArticleEditor(actor);
    const article = await lockArticle(tx, input.id, input.version);
    if (article.status === status)
      fail(
        'conflict',
        status === 'published' ? 'This article is already published.' : 'This article is already a draft.',
      );
    return saveArticle(
      tx,
      article,
      { status, ...(status === 'published' && !article.publishedAt ? { publishedAt: new Date() } : {}) },
      actor.userId,
      input.note ?? (status === 'published' ? 'Published' : 'Unpublished'),
    );
  });
}
