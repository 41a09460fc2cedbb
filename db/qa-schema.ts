import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
// Re-exported by schema.ts; the references below are thunks, so the import cycle is harmless.
import { tickets, users } from './schema';

/**
 * Quality review (issue 14): the admin's rubric, the weekly samples of resolved requests per agent,
 * and the leads' reviews of them. lib/qa owns the rules; the sample size is the `qa` setting.
 */
export const qaCriteria = pgTable(
  'qa_criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Order on the review form (then by name). */
    position: integer('position').notNull().default(0),
    /** An inactive criterion leaves the form; reviews that scored it keep the score. */
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('qa_criteria_name_key').on(sql`lower(${t.name})`)],
);

/** One sampled request: `week` is the Monday (UTC) of the ISO week it was resolved in. */
export const qaSamples = pgTable(
  'qa_samples',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    week: date('week', { mode: 'string' }).notNull(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('qa_samples_week_agent_ticket_key').on(t.week, t.agentId, t.ticketId),
    index('qa_samples_ticket_idx').on(t.ticketId),
  ],
);

/** A lead's review of one sampled request: a 1–5 score per criterion (by id) and a comment. */
export const qaReviews = pgTable(
  'qa_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sampleId: uuid('sample_id')
      .notNull()
      .references(() => qaSamples.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    /** The agent reviewed (the sample's agent). */
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id').references(() => users.id, { onDelete: 'set null' }),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    /** The mean of the scores (1.00–5.00): what the trends average. */
    score: numeric('score', { precision: 3, scale: 2, mode: 'number' }).notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('qa_reviews_sample_key').on(t.sampleId),
    index('qa_reviews_agent_idx').on(t.agentId, t.createdAt),
    check('qa_reviews_score_range', sql`${t.score} between 1 and 5`),
  ],
);

export type QaCriterion = typeof qaCriteria.$inferSelect;
export type QaSample = typeof qaSamples.$inferSelect;
export type QaReview = typeof qaReviews.$inferSelect;
