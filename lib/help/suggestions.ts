import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { kbArticles } from '@/db/schema';
import { attempt, fail, fromZod, type Result } from '@/lib/core/result';
import { enforce, LIMITS } from '@/lib/rate-limit/rate-limit';
import { renderMarkdown } from './markdown';
import { searchArticles } from './search-articles';

/** What a customer may be shown while typing a new request: at most this many articles. */
export const MAX_SUGGESTIONS = 5;
/**
 * The longest query accepted. The form sends the subject and the start of the description (the
 * search reads the first dozen words anyway); anything longer is not a person typing.
 */
export const MAX_SUGGESTION_QUERY = 1000;
/** A suggestion's summary is a line, not a page. */
const SUMMARY_CHARS = 200;

const noNul = (s: string) => !s.includes('\0');

export const suggestionQuerySchema = z.object({
  q: z
    .string()
    .max(MAX_SUGGESTION_QUERY, `Ask with at most ${MAX_SUGGESTION_QUERY} characters.`)
    .refine(noNul, 'The question contains characters that cannot be searched.')
    .default(''),
  category: z
    .union([z.literal(''), z.uuid({ error: 'Choose a category from the list.' })])
    .optional()
    .transform((c) => c || null),
});

export interface Suggestion {
  id: string;
  slug: string;
  title: string;
  summary: string | null;
}

export interface SuggestedArticle extends Suggestion {
  /** The body as sanitized HTML (lib/help/markdown.ts), ready for dangerouslySetInnerHTML. */
  html: string;
  /** The article's page in the help centre. */
  path: string;
}

const cap = (text: string | null, max: number) =>
  text && text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

/** Counts one lookup against the address's budget (no address known: not counted, as everywhere). */
async function limitLookup(db: Db, ip: string | null): Promise<void> {
  await enforce(db, [[LIMITS.helpLookupIp, ip]]);
}

/**
 * Public, published help articles matching what a customer is typing, for the new-request form:
 * any word may match (ranked by how many and where), articles of the chosen category first, at
 * most five, each a title and a one-line summary. Anyone may ask (the guest form too), so every
 * lookup counts against the address's rate limit.
 */
export async function suggestArticles(db: Db, raw: unknown, ip: string | null): Promise<Result<Suggestion[]>> {
  const parsed = suggestionQuerySchema.safeParse(raw);
  if (!parsed.success) return fromZod(parsed.error, 'The question cannot be searched.');
  return attempt(async () => {
    await limitLookup(db, ip);
    const hits = await searchArticles(db, {
      q: parsed.data.q,
      audience: 'public',
      categoryId: parsed.data.category,
      mode: 'any',
      limit: MAX_SUGGESTIONS,
    });
    return hits.map((h) => ({ id: h.id, slug: h.slug, title: h.title, summary: cap(h.summary, SUMMARY_CHARS) }));
  });
}

export const articleIdSchema = z.uuid({ error: 'Unknown article.' });

/**
 * One suggested article to read in place: only a public, published one (a draft or an internal
 * procedure is "not found", so its existence is not revealed). The body is rendered and sanitized here.
 */
export async function getSuggestedArticle(
  db: Db,
  rawId: unknown,
  ip: string | null,
): Promise<Result<SuggestedArticle>> {
  const id = articleIdSchema.safeParse(rawId);
  if (!id.success) return { ok: false, code: 'not_found', message: 'There is no such article.' };
  return attempt(async () => {
    await limitLookup(db, ip);
    const [article] = await db
      .select()
      .from(kbArticles)
      .where(and(eq(kbArticles.id, id.data), eq(kbArticles.audience, 'public'), eq(kbArticles.status, 'published')));
    if (!article) fail('not_found', 'There is no such article.');
    return {
      id: article.id,
      slug: article.slug,
      title: article.title,
      summary: cap(article.summary, SUMMARY_CHARS),
      html: renderMarkdown(article.body),
      path: `/help/${encodeURIComponent(article.slug)}`,
    };
  });
}
