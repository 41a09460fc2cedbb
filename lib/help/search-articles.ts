import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { kbArticles, type ArticleAudience } from '@/db/schema';

/** The most words a query is read for; the rest are ignored. */
const MAX_WORDS = 12;

/**
 * A typed query → a `to_tsquery` string, built from letters and digits only (so no input can
 * break the query syntax). `all`: every word must match (the search box); `any`: one is enough,
 * ranked by how many and where (suggestions while typing). The last word is a prefix, since the
 * person may still be typing it.
 */
export function articleQuery(raw: string, mode: 'all' | 'any'): string | null {
  const words = (
    raw
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  )
    .filter((w) => w.length > 1 || /\d/.test(w))
    .slice(0, MAX_WORDS);
  if (words.length === 0) return null;
  const terms = words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w));
  return terms.join(mode === 'all' ? ' & ' : ' | ');
}

export interface ArticleHit {
  id: string;
  slug: string;
  title: string;
  summary: string | null;
  audience: ArticleAudience;
  categoryId: string | null;
  updatedAt: Date;
}

export interface ArticleSearch {
  q: string;
  /** `public`: only public articles (customers, signed-out visitors). `staff`: internal procedures too. */
  audience: 'public' | 'staff';
  /** Published only (the default); staff editors may list drafts too. */
  includeDrafts?: boolean;
  categoryId?: string | null;
  mode?: 'all' | 'any';
  limit?: number;
}

/**
 * Published articles matching a query, best first (PostgreSQL full-text search on the generated
 * `search_vector`, GIN-indexed, as for tickets). A category, when given, ranks its articles first
 * rather than hiding the others: a customer rarely picks the right one.
 */
export async function searchArticles(db: Db, input: ArticleSearch): Promise<ArticleHit[]> {
  const query = articleQuery(input.q, input.mode ?? 'all');
  if (!query) return [];
  const tsquery = sql`to_tsquery('english'::regconfig, ${query})`;
  const where: SQL[] = [sql`${kbArticles.searchVector} @@ ${tsquery}`];
  if (!input.includeDrafts) where.push(eq(kbArticles.status, 'published'));
  if (input.audience === 'public') where.push(eq(kbArticles.audience, 'public'));
  // Only with a category (a bare `0` in ORDER BY would be read as a column position); an article
  // without one compares as NULL, which `desc` would sort first, hence the coalesce.
  const inCategory = input.categoryId
    ? [desc(sql`coalesce(${kbArticles.categoryId} = ${input.categoryId}, false)`)]
    : [];
  return db
    .select({
      id: kbArticles.id,
      slug: kbArticles.slug,
      title: kbArticles.title,
      summary: kbArticles.summary,
      audience: kbArticles.audience,
      categoryId: kbArticles.categoryId,
      updatedAt: kbArticles.updatedAt,
    })
    .from(kbArticles)
    .where(and(...where))
    .orderBy(...inCategory, desc(sql`ts_rank_cd(${kbArticles.searchVector}, ${tsquery})`), desc(kbArticles.updatedAt))
    .limit(Math.min(Math.max(input.limit ?? 10, 1), 50));
}
