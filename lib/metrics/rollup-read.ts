import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { categories, customers, metricRollups, organizations, teams, tickets, users } from '@/db/schema';
import {
  DAY_MS,
  type BacklogResult,
  FRT_HISTOGRAM_BOUNDS_MS,
  csatFromCounts,
  histogramMedian,
  npsFromCounts,
  share,
  shareResult,
  slaFromCounts,
} from './definitions';
import type { DashboardFilters } from './filters';
import { ROLLUP_COLUMNS, ROLLUP_DIMENSIONS, groupingSet, type RollupDimension } from './rollup';
import { backlogFields, isBacklog, msToHours, toBacklogFigures, toCount, type DbNumber } from './sql';
import type { BreakdownRow, DailyPoint, DashboardTiles, MetricsPeriod, WeeklyPoint } from './types';
import { daysInPeriod, weeksOf } from './weekly';
import { NO_NAME, namesOf } from './names';

/*
 * The dashboard read from the daily rollups (lib/metrics/rollup.ts): each query fixes the grouping
 * set and every dimension of it (the filters, plus at most one breakdown), then a day range, so any
 * filter combination over a year reads at most 365 rows per breakdown value through one index.
 */

const dayString = (d: Date) => d.toISOString().slice(0, 10);

/** The whole UTC days a period covers: [first, end) as YYYY-MM-DD. */
export function periodDays(period: MetricsPeriod): { first: string; end: string } {
  const from = new Date(period.from);
  from.setUTCHours(0, 0, 0, 0);
  const to = new Date(period.to);
  if (to.getUTCHours() + to.getUTCMinutes() + to.getUTCSeconds() + to.getUTCMilliseconds() > 0) {
    to.setUTCHours(0, 0, 0, 0);
    to.setTime(to.getTime() + DAY_MS);
  }
  return { first: dayString(from), end: dayString(to) };
}

const column = (dim: RollupDimension) => {
  switch (dim) {
    case 'organizationId':
      return metricRollups.organizationId;
    case 'teamId':
      return metricRollups.teamId;
    case 'assigneeId':
      return metricRollups.assigneeId;
    case 'categoryId':
      return metricRollups.categoryId;
    case 'channel':
      return metricRollups.channel;
    case 'priority':
      return metricRollups.priority;
  }
};

/** The rows of the grouping set keeping the filtered dimensions (and `by`), over the period's days. */
export function rollupWhere(filters: DashboardFilters, period: MetricsPeriod, by?: RollupDimension): SQL {
  const { first, end } = periodDays(period);
  return and(
    rollupSetWhere(filters, by),
    sql`${metricRollups.day} >= ${first}::date and ${metricRollups.day} < ${end}::date`,
  ) as SQL;
}

/** The rows of the filters' grouping set on every day before `end` (YYYY-MM-DD): a running series. */
export function rollupSeriesWhere(filters: DashboardFilters, end: string): SQL {
  return and(rollupSetWhere(filters), sql`${metricRollups.day} < ${end}::date`) as SQL;
}

function rollupSetWhere(filters: DashboardFilters, by?: RollupDimension): SQL {
  const kept = ROLLUP_DIMENSIONS.filter((d) => filters[d] !== undefined || d === by);
  const conditions: (SQL | undefined)[] = [eq(metricRollups.gset, groupingSet(kept))];
  for (const dim of ROLLUP_DIMENSIONS) {
    const value = filters[dim];
    if (dim === by && value === undefined) continue;
    conditions.push(value === undefined ? isNull(column(dim)) : eq(column(dim), value as never));
  }
  return and(...conditions) as SQL;
}

const s = (name: string) => sql<DbNumber>`sum(${sql.raw(name)})`;
const sums = {
  created: s('created'),
  slaMet: s('sla_met'),
  slaMissed: s('sla_missed'),
  frMet: s('fr_met'),
  frMissed: s('fr_missed'),
  resMet: s('res_met'),
  resMissed: s('res_missed'),
  resolved: s('resolved'),
  firstContact: s('first_contact'),
  reopened: s('reopened'),
  ahtMsSum: s('aht_ms_sum'),
  ahtBusinessCount: s('aht_business_count'),
  ahtBusinessMsSum: s('aht_business_ms_sum'),
  responded: s('responded'),
  frtMsSum: s('frt_ms_sum'),
  frtBusinessCount: s('frt_business_count'),
  frtBusinessMsSum: s('frt_business_ms_sum'),
  csatAnswered: s('csat_answered'),
  csatSatisfied: s('csat_satisfied'),
  csatTotal: s('csat_total'),
  npsAnswered: s('nps_answered'),
  promoters: s('promoters'),
  detractors: s('detractors'),
};
type Sums = { [K in keyof typeof sums]: number };
const histogramSums = sql<DbNumber[]>`array[${sql.raw(
  Array.from(
    { length: FRT_HISTOGRAM_BOUNDS_MS.length + 1 },
    (_, i) => `coalesce(sum(frt_histogram[${i + 1}]), 0)`,
  ).join(', '),
)}]`;

