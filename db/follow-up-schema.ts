import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
// Re-exported by schema.ts; the references below are thunks, so the import cycle is harmless.
import { surveys, teams, tickets, users } from './schema';

/**
 * Follow-up queues (issue 13): a detractor's survey answer for the team lead to call back, and a
 * follow-up call an agent or lead asked for on a resolved request. lib/follow-up owns the rules.
 */
export const followUpKindEnum = pgEnum('follow_up_kind', ['detractor', 'call']);
/** Declared open before done: `order by status` lists open work first. */
export const followUpStatusEnum = pgEnum('follow_up_status', ['open', 'done']);
/** Detractor: called_back, recovered, not_reachable. Call: confirmed_fixed, reopened, no_answer. */
export const followUpOutcomeEnum = pgEnum('follow_up_outcome', [
  'called_back',
  'recovered',
  'not_reachable',
  'confirmed_fixed',
  'reopened',
  'no_answer',
]);

/** Why a detractor was unhappy: the short list the admin keeps (/admin/root-causes). */
export const rootCauses = pgTable(
  'root_causes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Order in the lead's select (then by name). */
    sort: integer('sort').notNull().default(0),
    /** A retired cause stays on the follow-ups that have it and leaves the select. */
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('root_causes_name_key').on(sql`lower(${t.name})`)],
);

export const followUps = pgTable(
  'follow_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: followUpKindEnum('kind').notNull(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    /** Detractors: the survey answer that put the request here (one follow-up per survey). */
    surveyId: uuid('survey_id').references(() => surveys.id, { onDelete: 'cascade' }),
    /** The request's team when the follow-up was opened: the queue a lead sees. */
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    /** Detractors: the team lead told (null: any lead). Calls: the request's assignee. */
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    /** Snapshots of the answer, as the customer gave it (the survey is answered once). */
    csat: smallint('csat'),
    nps: smallint('nps'),
    comment: text('comment'),
    /** Calls: who asked for the call, and why. */
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    requestNote: text('request_note'),
    status: followUpStatusEnum('status').notNull().default('open'),
    outcome: followUpOutcomeEnum('outcome'),
    rootCauseId: uuid('root_cause_id').references(() => rootCauses.id),
    note: text('note'),
    /** Calls answered "no answer" so far (the call stays open until MAX_CALL_ATTEMPTS). */
    attempts: smallint('attempts').notNull().default(0),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    // flagDetractor is idempotent: a second call for the same survey finds this row.
    uniqueIndex('follow_ups_survey_key').on(t.surveyId),
    // One open call per request.
    uniqueIndex('follow_ups_open_call_key')
      .on(t.ticketId)
      .where(sql`${t.kind} = 'call' and ${t.status} = 'open'`),
    // The queues: open first, oldest first, by keyset on (status, created_at, id); with a team filter.
    index('follow_ups_queue_idx').on(t.kind, t.status, t.createdAt, t.id),
    index('follow_ups_team_queue_idx').on(t.kind, t.teamId, t.status, t.createdAt, t.id),
    index('follow_ups_ticket_idx').on(t.ticketId),
    // The dashboard: follow-ups opened in a period.
    index('follow_ups_created_idx').on(t.kind, t.createdAt),
    check('follow_ups_detractor_survey', sql`${t.kind} <> 'detractor' or ${t.surveyId} is not null`),
    check('follow_ups_done', sql`(${t.status} = 'done') = (${t.doneAt} is not null and ${t.outcome} is not null)`),
    check(
      'follow_ups_outcome_kind',
      sql`${t.outcome} is null or (${t.kind} = 'detractor') = (${t.outcome} in ('called_back', 'recovered', 'not_reachable'))`,
    ),
    check('follow_ups_csat_range', sql`${t.csat} between 1 and 5`),
    check('follow_ups_nps_range', sql`${t.nps} between 0 and 10`),
  ],
);

export type FollowUp = typeof followUps.$inferSelect;
export type RootCause = typeof rootCauses.$inferSelect;
export type FollowUpKind = (typeof followUpKindEnum.enumValues)[number];
export type FollowUpStatus = (typeof followUpStatusEnum.enumValues)[number];
export type FollowUpOutcome = (typeof followUpOutcomeEnum.enumValues)[number];
