import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { customers, surveys, tickets } from '@/db/schema';
import {
  BACKLOG_BUCKETS,
  DETRACTOR_MAX_NPS,
  EXCEPTION_HISTOGRAM_BOUNDS_MS,
  FRT_HISTOGRAM_BOUNDS_MS,
  PROMOTER_MIN_NPS,
  SATISFIED_MIN_CSAT,
} from './definitions';
import {
  isFirstContact,
  isReopened,
  msBetween,
  notMergedDuplicate,
  targetMissed,
  targetPending,
  timestamp,
} from './sql';

/*
 * Daily rollups of the dashboard's figures (db/rollup-schema.ts; ARCHITECTURE.md "Dashboard
 * rollups"). refreshRollups() recomputes only the days the triggers marked dirty, plus the days of
 * tickets whose SLA target fell due since the last refresh (a target still running turns "missed"
 * by the clock alone, with no write to mark it). The job `metrics.rollup` runs it every minute;
 * buildRollups() recomputes every day (the first refresh after the migration, the bulk seed).
 */

/**
 * The six dimensions, in GROUPING() order: bit 5 is the customer's organization, bit 4 the team …
 * bit 0 the priority.
 */
export const ROLLUP_DIMENSIONS = [
  'organizationId',
  'teamId',
  'assigneeId',
  'categoryId',
  'channel',
  'priority',
] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];
export const ROLLUP_COLUMNS: Record<RollupDimension, string> = {
  organizationId: 'organization_id',
  teamId: 'team_id',
  assigneeId: 'assignee_id',
  categoryId: 'category_id',
  channel: 'channel',
  priority: 'priority',
};

/** The GROUPING() bitmask of the set that keeps `kept` (every other dimension rolled up). */
export function groupingSet(kept: readonly RollupDimension[]): number {
  return ROLLUP_DIMENSIONS.reduce(
    (mask, dim, i) => (kept.includes(dim) ? mask : mask | (1 << (ROLLUP_DIMENSIONS.length - 1 - i))),
    0,
  );
}

// Any constant shared by every Cairn process: one refresh at a time.
const ROLLUP_LOCK = 727_014;

/**
 * The backlog series' horizon (lib/metrics/backlog-series.ts): the last finite age bound (14 days).
 * A ticket ending sooner is counted by its creation day (`ended_after`), a later one by its end day.
 */
export const BACKLOG_SPAN_DAYS = Math.max(...BACKLOG_BUCKETS.map((b) => b.underDays ?? 0));

const dims = sql.raw('organization_id, team_id, assignee_id, category_id, channel, priority');
/** Tickets with their customer (for the organization): every facts branch reads from this. */
const ticketsWithOrg = sql`${tickets} left join ${customers} rollup_c on rollup_c.id = ${tickets.customerId}`;
const ticketDims = sql`rollup_c.organization_id as organization_id, ${tickets.teamId} as team_id, ${tickets.assigneeId} as assignee_id, ${tickets.categoryId} as category_id, ${tickets.channel}::text as channel, ${tickets.priority} as priority`;
const dayOf = (column: SQL | unknown) => sql`(${column} at time zone 'UTC')::date`;
const boundsArray = sql.raw(`array[${FRT_HISTOGRAM_BOUNDS_MS.join(',')}]::float8[]`);
const excBoundsArray = sql.raw(`array[${EXCEPTION_HISTOGRAM_BOUNDS_MS.join(',')}]::float8[]`);
const isException = sql`${tickets.cern} is not null`;
const excZeros = sql.raw(
  '0 as exc_raised, 0 as exc_resolved, 0 as exc_reopened, null::float8 as exc_resolve_ms, 0 as exc_csat_answered, 0 as exc_csat_satisfied, 0 as exc_csat_total',
);
/**
 * When a ticket left the backlog: its resolution (or closing) while resolved or closed now; null
 * while in the backlog (a reopened ticket counts as open from its creation). Indexed by
 * tickets_rollup_ended_idx (migration rollup_backlog).
 */
const endedAt = sql`coalesce(${tickets.resolvedAt}, ${tickets.closedAt})`;
const hasEnded = sql`${tickets.status} in ('resolved', 'closed')`;
const endedDays = sql`(${dayOf(sql`greatest(coalesce(${endedAt}, ${tickets.createdAt}), ${tickets.createdAt})`)} - ${dayOf(tickets.createdAt)})`;

