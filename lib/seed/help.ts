import { inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { categories, kbArticleRevisions, kbArticles, kbArticleVotes } from '@/db/schema';
import { SEED_ARTICLES } from './help-articles';
import type { People } from './people';

const DAY = 86_400_000;

/**
 * The demo's help centre (issue 13): the articles of help-articles.ts, each with its revisions
 * (older versions, the publication, the latest edit, as the save path would have written them)
 * and its votes (anonymous demo voters), the counters equal to the votes. Draws no random numbers.
 */
export async function seedHelp(tx: Db, people: People, now: Date): Promise<void> {
  const names = [...new Set(SEED_ARTICLES.flatMap((a) => (a.category ? [a.category] : [])))];
  const found = await tx
    .select({ id: categories.id, name: categories.name })
    .from(categories)
    .where(inArray(categories.name, names));
  const categoryId = new Map(found.map((c) => [c.name, c.id]));

  let voter = 0;
  for (const seed of SEED_ARTICLES) {
    const author = people.staffByEmail.get(seed.author);
    if (!author) throw new Error(`demo staff ${seed.author} missing`);
    const created = new Date(now.getTime() - seed.ageDays * DAY);
    // Versions as written: the earlier texts, then the current one; a published article was
    // published after its first text, as its own revision.
    const texts = [...(seed.earlier ?? []), { body: seed.body, title: seed.title, note: seed.note ?? null }];
    const steps = texts.length + (seed.status === 'published' ? 1 : 0);
    const at = (i: number) => new Date(created.getTime() + (i * seed.ageDays * DAY) / (steps + 1));
    const revisions: Omit<typeof kbArticleRevisions.$inferInsert, 'articleId'>[] = [];
    let publishedAt: Date | null = null;
    texts.forEach((text, i) => {
      const published = seed.status === 'published' && i > 0;
      revisions.push({
        version: revisions.length + 1,
        title: text.title ?? seed.title,
        summary: seed.summary,
        body: text.body,
        audience: seed.audience,
        status: published ? 'published' : 'draft',
        categoryId: seed.category ? (categoryId.get(seed.category) ?? null) : null,
        editorId: author.id,
        note: text.note,
        createdAt: at(revisions.length),
      });
      if (i === 0 && seed.status === 'published') {
        publishedAt = at(revisions.length);
        revisions.push({
          ...revisions[0]!,
          version: 2,
          status: 'published',
          note: 'Published',
          createdAt: publishedAt,
        });
      }
    });
    const current = revisions.at(-1)!;
    const [helpful, notHelpful] = seed.votes ?? [0, 0];
    const [article] = await tx
      .insert(kbArticles)
      .values({
        slug: seed.slug,
        title: seed.title,
        summary: seed.summary,
        body: seed.body,
        audience: seed.audience,
        status: seed.status,
        categoryId: current.categoryId,
        version: current.version,
        authorId: author.id,
        updatedBy: author.id,
        publishedAt,
        helpfulCount: helpful,
        notHelpfulCount: notHelpful,
        createdAt: created,
        updatedAt: current.createdAt,
      })
      .returning({ id: kbArticles.id });
    if (!article) throw new Error('article insert returned nothing');
    await tx.insert(kbArticleRevisions).values(revisions.map((r) => ({ ...r, articleId: article.id })));
    const votes = Array.from({ length: helpful + notHelpful }, (_, i) => ({
      articleId: article.id,
      voter: `a:demo-visitor-${String(++voter).padStart(8, '0')}`,
      helpful: i < helpful,
      createdAt: new Date(Math.max(current.createdAt!.getTime(), now.getTime() - ((i % 20) + 1) * DAY)),
    }));
    if (votes.length) await tx.insert(kbArticleVotes).values(votes);
  }
}
