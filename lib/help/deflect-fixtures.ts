import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { kbArticles, type KbArticle } from '@/db/schema';

/** A word no other test's article contains, so full-text searches see only this test's articles. */
export const uniqueWord = (): string => `zq${randomUUID().replace(/-/g, '').slice(0, 10)}`;

/**
 * A help article inserted directly (tests of suggestions and deflection; the article use cases
 * are the help centre's): public and published unless told otherwise.
 */
export async function makeArticle(db: Db, values: Partial<typeof kbArticles.$inferInsert> = {}): Promise<KbArticle> {
  const slug = values.slug ?? `test-${randomUUID()}`;
  const [article] = await db
    .insert(kbArticles)
    .values({
      slug,
      title: values.title ?? `Article ${slug}`,
      body: values.body ?? 'Some help.',
      audience: 'public',
      status: 'published',
      publishedAt: new Date(),
      ...values,
    })
    .returning();
  if (!article) throw new Error('no article');
  return article;
}
