import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { stageCycleRollups, ticketStageSpans, type Stage } from '@/db/schema';
import { STAGE_HISTOGRAM_BOUNDS_MS } from './definitions';
import { periodDays } from './rollup-read';
import { timestamp, toCount, type DbNumber } from './sql';
import type { MetricsPeriod } from './types';

/*
 * Cycle time per stage pre-aggregated (db/cycle-schema.ts): the job metrics.stage-spans recomputes
 * the end days whose spans it changed (recomputeCycleDays, in its own transaction), the dashboard
 * reads a day range (readCycleRollup) plus the stays still open, live (readOpenStays: one row per
 * request still in a stage, through a partial index — about the backlog's size).
 */

/** The filters cycle time follows besides the period (the rollup has no other dimensions). */
export interface CycleFilters {
  teamId?: string;
  categoryId?: string;
}

/** Histogram counts of one stage for one team × category (pieces) or for whole stays (ids null). */
export interface CycleCell {
  stage: Stage;
  whole: boolean;
  teamId: string | null;
  categoryId: string | null;
  histogram: number[];
  /** Open stays only: how many, and when the longest-waiting one began (its piece, or its stay when whole). */
  waiting?: number;
  oldestStart?: Date | null;
}

const BUCKETS = STAGE_HISTOGRAM_BOUNDS_MS.length + 1;
const bounds = sql.raw(`array[${STAGE_HISTOGRAM_BOUNDS_MS.join(',')}]::float8[]`);
const histogramOf = (bucket: string) =>
  sql.raw(
    `array[${Array.from({ length: BUCKETS }, (_, i) => `count(*) filter (where ${bucket} = ${i})::int`).join(', ')}]`,
  );
const msFrom = (from: SQL, to: SQL) => sql`extract(epoch from (${to} - ${from})) * 1000`;
const stayStart = sql`coalesce(${ticketStageSpans.stayStartedAt}, ${ticketStageSpans.startedAt})`;

/** The end days (YYYY-MM-DD, UTC) of the given requests' finished spans and stays. */
export async function endDaysOf(tx: Db, ticketIds: readonly string[]): Promise<string[]> {
  if (ticketIds.length === 0) return [];
  const rows = rowsOf<{ day: string }>(
    await tx.execute(sql`
      select distinct (${ticketStageSpans.endedAt} at time zone 'UTC')::date::text as day from ${ticketStageSpans}
      where ${ticketStageSpans.ticketId} = any(${`{${ticketIds.join(',')}}`}::uuid[]) and ${ticketStageSpans.endedAt} is not null`),
  );
  return rows.map((r) => r.day);
}

/**
 * Recomputes the rollup rows of `days` (every day when null) from ticket_stage_spans: pieces by
 * team × category by the piece's end day, whole stays by the stay's end day (its last piece's).
 */
export async function recomputeCycleDays(tx: Db, days: readonly string[] | null): Promise<number> {
  if (days !== null && days.length === 0) return 0;
  const list = days === null ? null : `{${[...days].sort().join(',')}}`;
  // The spans of the listed days: one range scan of ticket_stage_spans_ended_idx per day (a join,
  // not a per-row EXISTS over the list, which at 1M read every span once per day: minutes, not ms).
  const spansOfDays =
    list === null
      ? sql`${ticketStageSpans}`
      : sql`unnest(${list}::date[]) d(day) join ${ticketStageSpans}
          on ${ticketStageSpans.endedAt} >= (d.day::timestamp at time zone 'UTC')
          and ${ticketStageSpans.endedAt} < ((d.day + 1)::timestamp at time zone 'UTC')`;
  if (list === null) await tx.execute(sql`delete from ${stageCycleRollups}`);
  else await tx.execute(sql`delete from ${stageCycleRollups} where ${stageCycleRollups.day} = any(${list}::date[])`);
  const endDay = sql`(${ticketStageSpans.endedAt} at time zone 'UTC')::date`;
  const result = await tx.execute(sql`
    insert into ${stageCycleRollups} (day, stage, whole, team_id, category_id, stays, histogram)
    select day, stage, whole, team_id, category_id, count(*)::int, ${histogramOf('bucket')}
    from (
      select ${endDay} as day, ${ticketStageSpans.stage} as stage, false as whole,
        ${ticketStageSpans.teamId} as team_id, ${ticketStageSpans.categoryId} as category_id,
        width_bucket(${msFrom(sql`${ticketStageSpans.startedAt}`, sql`${ticketStageSpans.endedAt}`)}, ${bounds}) as bucket
      from ${spansOfDays} where ${ticketStageSpans.endedAt} is not null
      union all
      select ${endDay}, ${ticketStageSpans.stage}, true, null, null,
        width_bucket(${msFrom(stayStart, sql`${ticketStageSpans.endedAt}`)}, ${bounds})
      from ${spansOfDays} where ${ticketStageSpans.endedAt} is not null and ${ticketStageSpans.lastOfStay}
    ) f
    group by day, stage, whole, team_id, category_id`);
  return Number((result as { count?: number }).count ?? (result as { affectedRows?: number }).affectedRows ?? 0);
}

