import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { surveys, ticketLinks, tickets } from '@/db/schema';
import {
  BACKLOG_BUCKETS,
  BACKLOG_STATUSES,
  DETRACTOR_MAX_NPS,
  FIRST_CONTACT_PUBLIC_REPLIES,
  HOUR_MS,
  PROMOTER_MIN_NPS,
  SATISFIED_MIN_CSAT,
  backlogBucketBounds,
  backlogFromCounts,
  csatFromCounts,
  npsFromCounts,
  slaFromCounts,
  type BacklogBucketKey,
  type BacklogResult,
  type CsatResult,
  type NpsResult,
  type ShareResult,
  type SlaResult,
  shareResult,
} from './definitions';
import type { MetricsPeriod } from './types';

/*
 * The definitions of definitions.ts as SQL aggregates. Each `…Fields` is a set of select
 * columns (the caller adds from/where/group by), and each `to…` turns a row back into the
 * definitions' results through the same `…FromCounts` functions. Constants are inlined as
 * literals: they are ours, not user input, and literals let the planner match partial indexes.
 */

/** What a numeric aggregate comes back as: postgres-js gives bigint/numeric as strings, PGlite as numbers. */
export type DbNumber = string | number | bigint | null;

export const toCount = (value: DbNumber | undefined): number =>
  value === null || value === undefined ? 0 : Number(value);
export const toNumberOrNull = (value: DbNumber | undefined): number | null =>
  value === null || value === undefined ? null : Number(value);
export const msToHours = (ms: number | null): number | null => (ms === null ? null : ms / HOUR_MS);

const literal = (value: number) => sql.raw(String(value));
/** A Date as a parameter both drivers accept (drizzle hands raw Dates in sql`` to postgres-js unserialised). */
export const timestamp = (date: Date): SQL => sql`${date.toISOString()}::timestamptz`;

/** from ≤ column < to. */
export const within = (column: AnyColumn, period: MetricsPeriod): SQL =>
  sql`(${column} >= ${timestamp(period.from)} and ${column} < ${timestamp(period.to)})`;

/** Milliseconds from one timestamp column to another, as float8. */
export const msBetween = (start: AnyColumn, end: AnyColumn): SQL =>
  sql`(extract(epoch from (${end} - ${start})) * 1000)::float8`;

/** Monday of the UTC week, as YYYY-MM-DD. Free of parameters, so it can be grouped by. */
export const utcWeek = (column: AnyColumn): SQL<string> =>
  sql<string>`to_char(date_trunc('week', ${column} at time zone 'UTC'), 'YYYY-MM-DD')`;

/** Not merged into another request (see MERGED_DUPLICATES_LEFT_OUT_OF): a probe of ticket_links' primary key. */
export const notMergedDuplicate: SQL = sql`not exists (select 1 from ${ticketLinks} where ${ticketLinks.ticketId} = ${tickets.id} and ${ticketLinks.kind} = 'merged_into')`;

/** The tickets FCR, reopen rate and AHT count: resolved in the period, merged duplicates left out. */
export const resolvedWithin = (period: MetricsPeriod): SQL =>
  sql`(${within(tickets.resolvedAt, period)} and ${notMergedDuplicate})`;

/** The tickets SLA compliance counts: created in the period, merged duplicates left out. */
export const slaCountedWithin = (period: MetricsPeriod): SQL =>
  sql`(${within(tickets.createdAt, period)} and ${notMergedDuplicate})`;

export const isBacklog: SQL = sql`${tickets.status} in (${sql.raw(BACKLOG_STATUSES.map((s) => `'${s}'`).join(', '))})`;
export const isFirstContact = sql`(${tickets.publicReplyCount} = ${literal(FIRST_CONTACT_PUBLIC_REPLIES)} and ${tickets.reopenCount} = 0)`;
export const isReopened = sql`${tickets.reopenCount} >= 1`;

// ---------------------------------------------------------------------------------------------
// Surveys: CSAT and NPS (select from surveys)