/** `column` falls on one of `days` (UTC), or anywhere when days is null; nested-loop index range scans. */
function onDays(column: SQL | unknown, days: string[] | null): SQL {
  if (days === null) return sql`${column} is not null`;
  return sql`exists (select 1 from unnest(${`{${days.join(',')}}`}::date[]) d where ${column} >= (d::timestamp at time zone 'UTC') and ${column} < ((d + 1)::timestamp at time zone 'UTC'))`;
}

/** The facts of each moment, one row per ticket (or survey) per moment, with its day and dimensions. */
function factsSql(days: string[] | null, now: Date): SQL {
  const clock = sql`least(coalesce(${tickets.slaPausedAt}, ${timestamp(now)}), coalesce(${tickets.closedAt}, ${timestamp(now)}), ${timestamp(now)})`;
  const frMissed = targetMissed(tickets.firstResponseAt, tickets.firstResponseDueAt, clock);
  const resMissed = targetMissed(tickets.resolvedAt, tickets.resolutionDueAt, clock);
  const frPending = targetPending(tickets.firstResponseAt, tickets.firstResponseDueAt, clock);
  const resPending = targetPending(tickets.resolvedAt, tickets.resolutionDueAt, clock);
  const frMet = sql`(${tickets.firstResponseDueAt} is not null and ${tickets.firstResponseAt} is not null and ${tickets.firstResponseAt} <= ${tickets.firstResponseDueAt})`;
  const resMet = sql`(${tickets.resolutionDueAt} is not null and ${tickets.resolvedAt} is not null and ${tickets.resolvedAt} <= ${tickets.resolutionDueAt})`;
  const tracked = sql`(${tickets.firstResponseDueAt} is not null or ${tickets.resolutionDueAt} is not null)`;
  const n = (cond: SQL) => sql`(case when ${cond} then 1 else 0 end)`;
  // Merged duplicates are left out of SLA compliance (MERGED_DUPLICATES_LEFT_OUT_OF) but count as created.
  const sla = (cond: SQL) => n(sql`${cond} and ${notMergedDuplicate}`);
  const zeros = (names: string[]) => sql.raw(names.map((c) => `0 as ${c}`).join(', '));
  const created = ['created', 'sla_met', 'sla_missed', 'fr_met', 'fr_missed', 'res_met', 'res_missed'];
  const resolved = ['resolved', 'first_contact', 'reopened', 'aht_ms', 'aht_business_ms'];
  const responded = ['responded', 'frt_ms', 'frt_business_ms'];
  const surveyed = ['csat_answered', 'csat_satisfied', 'csat_total', 'nps_answered', 'promoters', 'detractors'];
  const backlog = sql.raw('null::int as ended_days, 0 as ended_long');
  const excResolved = sql`(${isException} and ${tickets.exceptionRaisedAt} is not null)`;
  const nullsFor = (names: string[]) =>
    sql.raw(names.map((c) => (c.endsWith('_ms') ? `null::float8 as ${c}` : `0 as ${c}`)).join(', '));
  return sql`
    select ${dayOf(tickets.createdAt)} as day, ${ticketDims},
      1 as created,
      ${sla(sql`${tracked} and not (${frMissed} or ${resMissed}) and not (${frPending} or ${resPending})`)} as sla_met,
      ${sla(sql`(${frMissed} or ${resMissed})`)} as sla_missed,
      ${sla(frMet)} as fr_met, ${sla(frMissed)} as fr_missed, ${sla(resMet)} as res_met, ${sla(resMissed)} as res_missed,
      ${nullsFor(resolved)}, ${nullsFor(responded)}, ${zeros(surveyed)},
      case when ${hasEnded} then ${endedDays} end as ended_days, 0 as ended_long, ${excZeros}
    from ${ticketsWithOrg} where ${onDays(tickets.createdAt, days)}
    union all
    select ${dayOf(tickets.resolvedAt)}, ${ticketDims}, ${zeros(created)},
      1, ${n(isFirstContact)}, ${n(isReopened)}, ${msBetween(tickets.createdAt, tickets.resolvedAt)},
      ${tickets.resolutionBusinessMs}::float8,
      ${nullsFor(responded)}, ${zeros(surveyed)}, ${backlog},
      0, ${n(excResolved)}, ${n(sql`${excResolved} and ${isReopened}`)},
      case when ${excResolved} then ${msBetween(tickets.exceptionRaisedAt, tickets.resolvedAt)} end, 0, 0, 0
    from ${ticketsWithOrg} where ${onDays(tickets.resolvedAt, days)} and ${notMergedDuplicate}
    union all
    select ${dayOf(tickets.firstResponseAt)}, ${ticketDims}, ${zeros(created)}, ${nullsFor(resolved)},
      1, ${msBetween(tickets.createdAt, tickets.firstResponseAt)}, ${tickets.firstResponseBusinessMs}::float8,
      ${zeros(surveyed)}, ${backlog}, ${excZeros}
    from ${ticketsWithOrg} where ${onDays(tickets.firstResponseAt, days)}
    union all
    select ${dayOf(surveys.answeredAt)}, ${ticketDims}, ${zeros(created)}, ${nullsFor(resolved)}, ${nullsFor(responded)},
      ${n(sql`${surveys.csat} is not null`)}, ${n(sql`${surveys.csat} >= ${sql.raw(String(SATISFIED_MIN_CSAT))}`)},
      coalesce(${surveys.csat}, 0), ${n(sql`${surveys.nps} is not null`)},
      ${n(sql`${surveys.nps} >= ${sql.raw(String(PROMOTER_MIN_NPS))}`)}, ${n(sql`${surveys.nps} <= ${sql.raw(String(DETRACTOR_MAX_NPS))}`)},
      ${backlog}, 0, 0, 0, null::float8,
      ${n(sql`${isException} and ${surveys.csat} is not null`)},
      ${n(sql`${isException} and ${surveys.csat} >= ${sql.raw(String(SATISFIED_MIN_CSAT))}`)},
      case when ${isException} then coalesce(${surveys.csat}, 0) else 0 end
    from ${surveys} join ${ticketsWithOrg} on ${tickets.id} = ${surveys.ticketId} where ${onDays(surveys.answeredAt, days)}
    union all
    select ${dayOf(endedAt)}, ${ticketDims}, ${zeros(created)}, ${nullsFor(resolved)}, ${nullsFor(responded)},
      ${zeros(surveyed)}, null::int, 1, ${excZeros}
    from ${ticketsWithOrg}
    where ${hasEnded} and ${onDays(endedAt, days)} and ${endedDays} >= ${sql.raw(String(BACKLOG_SPAN_DAYS))}
    union all
    select ${dayOf(tickets.exceptionRaisedAt)}, ${ticketDims}, ${zeros(created)}, ${nullsFor(resolved)}, ${nullsFor(responded)},
      ${zeros(surveyed)}, null::int, 0, 1, 0, 0, null::float8, 0, 0, 0
    from ${ticketsWithOrg}
    where ${isException} and ${onDays(tickets.exceptionRaisedAt, days)}`;
}

