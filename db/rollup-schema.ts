import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/*
 * Dashboard rollups (issue 14, lib/metrics/rollup.ts; ARCHITECTURE.md "Dashboard rollups"). One row
 * per UTC day × grouping set of the six dimensions (organization, team, agent, category, channel,
 * priority) × the values present that day. `gset` is PostgreSQL's GROUPING() bitmask: a set bit
 * means that dimension is rolled up (its column is null and means "any"); a clear bit with a null
 * column means "none" (no team, unassigned, …). Each figure is filed under the day of its own
 * moment, as the dashboard defines it: created/SLA by creation, resolved/FCR/AHT by resolution,
 * FRT by first reply, CSAT/NPS by the survey's answer.
 */
export const metricRollups = pgTable(
  'metric_rollups',
  {
    day: date('day', { mode: 'string' }).notNull(),
    gset: smallint('gset').notNull(),
    /** The customer's organization (key accounts; ROLLUP_DIMENSIONS' first, bit 5). */
    organizationId: uuid('organization_id'),
    teamId: uuid('team_id'),
    assigneeId: uuid('assignee_id'),
    categoryId: uuid('category_id'),
    channel: text('channel'),
    priority: smallint('priority'),
    // By creation day
    created: integer('created').notNull().default(0),
    slaMet: integer('sla_met').notNull().default(0),
    slaMissed: integer('sla_missed').notNull().default(0),
    frMet: integer('fr_met').notNull().default(0),
    frMissed: integer('fr_missed').notNull().default(0),
    resMet: integer('res_met').notNull().default(0),
    resMissed: integer('res_missed').notNull().default(0),
    // By resolution day (merged duplicates left out)
    resolved: integer('resolved').notNull().default(0),
    firstContact: integer('first_contact').notNull().default(0),
    reopened: integer('reopened').notNull().default(0),
    ahtMsSum: doublePrecision('aht_ms_sum').notNull().default(0),
    ahtBusinessCount: integer('aht_business_count').notNull().default(0),
    ahtBusinessMsSum: doublePrecision('aht_business_ms_sum').notNull().default(0),
    // By first-response day
    responded: integer('responded').notNull().default(0),
    frtMsSum: doublePrecision('frt_ms_sum').notNull().default(0),
    frtBusinessCount: integer('frt_business_count').notNull().default(0),
    frtBusinessMsSum: doublePrecision('frt_business_ms_sum').notNull().default(0),
    /** Counts per FRT_HISTOGRAM_BOUNDS_MS bucket (lib/metrics/definitions.ts), for the median. */
    frtHistogram: integer('frt_histogram').array().notNull(),
    // By survey answer day
    csatAnswered: integer('csat_answered').notNull().default(0),
    csatSatisfied: integer('csat_satisfied').notNull().default(0),
    csatTotal: integer('csat_total').notNull().default(0),
    npsAnswered: integer('nps_answered').notNull().default(0),
    promoters: integer('promoters').notNull().default(0),
    detractors: integer('detractors').notNull().default(0),
    // Backlog by age over time (lib/metrics/backlog-series.ts). By creation day: how many of the
    // day's tickets ended (resolved or closed, and not reopened since) k whole days after it,
    // k = 0 … BACKLOG_SPAN_DAYS − 1; by end day: those ended BACKLOG_SPAN_DAYS days or more after
    // their creation day.
    endedAfter: integer('ended_after')
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    endedLong: integer('ended_long').notNull().default(0),
    // Exceptions (requests with a CERN; lib/metrics/exception-rollup.ts): raised by the raising day;
    // resolved, reopened and the time-to-resolve histogram (EXCEPTION_HISTOGRAM_BOUNDS_MS) by the
    // resolution day (merged duplicates left out); CSAT on exceptions by the survey's answer day.
    excRaised: integer('exc_raised').notNull().default(0),
    excResolved: integer('exc_resolved').notNull().default(0),
    excReopened: integer('exc_reopened').notNull().default(0),
    excResolveHistogram: integer('exc_resolve_histogram')
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    excCsatAnswered: integer('exc_csat_answered').notNull().default(0),
    excCsatSatisfied: integer('exc_csat_satisfied').notNull().default(0),
    excCsatTotal: integer('exc_csat_total').notNull().default(0),
  },
  (t) => [
    // Every dashboard query fixes gset and every dimension but at most one (a breakdown's), then a day range.
    index('metric_rollups_lookup_idx').on(
      t.gset,
      t.organizationId,
      t.teamId,
      t.assigneeId,
      t.categoryId,
      t.channel,
      t.priority,
      t.day,
    ),
    index('metric_rollups_day_idx').on(t.day),
  ],
);

/**
 * Days whose rollup rows are out of date: appended by triggers on tickets, surveys and ticket_links
 * (migration rollup_triggers), consumed by the rollup refresh job. Append-only, duplicates allowed:
 * no writer ever waits on another for a day's row.
 */
export const metricRollupDirty = pgTable('metric_rollup_dirty', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  day: date('day', { mode: 'string' }).notNull(),
});

/** One row: when the rollups were last brought up to date (SLA targets still running are judged then). */
export const metricRollupState = pgTable('metric_rollup_state', {
  id: smallint('id').primaryKey().default(1),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true })
    .notNull()
    .default(sql`'epoch'`),
  rows: bigint('rows', { mode: 'number' }).notNull().default(0),
});
