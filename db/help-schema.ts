import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
// Re-exported by schema.ts; the references below are thunks, so the import cycle is harmless.
import { categories, customers, tickets, users } from './schema';

/** The help centre (issue 13): help articles for customers and procedures for agents. */

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** `public`: the portal's /help, readable signed out. `internal`: procedures only staff see. */
export const articleAudienceEnum = pgEnum('article_audience', ['public', 'internal']);
export const articleStatusEnum = pgEnum('article_status', ['draft', 'published']);

/** Title (A) over summary (B) over the body (C), in the same `english` config as tickets. */
const ARTICLE_DOCUMENT = sql`setweight(to_tsvector('english'::regconfig, "title"), 'A') || setweight(to_tsvector('english'::regconfig, coalesce("summary", '')), 'B') || setweight(to_tsvector('english'::regconfig, "body"), 'C')`;

/**
 * An article's current text. `body` is Markdown as written; it is rendered and sanitized on the
 * way out (lib/help/markdown.ts), never stored as HTML. Every save writes a revision.
 */
export const kbArticles = pgTable(
  'kb_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** URL name, unique: /help/<slug>. */
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    /** One line shown in lists and suggestions. */
    summary: text('summary'),
    body: text('body').notNull(),
    audience: articleAudienceEnum('audience').notNull().default('public'),
    status: articleStatusEnum('status').notNull().default('draft'),
    categoryId: uuid('category_id').references(() => categories.id),
    /** The revision number of the current text; bumps on every save (optimistic concurrency). */
    version: integer('version').notNull().default(1),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    /** First publication; a draft never published has none. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    helpfulCount: integer('helpful_count').notNull().default(0),
    notHelpfulCount: integer('not_helpful_count').notNull().default(0),
    /** Requests this article ended before they were submitted ("This answered my question"). */
    deflectionCount: integer('deflection_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    searchVector: tsvector('search_vector').notNull().generatedAlwaysAs(ARTICLE_DOCUMENT),
  },
  (t) => [
    uniqueIndex('kb_articles_slug_key').on(t.slug),
    index('kb_articles_search_idx').using('gin', t.searchVector),
    index('kb_articles_list_idx').on(t.audience, t.status, t.categoryId, t.updatedAt),
  ],
);

/** The text of every saved version, newest = the article's `version`. */
export const kbArticleRevisions = pgTable(
  'kb_article_revisions',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    body: text('body').notNull(),
    audience: articleAudienceEnum('audience').notNull(),
    status: articleStatusEnum('status').notNull(),
    categoryId: uuid('category_id').references(() => categories.id),
    editorId: uuid('editor_id').references(() => users.id, { onDelete: 'set null' }),
    /** What the editor said about the change ("fixed the refund steps"). */
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.version] })],
);

/**
 * One vote per article per voter. `voter` is `u:<user id>` when signed in, else `a:<random id>`
 * from a long-lived anonymous cookie; changing one's mind updates the row (and the counts).
 */
export const kbArticleVotes = pgTable(
  'kb_article_votes',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    voter: text('voter').notNull(),
    helpful: boolean('helpful').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.voter] })],
);

/**
 * A request that was not submitted because an article answered it: counted per article and over
 * time for the lead. The query is what the customer had typed (trimmed, capped), for insight.
 */
export const deflections = pgTable(
  'deflections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: uuid('article_id').references(() => kbArticles.id, { onDelete: 'set null' }),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    query: text('query'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('deflections_created_idx').on(t.createdAt)],
);

/**
 * A known problem ("Card payments are failing since 10:00; we are on it"), shown on the portal,
 * the help centre and the new-request form while open.
 */
export const announcements = pgTable(
  'announcements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Optional: the problem ticket or exception it is about (staff side only). */
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('announcements_open_idx').on(t.closedAt, t.createdAt)],
);

export type KbArticle = typeof kbArticles.$inferSelect;
export type KbArticleRevision = typeof kbArticleRevisions.$inferSelect;
export type ArticleAudience = (typeof articleAudienceEnum.enumValues)[number];
export type ArticleStatus = (typeof articleStatusEnum.enumValues)[number];
export type Announcement = typeof announcements.$inferSelect;
