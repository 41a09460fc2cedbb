import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { categories, kbArticles, type KbArticle } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { canWriteArticles } from './access';
import { listArticlesSchema, type ArticleFilters } from './schemas';
import { articleQuery } from './search-articles';

/** The staff list shows at most this many; a search or a filter narrows it. */
export const STAFF_LIST_LIMIT = 200;

export type StaffArticleRow = Pick<
  KbArticle,
  | 'id'
  | 'slug'
  | 'title'
  | 'audience'
  | 'status'
  | 'helpfulCount'
  | 'notHelpfulCount'
  | 'deflectionCount'
  | 'updatedAt'
  | 'version'
> & { categoryName: string | null };

export interface StaffArticleList {
  filters: ArticleFilters;
  rows: StaffArticleRow[];
  /** More matched than the list shows. */
  more: boolean;
}

/**
 * Every article for the staff list (/articles): drafts and internal procedures included, filtered
 * by audience, status, category and words (full text, every word, the last a prefix), best match
 * first when searching, else the most recently changed. Filters come from the URL; anything
 * malformed is ignored. Anyone but staff gets an empty list.
 */
export async function listArticles(db: Db, actor: Actor | null, raw: unknown): Promise<StaffArticleList> {
  const filters = listArticlesSchema.parse(raw ?? {});
  if (!canWriteArticles(actor)) return { filters, rows: [], more: false };
  const where: SQL[] = [];
  if (filters.audience) where.push(eq(kbArticles.audience, filters.audience));
  if (filters.status) where.push(eq(kbArticles.status, filters.status));
  if (filters.categoryId) where.push(eq(kbArticles.categoryId, filters.categoryId));
  const query = filters.q ? articleQuery(filters.q, 'all') : null;
  const tsquery = query ? sql`to_tsquery('english'::regconfig, ${query})` : null;
  if (tsquery) where.push(sql`${kbArticles.searchVector} @@ ${tsquery}`);
  const rows = await db
    .select({
      id: kbArticles.id,
      slug: kbArticles.slug,
      title: kbArticles.title,
      audience: kbArticles.audience,
      status: kbArticles.status,
      helpfulCount: kbArticles.helpfulCount,
      notHelpfulCount: kbArticles.notHelpfulCount,
      deflectionCount: kbArticles.deflectionCount,
      updatedAt: kbArticles.updatedAt,
      version: kbArticles.version,
      categoryName: categories.name,
    })
    .from(kbArticles)
    .leftJoin(categories, eq(categories.id, kbArticles.categoryId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(
      ...(tsquery ? [desc(sql`ts_rank_cd(${kbArticles.searchVector}, ${tsquery})`)] : []),
      desc(kbArticles.updatedAt),
      asc(kbArticles.id),
    )
    .limit(STAFF_LIST_LIMIT + 1);
  return { filters, rows: rows.slice(0, STAFF_LIST_LIMIT), more: rows.length > STAFF_LIST_LIMIT };
}

/** "83%" of votes that said helpful; null without votes. One definition for every page. */
export function helpfulPercent(helpful: number, notHelpful: number): number | null {
  const votes = helpful + notHelpful;
  return votes === 0 ? null : Math.round((helpful / votes) * 100);
}

export interface HelpCentreArticle {
  slug: string;
  title: string;
  summary: string | null;
}
export interface HelpCentreSection {
  categoryId: string | null;
  /** null: articles without a category ("General"). */
  name: string | null;
  articles: HelpCentreArticle[];
}

/**
 * The help centre's front page: published public articles grouped by category (categories by
 * name, "General" last), most helpful first within each (helpful minus not-helpful votes, then
 * title). Retired categories still head their articles: the article keeps its category.
 */
export async function listHelpCentre(db: Db, options: { categoryId?: string } = {}): Promise<HelpCentreSection[]> {
  const where: SQL[] = [eq(kbArticles.audience, 'public'), eq(kbArticles.status, 'published')];
  if (options.categoryId) where.push(eq(kbArticles.categoryId, options.categoryId));
  const rows = await db
    .select({
      slug: kbArticles.slug,
      title: kbArticles.title,
      summary: kbArticles.summary,
      categoryId: kbArticles.categoryId,
      categoryName: categories.name,
    })
    .from(kbArticles)
    .leftJoin(categories, eq(categories.id, kbArticles.categoryId))
    .where(and(...where))
    .orderBy(
      sql`${categories.name} asc nulls last`,
      desc(sql`${kbArticles.helpfulCount} - ${kbArticles.notHelpfulCount}`),
      asc(kbArticles.title),
    );
  const sections: HelpCentreSection[] = [];
  for (const r of rows) {
    let section = sections.at(-1);
    if (!section || section.categoryId !== r.categoryId) {
      section = { categoryId: r.categoryId, name: r.categoryName, articles: [] };
      sections.push(section);
    }
    section.articles.push({ slug: r.slug, title: r.title, summary: r.summary });
  }
  return sections;
}