export const surveyFields = {
  csatAnswered: sql<DbNumber>`count(${surveys.csat})`,
  csatSatisfied: sql<DbNumber>`count(*) filter (where ${surveys.csat} >= ${literal(SATISFIED_MIN_CSAT)})`,
  csatTotal: sql<DbNumber>`coalesce(sum(${surveys.csat}), 0)`,
  npsAnswered: sql<DbNumber>`count(${surveys.nps})`,
  promoters: sql<DbNumber>`count(*) filter (where ${surveys.nps} >= ${literal(PROMOTER_MIN_NPS)})`,
  detractors: sql<DbNumber>`count(*) filter (where ${surveys.nps} <= ${literal(DETRACTOR_MAX_NPS)})`,
};
type SurveyRow = { [K in keyof typeof surveyFields]: DbNumber };

export function toSurveyFigures(row: SurveyRow | undefined): { csat: CsatResult; nps: NpsResult } {
  return {
    csat: csatFromCounts(toCount(row?.csatAnswered), toCount(row?.csatSatisfied), toCount(row?.csatTotal)),
    nps: npsFromCounts(toCount(row?.npsAnswered), toCount(row?.promoters), toCount(row?.detractors)),
  };
}

// ---------------------------------------------------------------------------------------------
// Resolved tickets: FCR, reopen rate, AHT (select from tickets)

/** `resolvedIn` picks the resolved tickets counted (e.g. resolved_at within the period). */
export function resolutionFields(resolvedIn: SQL) {
  return {
    resolved: sql<DbNumber>`count(*) filter (where ${resolvedIn})`,
    firstContact: sql<DbNumber>`count(*) filter (where ${resolvedIn} and ${isFirstContact})`,
    reopened: sql<DbNumber>`count(*) filter (where ${resolvedIn} and ${isReopened})`,
    ahtMs: sql<DbNumber>`avg(${msBetween(tickets.createdAt, tickets.resolvedAt)}) filter (where ${resolvedIn})`,
  };
}
type ResolutionRow = { [K in keyof ReturnType<typeof resolutionFields>]: DbNumber };

export function toResolutionFigures(row: ResolutionRow | undefined): {
  fcr: ShareResult;
  reopenRate: ShareResult;
  resolved: number;
  ahtHours: number | null;
} {
  const resolved = toCount(row?.resolved);
  const firstContact = toCount(row?.firstContact);
  const reopened = toCount(row?.reopened);
  return {
    resolved,
    fcr: shareResult(firstContact, resolved),
    reopenRate: shareResult(reopened, resolved),
    ahtHours: msToHours(toNumberOrNull(row?.ahtMs)),
  };
}

// ---------------------------------------------------------------------------------------------
// First response time (select from tickets)

export function firstResponseFields(respondedIn: SQL) {
  const ms = msBetween(tickets.createdAt, tickets.firstResponseAt);
  return {
    responded: sql<DbNumber>`count(*) filter (where ${respondedIn})`,
    frtMeanMs: sql<DbNumber>`avg(${ms}) filter (where ${respondedIn})`,
    // percentile_cont interpolates, so an even count gives the mean of the middle two, as median().
    frtMedianMs: sql<DbNumber>`percentile_cont(0.5) within group (order by ${ms}) filter (where ${respondedIn})`,
  };
}

// ---------------------------------------------------------------------------------------------
// SLA compliance (select from tickets): the same three-way decision as slaOutcome()

// A ticket waiting on the customer is judged where its clock stopped (sla_paused_at), not at now.
export function targetMissed(doneAt: AnyColumn, dueAt: AnyColumn, clock: SQL): SQL {
  return sql`(${dueAt} is not null and ((${doneAt} is not null and ${doneAt} > ${dueAt}) or (${doneAt} is null and ${dueAt} < ${clock})))`;
}
export function targetPending(doneAt: AnyColumn, dueAt: AnyColumn, clock: SQL): SQL {
  return sql`(${dueAt} is not null and ${doneAt} is null and ${dueAt} >= ${clock})`;
}

export function slaFields(counted: SQL, nowAt: Date) {
  const now = timestamp(nowAt);
  const clock = sql`least(coalesce(${tickets.slaPausedAt}, ${now}), coalesce(${tickets.closedAt}, ${now}), ${now})`;
  const missed = sql`(${targetMissed(tickets.firstResponseAt, tickets.firstResponseDueAt, clock)} or ${targetMissed(tickets.resolvedAt, tickets.resolutionDueAt, clock)})`;
  const pending = sql`(${targetPending(tickets.firstResponseAt, tickets.firstResponseDueAt, clock)} or ${targetPending(tickets.resolvedAt, tickets.resolutionDueAt, clock)})`;
  const tracked = sql`(${tickets.firstResponseDueAt} is not null or ${tickets.resolutionDueAt} is not null)`;
  return {
    slaMet: sql<DbNumber>`count(*) filter (where ${counted} and ${tracked} and not ${missed} and not ${pending})`,
    slaMissed: sql<DbNumber>`count(*) filter (where ${counted} and ${missed})`,
  };
}

