import { sql } from 'drizzle-orm';
import {
  check,
  date,
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
import { tickets, users } from './schema';

/**
 * Recurring issues and problems (issue 14). lib/problems owns the rules: a problem groups the
 * requests one cause produced; resolving it resolves them all (lib/problems/resolve-problem.ts).
 */
export const problemStatusEnum = pgEnum('problem_status', ['open', 'resolved']);

export const problems = pgTable(
  'problems',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** From the same per-year counter as exceptions (lib/cern/next-cern.ts): never reused or changed. */
    cern: text('cern').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    status: problemStatusEnum('status').notNull().default('open'),
    /** What fixed it: every linked request is resolved with it, and its customer is told. */
    resolutionSummary: text('resolution_summary'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('problems_cern_key').on(t.cern),
    index('problems_status_idx').on(t.status, t.createdAt),
    check('problems_cern_format', sql`${t.cern} ~ '^CERN-[0-9]{4}-[0-9]{6}$'`),
  ],
);

/** A request belongs to at most one problem (the primary key), a problem has many. */
export const problemTickets = pgTable(
  'problem_tickets',
  {
    ticketId: uuid('ticket_id')
      .primaryKey()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    problemId: uuid('problem_id')
      .notNull()
      .references(() => problems.id, { onDelete: 'cascade' }),
    linkedBy: uuid('linked_by').references(() => users.id),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('problem_tickets_problem_idx').on(t.problemId, t.linkedAt)],
);

/**
 * Requests created per day per category and per subject word (lib/problems/recurring.ts): kept by
 * the `problems.recurring-counts` job, read by the recurring-issues list (9 weeks of small rows
 * instead of 9 weeks of tickets).
 */
export const recurringDailyCounts = pgTable(
  'recurring_daily_counts',
  {
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.key, t.day] }), index('recurring_daily_counts_day_idx').on(t.day)],
);

/** The days recurring_daily_counts holds, and when each was counted. */
export const recurringCountedDays = pgTable('recurring_counted_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  countedAt: timestamp('counted_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Problem = typeof problems.$inferSelect;
export type ProblemStatus = (typeof problemStatusEnum.enumValues)[number];
