import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
// Re-exported by schema.ts; the references below are thunks, so the import cycle is harmless.
import { tickets } from './schema';

/**
 * Cycle time per stage (issue 14): each request's stays in inquiry, identification, resolution
 * and follow-up, derived from its events by lib/metrics/stage-spans.ts and cut by team and category
 * by lib/metrics/stage-attribution.ts. Kept by the job
 * `metrics.stage-spans` for the requests a trigger on ticket_events marked (migration
 * stage_spans); never written anywhere else.
 */
export const ticketStageSpans = pgTable(
  'ticket_stage_spans',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    /** 0, 1, 2 … in the order the request went through them. */
    seq: smallint('seq').notNull(),
    /** A stage (the `stage` enum's values; text because this file loads before schema.ts defines the enum). */
    stage: text('stage').$type<'inquiry' | 'identification' | 'resolution' | 'follow_up'>().notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    /** Null while the request is still in this stage. */
    endedAt: timestamp('ended_at', { withTimezone: true }),
    durationMs: bigint('duration_ms', { mode: 'number' }).generatedAlwaysAs(
      sql`(extract(epoch from (ended_at - started_at)) * 1000)::bigint`,
    ),
    // A row is one piece of a stay at one team and category (lib/metrics/stage-attribution.ts): a
    // stay during which the team or category changed has one row per owner, in order.
    /** The team and category the request had during this piece (not now). */
    teamId: uuid('team_id'),
    categoryId: uuid('category_id'),
    /** When the whole stay began (null only on rows derived before pieces existed: the piece's own start). */
    stayStartedAt: timestamp('stay_started_at', { withTimezone: true }),
    /** The stay's last piece: its end is the stay's end. */
    lastOfStay: boolean('last_of_stay').notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.seq] }),
    check('ticket_stage_spans_stage', sql`${t.stage} in ('inquiry', 'identification', 'resolution', 'follow_up')`),
    index('ticket_stage_spans_ended_idx')
      .on(t.endedAt, t.stage)
      .where(sql`${t.endedAt} is not null`),
    // Requests still in a stage (cycle time's "still waiting", read live): about the backlog's size;
    // with their starts, an index-only scan.
    index('ticket_stage_spans_open_idx')
      .on(t.stage, t.teamId, t.categoryId, t.startedAt, t.stayStartedAt)
      .where(sql`${t.endedAt} is null`),
  ],
);

/** Requests whose spans are out of date: appended by the ticket_events trigger, consumed by the job. */
export const stageSpanDirty = pgTable('stage_span_dirty', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  ticketId: uuid('ticket_id').notNull(),
});

export type TicketStageSpan = typeof ticketStageSpans.$inferSelect;