const toSums = (row: Partial<Record<keyof typeof sums, DbNumber>> | undefined): Sums =>
  Object.fromEntries(Object.keys(sums).map((k) => [k, toCount(row?.[k as keyof typeof sums])])) as Sums;

const meanHours = (total: number, count: number) => msToHours(share(total, count));

/** The dashboard's filters as a condition on tickets (undefined: no filter), for the figures read live. */
export function ticketFilterWhere(filters: DashboardFilters): SQL | undefined {
  const c: SQL[] = [];
  if (filters.organizationId)
    c.push(
      sql`${tickets.customerId} in (select ${customers.id} from ${customers} where ${customers.organizationId} = ${filters.organizationId})`,
    );
  if (filters.teamId) c.push(eq(tickets.teamId, filters.teamId));
  if (filters.assigneeId) c.push(eq(tickets.assigneeId, filters.assigneeId));
  if (filters.categoryId) c.push(eq(tickets.categoryId, filters.categoryId));
  if (filters.channel) c.push(eq(tickets.channel, filters.channel));
  if (filters.priority) c.push(eq(tickets.priority, filters.priority));
  return c.length > 0 ? and(...c) : undefined;
}

/** The backlog (as of now) under the filters: live from the active tickets (a small, indexed set). */
function backlogWhere(filters: DashboardFilters): SQL {
  return and(isBacklog, ticketFilterWhere(filters)) as SQL;
}

export interface RollupTiles extends DashboardTiles {
  frBySla: { met: number; missed: number; share: number | null };
  resBySla: { met: number; missed: number; share: number | null };
  created: number;
}

export async function readTiles(
  db: Db,
  period: MetricsPeriod,
  filters: DashboardFilters,
  backlog: BacklogResult,
): Promise<RollupTiles> {
  const [row] = await db
    .select({ ...sums, histogram: histogramSums })
    .from(metricRollups)
    .where(rollupWhere(filters, period));
  const t = toSums(row);
  const histogram = (row?.histogram ?? []).map((n) => toCount(n));
  return {
    csat: csatFromCounts(t.csatAnswered, t.csatSatisfied, t.csatTotal),
    nps: npsFromCounts(t.npsAnswered, t.promoters, t.detractors),
    fcr: shareResult(t.firstContact, t.resolved),
    reopenRate: shareResult(t.reopened, t.resolved),
    aht: {
      resolved: t.resolved,
      meanHours: meanHours(t.ahtMsSum, t.resolved),
      businessMeanHours: meanHours(t.ahtBusinessMsSum, t.ahtBusinessCount),
      businessCount: t.ahtBusinessCount,
    },
    frt: {
      responded: t.responded,
      meanHours: meanHours(t.frtMsSum, t.responded),
      medianHours: msToHours(histogramMedian(histogram)),
      businessMeanHours: meanHours(t.frtBusinessMsSum, t.frtBusinessCount),
      businessCount: t.frtBusinessCount,
    },
    sla: slaFromCounts(t.slaMet, t.slaMissed),
    frBySla: slaFromCounts(t.frMet, t.frMissed),
    resBySla: slaFromCounts(t.resMet, t.resMissed),
    created: t.created,
    backlog,
  };
}

export interface BacklogNow {
  total: BacklogResult;
  /** Unresolved now per breakdown value (null: none). */
  by: Record<BreakdownBy, Map<string | null, number>>;
}

/**
 * The backlog as of now under the filters, live from the active tickets (a small set, read once
 * through the active-tickets index): the tile's age buckets and every breakdown's column in one
 * pass with GROUPING SETS.
 */
export async function readBacklog(db: Db, filters: DashboardFilters, now: Date): Promise<BacklogNow> {
  const rows = await db
    .select({
      g: sql<DbNumber>`grouping(${tickets.teamId}, ${tickets.categoryId}, ${tickets.assigneeId}, ${tickets.channel}, ${customers.organizationId})`,
      teamId: sql<string | null>`${tickets.teamId}::text`,
      categoryId: sql<string | null>`${tickets.categoryId}::text`,
      assigneeId: sql<string | null>`${tickets.assigneeId}::text`,
      channel: sql<string | null>`${tickets.channel}::text`,
      organizationId: sql<string | null>`${customers.organizationId}::text`,
      ...backlogFields(now),
    })
    .from(tickets)
    .leftJoin(customers, eq(customers.id, tickets.customerId))
    .where(backlogWhere(filters))
    .groupBy(
      sql`grouping sets ((), (${tickets.teamId}), (${tickets.categoryId}), (${tickets.assigneeId}), (${tickets.channel}), (${customers.organizationId}))`,
    );
  const by: BacklogNow['by'] = {
    teamId: new Map(),
    categoryId: new Map(),
    assigneeId: new Map(),
    channel: new Map(),
    organizationId: new Map(),
  };
  let total = toBacklogFigures(undefined);
  // grouping(): bit 4 team, 3 category, 2 assignee, 1 channel, 0 organization; a clear bit is the set's own key.
  const sets: [number, BreakdownBy][] = [
    [0b01111, 'teamId'],
    [0b10111, 'categoryId'],
    [0b11011, 'assigneeId'],
    [0b11101, 'channel'],
    [0b11110, 'organizationId'],
  ];
  for (const row of rows) {
    const g = toCount(row.g);
    const figures = toBacklogFigures(row);
    if (g === 0b11111) total = figures;
    for (const [mask, key] of sets) if (g === mask) by[key].set(row[key], figures.total);
  }
  return { total, by };
}

