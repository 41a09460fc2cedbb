import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { categories, kbArticles, users, type KbArticle } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { canReadArticle, canWriteArticles } from './access';
import { renderMarkdown } from './markdown';
import { articleId, SLUG_PATTERN, MAX_SLUG } from './schemas';

export type ReaderArticle = Pick<
  KbArticle,
  'id' | 'slug' | 'title' | 'summary' | 'audience' | 'status' | 'categoryId' | 'updatedAt' | 'publishedAt'
> & {
  categoryName: string | null;
  /** The body rendered and sanitized (lib/help/markdown.ts): the only HTML a page may inject. */
  html: string;
};

/**
 * An article as a reader opens it at /help/<slug>: a published public article for anyone, signed
 * out too; a draft or an internal procedure only for staff. Anything else is null (404), the same
 * answer as an address that does not exist, so drafts and procedures cannot be probed.
 */
export async function getArticleForReader(db: Db, actor: Actor | null, slug: string): Promise<ReaderArticle | null> {
  if (slug.length > MAX_SLUG || !SLUG_PATTERN.test(slug)) return null;
  const [row] = await db
    .select({ article: kbArticles, categoryName: categories.name })
    .from(kbArticles)
    .leftJoin(categories, eq(categories.id, kbArticles.categoryId))
    .where(eq(kbArticles.slug, slug));
  if (!row || !canReadArticle(actor, row.article)) return null;
  const a = row.article;
  return {
    id: a.id,
    slug: a.slug,
    title: a.title,
    summary: a.summary,
    audience: a.audience,
    status: a.status,
    categoryId: a.categoryId,
    updatedAt: a.updatedAt,
    publishedAt: a.publishedAt,
    categoryName: row.categoryName,
    html: renderMarkdown(a.body),
  };
}

export type EditableArticle = KbArticle & {
  categoryName: string | null;
  categoryRetired: boolean;
  authorName: string | null;
  updatedByName: string | null;
  html: string;
};

/** An article with everything the staff page shows; null (→ 404) for anyone but staff. */
export async function getArticleForEditing(db: Db, actor: Actor | null, id: string): Promise<EditableArticle | null> {
  if (!canWriteArticles(actor) || !articleId.safeParse(id).success) return null;
  const author = alias(users, 'author');
  const editor = alias(users, 'editor');
  const [row] = await db
    .select({
      article: kbArticles,
      categoryName: categories.name,
      categoryRetiredAt: categories.retiredAt,
      authorName: author.name,
      updatedByName: editor.name,
    })
    .from(kbArticles)
    .leftJoin(categories, eq(categories.id, kbArticles.categoryId))
    .leftJoin(author, eq(author.id, kbArticles.authorId))
    .leftJoin(editor, eq(editor.id, kbArticles.updatedBy))
    .where(eq(kbArticles.id, id));
  if (!row) return null;
  return {
    ...row.article,
    categoryName: row.categoryName,
    categoryRetired: row.categoryRetiredAt !== null,
    authorName: row.authorName,
    updatedByName: row.updatedByName,
    html: renderMarkdown(row.article.body),
  };
}

export interface ArticleLink {
  slug: string;
  title: string;
  summary: string | null;
}

/** Other published public articles of the same category, most helpful first. */
export async function relatedArticles(
  db: Db,
  article: { id: string; categoryId: string | null },
  limit = 5,
): Promise<ArticleLink[]> {
  if (!article.categoryId) return [];
  return db
    .select({ slug: kbArticles.slug, title: kbArticles.title, summary: kbArticles.summary })
    .from(kbArticles)
    .where(
      and(
        eq(kbArticles.categoryId, article.categoryId),
        eq(kbArticles.audience, 'public'),
        eq(kbArticles.status, 'published'),
        ne(kbArticles.id, article.id),
      ),
    )
    .orderBy(desc(sql`${kbArticles.helpfulCount} - ${kbArticles.notHelpfulCount}`), kbArticles.title)
    .limit(limit);
}