/** A ticket's SLA outcome at `nowAt` as two conditions (slaOutcome() 'met' / 'missed'), for lists. */
export function slaOutcomeSql(nowAt: Date): { met: SQL; missed: SQL; frMissed: SQL; resMissed: SQL } {
  const now = timestamp(nowAt);
  const clock = sql`least(coalesce(${tickets.slaPausedAt}, ${now}), coalesce(${tickets.closedAt}, ${now}), ${now})`;
  const missed = sql`(${targetMissed(tickets.firstResponseAt, tickets.firstResponseDueAt, clock)} or ${targetMissed(tickets.resolvedAt, tickets.resolutionDueAt, clock)})`;
  const pending = sql`(${targetPending(tickets.firstResponseAt, tickets.firstResponseDueAt, clock)} or ${targetPending(tickets.resolvedAt, tickets.resolutionDueAt, clock)})`;
  const tracked = sql`(${tickets.firstResponseDueAt} is not null or ${tickets.resolutionDueAt} is not null)`;
  return {
    met: sql`(${tracked} and not ${missed} and not ${pending})`,
    missed,
    frMissed: targetMissed(tickets.firstResponseAt, tickets.firstResponseDueAt, clock),
    resMissed: targetMissed(tickets.resolvedAt, tickets.resolutionDueAt, clock),
  };
}

export const toSlaFigures = (row: { slaMet: DbNumber; slaMissed: DbNumber } | undefined): SlaResult =>
  slaFromCounts(toCount(row?.slaMet), toCount(row?.slaMissed));

// ---------------------------------------------------------------------------------------------
// Backlog by age (select from tickets): the bucket bounds of backlogBucketOf()

export function backlogFields(nowAt: Date): Record<BacklogBucketKey, SQL<DbNumber>> {
  const bounds = backlogBucketBounds(nowAt);
  const entries = BACKLOG_BUCKETS.map((bucket, i) => {
    const upper = bounds[i];
    const lower = i > 0 ? bounds[i - 1] : undefined;
    const younger = upper ? sql` and ${tickets.createdAt} > ${timestamp(upper)}` : sql``;
    const older = lower ? sql` and ${tickets.createdAt} <= ${timestamp(lower)}` : sql``;
    return [bucket.key, sql<DbNumber>`count(*) filter (where ${isBacklog}${younger}${older})`] as const;
  });
  return Object.fromEntries(entries) as Record<BacklogBucketKey, SQL<DbNumber>>;
}

export function toBacklogFigures(row: Partial<Record<BacklogBucketKey, DbNumber>> | undefined): BacklogResult {
  const counts: Partial<Record<BacklogBucketKey, number>> = {};
  for (const bucket of BACKLOG_BUCKETS) counts[bucket.key] = toCount(row?.[bucket.key]);
  return backlogFromCounts(counts);
}

// ---------------------------------------------------------------------------------------------
// Backlog at a past moment (the backlog-by-age series, lib/metrics/backlog-series.ts)

/**
 * A ticket's stay in the backlog as a range: from its creation to its resolution (or closing)
 * while it is resolved or closed now, unbounded while it is in the backlog (a reopened ticket
 * counts as open since its creation). Indexed by tickets_backlog_span_idx (GiST, migration
 * rollup_backlog); the rollups' `ended_after`/`ended_long` count the same ends by whole days.
 */
export const backlogSpan: SQL = sql`tstzrange(${tickets.createdAt}, case when ${tickets.status} in ('resolved', 'closed') then greatest(coalesce(${tickets.resolvedAt}, ${tickets.closedAt}, ${tickets.createdAt}), ${tickets.createdAt}) end)`;

/** In the backlog at the end of the UTC day `day` (YYYY-MM-DD): created by then, not yet ended. */
export const openAtEndOf = (day: string): SQL =>
  sql`${backlogSpan} @> ((${day}::date + 1)::timestamp at time zone 'UTC' - interval '1 microsecond')`;