/** Every day from scratch (a repair, the bulk seed). */
export const buildCycleRollups = (db: Db) => db.transaction((tx) => recomputeCycleDays(tx, null));

const histogramSums = sql<DbNumber[]>`array[${sql.raw(
  Array.from({ length: BUCKETS }, (_, i) => `coalesce(sum(histogram[${i + 1}]), 0)`).join(', '),
)}]`;

/**
 * The rollup's cells over the period's whole UTC days: whole stays when no filter applies, else
 * the pieces under the filters (the breakdowns always read pieces).
 */
export async function readCycleRollup(db: Db, period: MetricsPeriod, filters: CycleFilters): Promise<CycleCell[]> {
  const { first, end } = periodDays(period);
  const pieces = and(
    eq(stageCycleRollups.whole, false),
    filters.teamId ? eq(stageCycleRollups.teamId, filters.teamId) : undefined,
    filters.categoryId ? eq(stageCycleRollups.categoryId, filters.categoryId) : undefined,
  );
  const rows = await db
    .select({
      stage: stageCycleRollups.stage,
      whole: stageCycleRollups.whole,
      teamId: sql<string | null>`${stageCycleRollups.teamId}::text`,
      categoryId: sql<string | null>`${stageCycleRollups.categoryId}::text`,
      histogram: histogramSums,
    })
    .from(stageCycleRollups)
    .where(
      and(
        sql`${stageCycleRollups.day} >= ${first}::date and ${stageCycleRollups.day} < ${end}::date`,
        filters.teamId || filters.categoryId ? pieces : undefined,
      ),
    )
    .groupBy(stageCycleRollups.stage, stageCycleRollups.whole, stageCycleRollups.teamId, stageCycleRollups.categoryId);
  return rows.map((r) => ({ ...r, histogram: (r.histogram ?? []).map((n) => toCount(n)) }));
}

/**
 * Requests still in a stage as of `now`, live: their age so far bucketed like the rollup (pieces
 * by the team and category they are at now; whole stays from the stay's start), with how many
 * wait and since when the oldest.
 */
export async function readOpenStays(db: Db, filters: CycleFilters, now: Date): Promise<CycleCell[]> {
  const at = timestamp(now);
  const open = and(
    isNull(ticketStageSpans.endedAt),
    filters.teamId ? eq(ticketStageSpans.teamId, filters.teamId) : undefined,
    filters.categoryId ? eq(ticketStageSpans.categoryId, filters.categoryId) : undefined,
  );
  const rows = rowsOf<{
    stage: Stage;
    whole: boolean;
    team_id: string | null;
    category_id: string | null;
    histogram: DbNumber[];
    waiting: DbNumber;
    oldest: string | Date | null;
  }>(
    // One pass over the open spans (an index-only scan of ticket_stage_spans_open_idx), each span
    // counted twice through the lateral VALUES: as its piece, and as its whole stay.
    await db.execute(sql`
      select stage, whole, team_id::text as team_id, category_id::text as category_id,
        ${histogramOf('bucket')} as histogram, count(*) as waiting, min(since) as oldest
      from (
        select ${ticketStageSpans.stage} as stage, v.whole, v.team_id, v.category_id, v.since,
          width_bucket(greatest(${msFrom(sql`v.since`, at)}, 0), ${bounds}) as bucket
        from ${ticketStageSpans}
        cross join lateral (values
          (false, ${ticketStageSpans.teamId}, ${ticketStageSpans.categoryId}, ${ticketStageSpans.startedAt}),
          (true, null::uuid, null::uuid, ${stayStart})
        ) v(whole, team_id, category_id, since)
        where ${open}
      ) o
      group by stage, whole, team_id, category_id`),
  );
  return rows.map((r) => ({
    stage: r.stage,
    whole: r.whole,
    teamId: r.team_id,
    categoryId: r.category_id,
    histogram: (r.histogram ?? []).map((n) => toCount(n)),
    waiting: toCount(r.waiting),
    oldestStart: r.oldest === null ? null : new Date(r.oldest),
  }));
}
