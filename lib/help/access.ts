import { isStaff, type Actor } from '@/lib/auth/actor';
import type { ArticleAudience, ArticleStatus } from '@/db/schema';
import { fail } from '@/lib/core/result';

export const ARTICLE_NOT_FOUND = 'Article not found.';

/**
 * Who writes the help centre: every staff member (agents, leads, admins). Agents are the ones who
 * know the answers, and every save is a revision with its editor, so a bad edit is seen and
 * undone from the history. Customers and signed-out visitors never write; to them the staff side
 * does not exist (not found, as every staff page answers a customer).
 */
export function canWriteArticles(actor: Actor | null): actor is Actor {
  return !!actor && isStaff(actor);
}

export function requireArticleEditor(actor: Actor | null): asserts actor is Actor {
  if (!canWriteArticles(actor)) fail('not_found', ARTICLE_NOT_FOUND);
}

/**
 * Who reads an article: a published public one, anyone (signed out too); a draft or an internal
 * procedure, staff only. Everyone else is told it does not exist.
 */
export function canReadArticle(
  actor: Actor | null,
  article: { audience: ArticleAudience; status: ArticleStatus },
): boolean {
  if (article.audience === 'public' && article.status === 'published') return true;
  return canWriteArticles(actor);
}
