import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';

/*
 * Cycle time per stage, pre-aggregated (issue 14; lib/metrics/cycle-rollup.ts). One row per UTC
 * end day × stage × team × category with a histogram of the durations (STAGE_HISTOGRAM_BOUNDS_MS),
 * so median and p90 over any period are exact to the bucket. Two kinds of rows:
 * - `whole` false: the pieces of stays (ticket_stage_spans rows) by the team and category the
 *   request had during each piece, filed by the piece's end day — the by-team, by-category and
 *   filtered figures;
 * - `whole` true: whole stays (first piece's start to last piece's end), team and category null
 *   (any), filed by the stay's end day — the unfiltered overall figures.
 * Kept by the job metrics.stage-spans: each batch that derives spans marks the end days of the old
 * and new spans in stage_cycle_dirty, and the run then recomputes those days once (a backfill of
 * every request recomputes each day once, not once per batch); never written anywhere else.
 */
export const stageCycleRollups = pgTable(
  'stage_cycle_rollups',
  {
    day: date('day', { mode: 'string' }).notNull(),
    stage: text('stage').$type<'inquiry' | 'identification' | 'resolution' | 'follow_up'>().notNull(),
    whole: boolean('whole').notNull(),
    teamId: uuid('team_id'),
    categoryId: uuid('category_id'),
    stays: integer('stays').notNull(),
    /** Counts per STAGE_HISTOGRAM_BOUNDS_MS bucket (lib/metrics/definitions.ts), the last open-ended. */
    histogram: integer('histogram').array().notNull(),
  },
  (t) => [
    check('stage_cycle_rollups_stage', sql`${t.stage} in ('inquiry', 'identification', 'resolution', 'follow_up')`),
    // The dashboard reads a day range (at most a few dozen rows a day), then the job's per-day recompute.
    index('stage_cycle_rollups_day_idx').on(t.day, t.whole, t.teamId, t.categoryId),
  ],
);

/** End days whose stage_cycle_rollups rows are out of date: appended by the job's batches, consumed at the run's end. */
export const stageCycleDirty = pgTable('stage_cycle_dirty', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  day: date('day', { mode: 'string' }).notNull(),
});
