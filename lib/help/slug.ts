import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { kbArticles } from '@/db/schema';
import { MAX_SLUG } from './schemas';

/**
 * A title → an address: "Reset your password?" → "reset-your-password". Accents are folded
 * (é → e); anything else that is not a letter or digit becomes a hyphen. A title of only symbols
 * gives "article".
 */
export function slugify(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG - 4) // room for a "-999" suffix
    .replace(/-+$/g, '');
  return base || 'article';
}

/** Whether another article already has this address. */
export async function slugTaken(tx: Db, slug: string, exceptId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: kbArticles.id })
    .from(kbArticles)
    .where(exceptId ? and(eq(kbArticles.slug, slug), ne(kbArticles.id, exceptId)) : eq(kbArticles.slug, slug))
    .limit(1);
  return !!row;
}

/**
 * The first free address among `base`, `base-2`, `base-3`, … — one query for every taken one
 * that starts with the base. A concurrent create can still take it first; the insert answers
 * that with `on conflict do nothing` and asks again (create-article.ts).
 */
export async function freeSlug(tx: Db, base: string): Promise<string> {
  const rows = await tx
    .select({ slug: kbArticles.slug })
    .from(kbArticles)
    .where(sql`${kbArticles.slug} = ${base} or starts_with(${kbArticles.slug}, ${`${base}-`})`);
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