/** A full build writes its rows in the lookup index's order, so each dashboard query reads neighbouring pages. */
function insertSql(days: string[] | null, now: Date): SQL {
  const buckets = FRT_HISTOGRAM_BOUNDS_MS.length + 1;
  const histogram = sql.raw(
    `array[${Array.from({ length: buckets }, (_, i) => `count(*) filter (where frt_bucket = ${i})::int`).join(', ')}]`,
  );
  const excBuckets = EXCEPTION_HISTOGRAM_BOUNDS_MS.length + 1;
  const excHistogram = sql.raw(
    `array[${Array.from({ length: excBuckets }, (_, i) => `count(*) filter (where exc_bucket = ${i})::int`).join(', ')}]`,
  );
  const endedAfter = sql.raw(
    `array[${Array.from({ length: BACKLOG_SPAN_DAYS }, (_, k) => `count(*) filter (where ended_days = ${k})::int`).join(', ')}]`,
  );
  return sql`
    insert into metric_rollups (day, gset, ${dims}, created, sla_met, sla_missed, fr_met, fr_missed, res_met, res_missed,
      resolved, first_contact, reopened, aht_ms_sum, aht_business_count, aht_business_ms_sum,
      responded, frt_ms_sum, frt_business_count, frt_business_ms_sum, frt_histogram,
      csat_answered, csat_satisfied, csat_total, nps_answered, promoters, detractors, ended_after, ended_long,
      exc_raised, exc_resolved, exc_reopened, exc_resolve_histogram, exc_csat_answered, exc_csat_satisfied, exc_csat_total)
    select day, grouping(${dims}), ${dims},
      sum(created), sum(sla_met), sum(sla_missed), sum(fr_met), sum(fr_missed), sum(res_met), sum(res_missed),
      sum(resolved), sum(first_contact), sum(reopened), coalesce(sum(aht_ms), 0),
      count(aht_business_ms), coalesce(sum(aht_business_ms), 0),
      sum(responded), coalesce(sum(frt_ms), 0), count(frt_business_ms), coalesce(sum(frt_business_ms), 0), ${histogram},
      sum(csat_answered), sum(csat_satisfied), sum(csat_total), sum(nps_answered), sum(promoters), sum(detractors),
      ${endedAfter}, sum(ended_long),
      sum(exc_raised), sum(exc_resolved), sum(exc_reopened), ${excHistogram},
      sum(exc_csat_answered), sum(exc_csat_satisfied), sum(exc_csat_total)
    from (
      select f.*, case when f.frt_ms is null then null else width_bucket(f.frt_ms, ${boundsArray}) end as frt_bucket,
        case when f.exc_resolve_ms is null then null else width_bucket(f.exc_resolve_ms, ${excBoundsArray}) end as exc_bucket
      from (${factsSql(days, now)}) f
    ) facts
    group by day, cube(${dims})
    ${days === null ? sql`order by 2, 3, 4, 5, 6, 7, 8, 1` : sql``}`;
}

