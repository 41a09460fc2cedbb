import { z } from 'zod';
import { optionalUuid, safeString, searchText, text, version } from '@/lib/core/fields';
import { MAX_MARKDOWN } from './markdown';

/** Limits of an article's fields: the forms use the same numbers (maxLength). */
export const MAX_ARTICLE_TITLE = 200;
export const MAX_ARTICLE_SUMMARY = 300;
export const MAX_SLUG = 100;
export const MAX_REVISION_NOTE = 300;
export const MAX_ARTICLE_QUERY = 200;

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MESSAGE = 'Use lower-case letters, digits and single hyphens (reset-your-password).';

export const AUDIENCES = ['public', 'internal'] as const;
export const STATUSES = ['draft', 'published'] as const;

/** The address of an article (/help/<slug>); empty → generated from the title. */
const slug = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z.union([
    z.literal('').transform(() => undefined),
    safeString().max(MAX_SLUG, `The address must be at most ${MAX_SLUG} characters.`).regex(SLUG_PATTERN, SLUG_MESSAGE),
  ]),
);

const body = safeString({ error: 'Write the article.' })
  .max(MAX_MARKDOWN, `The article must be at most ${MAX_MARKDOWN.toLocaleString('en')} characters.`)
  .refine((v) => v.trim().length > 0, 'Write the article.');

/** Optional text that must still be storable: a NUL byte is a field message, not a silent drop. */
const summary = safeString()
  .trim()
  .max(MAX_ARTICLE_SUMMARY, `The summary must be at most ${MAX_ARTICLE_SUMMARY} characters.`)
  .optional()
  .transform((v) => (v ? v : null));

const note = safeString()
  .trim()
  .max(MAX_REVISION_NOTE, `The note must be at most ${MAX_REVISION_NOTE} characters.`)
  .optional()
  .transform((v) => (v ? v : null));

export const articleFields = z.object({
  title: text('Title', MAX_ARTICLE_TITLE),
  slug: slug.optional(),
  summary,
  body,
  audience: z.enum(AUDIENCES, { error: 'Choose who may read it.' }).default('public'),
  categoryId: optionalUuid,
  /** What the editor says about this save ("fixed the refund steps"), kept with the revision. */
  note,
});
export type ArticleFields = z.output<typeof articleFields>;

export const createArticleSchema = articleFields;

export const articleId = z.uuid('Article not found.');

export const updateArticleSchema = articleFields.extend({ id: articleId, version });

export const publishSchema = z.object({ id: articleId, version, note });

/** A version number from the URL (?version=N): within PostgreSQL's integer, or the query would fail. */
export const revisionRef = z.object({
  id: articleId,
  revision: z.coerce.number().int().positive().max(2_147_483_647),
});

export const restoreRevisionSchema = revisionRef.extend({ version, note });

export const previewSchema = z.object({
  body: z.preprocess((v) => (typeof v === 'string' ? v : ''), body),
});

export const voteSchema = z.object({
  articleId,
  helpful: z.enum(['yes', 'no'], { error: 'Choose yes or no.' }).transform((v) => v === 'yes'),
});

/** The staff list's filters, from the URL: anything unknown falls back to "all". */
export const listArticlesSchema = z.object({
  q: searchText(MAX_ARTICLE_QUERY).optional().catch(undefined),
  audience: z.enum(AUDIENCES).optional().catch(undefined),
  status: z.enum(STATUSES).optional().catch(undefined),
  categoryId: z.uuid().optional().catch(undefined),
});
export type ArticleFilters = z.output<typeof listArticlesSchema>;