/** Day by day over the period (every day listed, quiet ones as zeros). */
export async function readDaily(db: Db, period: MetricsPeriod, filters: DashboardFilters): Promise<DailyPoint[]> {
  const rows = await db
    .select({ day: sql<string>`${metricRollups.day}::text`, ...sums })
    .from(metricRollups)
    .where(rollupWhere(filters, period))
    .groupBy(metricRollups.day);
  const byDay = new Map(rows.map((r) => [r.day, toSums(r)]));
  const { first, end } = periodDays(period);
  const points: DailyPoint[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t < Date.parse(`${end}T00:00:00Z`); t += DAY_MS) {
    const day = dayString(new Date(t));
    const d = byDay.get(day) ?? toSums(undefined);
    points.push({
      day,
      created: d.created,
      resolved: d.resolved,
      frShare: share(d.frMet, d.frMet + d.frMissed),
      frMet: d.frMet,
      frMissed: d.frMissed,
      resShare: share(d.resMet, d.resMet + d.resMissed),
      resMet: d.resMet,
      resMissed: d.resMissed,
      sums: d,
    });
  }
  return points;
}

/** The daily points summed into the weekly series the charts draw (weeks start on Monday, UTC). */
export function weeklyFromDaily(daily: DailyPoint[], period: MetricsPeriod): WeeklyPoint[] {
  const byWeek = new Map<string, Sums>();
  for (const p of daily) {
    const t = Date.parse(`${p.day}T00:00:00Z`);
    const monday = dayString(new Date(t - ((new Date(t).getUTCDay() + 6) % 7) * DAY_MS));
    const w = byWeek.get(monday) ?? toSums(undefined);
    for (const k of Object.keys(w) as (keyof Sums)[]) w[k] += p.sums[k] ?? 0;
    byWeek.set(monday, w);
  }
  return weeksOf(period).map((week) => {
    const w = byWeek.get(week) ?? toSums(undefined);
    const csat = csatFromCounts(w.csatAnswered, w.csatSatisfied, w.csatTotal);
    const days = daysInPeriod(week, period);
    return {
      week,
      daysInPeriod: days,
      partial: days < 7,
      tickets: w.created,
      csatAnswered: csat.answered,
      csatShare: csat.satisfiedShare,
      csatMean: csat.mean,
      nps: npsFromCounts(w.npsAnswered, w.promoters, w.detractors).score,
      ahtHours: meanHours(w.ahtMsSum, w.resolved),
      frtHours: meanHours(w.frtMsSum, w.responded),
    };
  });
}

export type BreakdownBy = 'teamId' | 'categoryId' | 'assigneeId' | 'channel' | 'organizationId';

/** One row per value of `by` with activity in the period or a backlog now. */
export async function readBreakdown(
  db: Db,
  period: MetricsPeriod,
  filters: DashboardFilters,
  by: BreakdownBy,
  backlogByKey: Map<string | null, number>,
): Promise<BreakdownRow[]> {
  const key = column(by);
  const rows = await db
    .select({ key: sql<string | null>`${key}::text`, ...sums })
    .from(metricRollups)
    .where(rollupWhere(filters, period, by))
    .groupBy(key);
  const sumsByKey = new Map(rows.map((r) => [r.key, toSums(r)]));
  const keys = [...new Set([...sumsByKey.keys(), ...backlogByKey.keys()])];
  const names = await namesOf(
    db,
    by,
    keys.filter((k): k is string => k !== null),
  );
  const result = keys.map((id): BreakdownRow => {
    const t = sumsByKey.get(id) ?? toSums(undefined);
    const csat = csatFromCounts(t.csatAnswered, t.csatSatisfied, t.csatTotal);
    return {
      id,
      name: id === null ? NO_NAME[by] : (names.get(id) ?? id),
      created: t.created,
      resolved: t.resolved,
      csatAnswered: csat.answered,
      csatShare: csat.satisfiedShare,
      fcrShare: share(t.firstContact, t.resolved),
      ahtHours: meanHours(t.ahtMsSum, t.resolved),
      slaShare: share(t.slaMet, t.slaMet + t.slaMissed),
      backlog: backlogByKey.get(id) ?? 0,
    };
  });
  return result
    .filter((r) => r.created + r.resolved + r.csatAnswered + r.backlog > 0)
    .sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : a.name.localeCompare(b.name)));
}

export { ROLLUP_COLUMNS };