export interface RefreshSummary {
  days: number;
  rows: number;
  full: boolean;
  refreshedAt: Date;
}

/**
 * Brings the rollups up to date as of `now`: the days marked dirty, and the creation days of
 * tickets whose running SLA target fell due since the last refresh. In one transaction under an
 * advisory lock; the dirty marks read are deleted by id at the end, so a change committed while
 * it runs stays marked for the next run.
 */
export async function refreshRollups(db: Db, now: Date = new Date(), { full = false } = {}): Promise<RefreshSummary> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ROLLUP_LOCK})`);
    // The one state row (a database emptied by the demo seed has none: the next refresh is a full one).
    await tx.execute(sql`insert into metric_rollup_state (id) values (1) on conflict (id) do nothing`);
    const [state] = rowsOf<{ refreshed_at: string | Date }>(
      await tx.execute(sql`select refreshed_at from metric_rollup_state where id = 1 for update`),
    );
    const last = state ? new Date(state.refreshed_at) : new Date(0);
    const rebuild = full || last.getTime() <= 0;
    // The marks seen now (their changes are committed, so the recompute below sees them); marks
    // committed later stay for the next run.
    await tx.execute(sql`create temp table rollup_marks on commit drop as select id, day from metric_rollup_dirty`);
    const marks = rowsOf<{ day: string }>(await tx.execute(sql`select distinct day::text as day from rollup_marks`));
    let days: string[] | null = null;
    if (!rebuild) {
      // From `last` inclusive: a target due exactly at the last refresh was still pending then
      // (missed is `due < clock`), so it turns missed only now.
      const due = rowsOf<{ day: string }>(
        await tx.execute(sql`
          select distinct ${dayOf(tickets.createdAt)}::text as day from ${tickets}
          where ${tickets.firstResponseAt} is null and ${tickets.closedAt} is null
            and ${tickets.firstResponseDueAt} >= ${timestamp(last)} and ${tickets.firstResponseDueAt} <= ${timestamp(now)}
          union
          select distinct ${dayOf(tickets.createdAt)}::text from ${tickets}
          where ${tickets.resolvedAt} is null and ${tickets.closedAt} is null
            and ${tickets.resolutionDueAt} >= ${timestamp(last)} and ${tickets.resolutionDueAt} <= ${timestamp(now)}`),
      );
      days = [...new Set([...marks.map((m) => m.day), ...due.map((d) => d.day)])].sort();
    }
    let rows = 0;
    if (rebuild) {
      await tx.execute(sql`delete from metric_rollups`);
      rows = affected(await tx.execute(insertSql(null, now)));
    } else if (days && days.length > 0) {
      await tx.execute(sql`delete from metric_rollups where day = any(${`{${days.join(',')}}`}::date[])`);
      rows = affected(await tx.execute(insertSql(days, now)));
    }
    await tx.execute(sql`delete from metric_rollup_dirty d using rollup_marks m where d.id = m.id`);
    await tx.execute(sql`update metric_rollup_state set refreshed_at = ${timestamp(now)}, rows = ${rows} where id = 1`);
    return { days: rebuild ? -1 : (days?.length ?? 0), rows, full: rebuild, refreshedAt: now };
  });
}

/** Every day from scratch (the bulk seed, a repair). */
export const buildRollups = (db: Db, now: Date = new Date()) => refreshRollups(db, now, { full: true });

/** When the rollups were last brought up to date (SLA targets still running are judged then). */
export async function rollupRefreshedAt(db: Db): Promise<Date | null> {
  const [row] = rowsOf<{ refreshed_at: string | Date }>(
    await db.execute(sql`select refreshed_at from metric_rollup_state where id = 1`),
  );
  const at = row ? new Date(row.refreshed_at) : null;
  return at && at.getTime() > 0 ? at : null;
}

const affected = (result: unknown): number =>
  Number((result as { count?: number }).count ?? (result as { affectedRows?: number }).affectedRows ?? 0);
