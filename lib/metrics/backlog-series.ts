import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { metricRollups } from '@/db/schema';
import { BACKLOG_BUCKETS, DAY_MS, type BacklogBucketKey } from './definitions';
import type { DashboardFilters } from './filters';
import { BACKLOG_SPAN_DAYS } from './rollup';
import { periodDays, rollupSeriesWhere } from './rollup-read';
import { toCount, type DbNumber } from './sql';
import { drillDown } from './drill-down';
import type { MetricsPeriod } from './types';

/*
 * Backlog by age over time (issue 14): the tickets in the backlog at the end of each UTC day of the
 * period, by whole days since their creation day (age 0: created that day → "< 1 day"; 1–2 →
 * "1–3 days" …; BACKLOG_BUCKETS). Read from the daily rollups, never from the tickets: a ticket
 * created on day c is in the backlog at the end of day D ≥ c unless it ended (resolved or closed,
 * and not reopened since; lib/metrics/sql.ts backlogSpan) on a day ≤ D. The rollups file, by
 * creation day, how many of the day's tickets ended k = 0 … 13 days after it (`ended_after`), and by
 * end day how many ended 14 days or more after their creation day (`ended_long`), so
 *   age k < 14:  created(D − k) − Σ_{j ≤ k} ended_after(D − k)[j]
 *   age ≥ 14:    Σ_{c ≤ D − 14} (created(c) − Σ_j ended_after(c)[j]) − Σ_{e ≤ D} ended_long(e).
 * The read is one index range of the filters' grouping set over every day up to the period's end
 * (≤ one row per day of history). Today's point is the backlog as of the last refresh.
 */

export interface BacklogPoint {
  day: string;
  total: number;
  buckets: Record<BacklogBucketKey, number>;
}

/** The age range (whole days, [from, to]) of each bucket; `to` null: and older. */
export const BACKLOG_BUCKET_DAYS: { key: BacklogBucketKey; label: string; from: number; to: number | null }[] =
  BACKLOG_BUCKETS.map((b, i) => {
    const from = i === 0 ? 0 : (BACKLOG_BUCKETS[i - 1]?.underDays ?? 0);
    return { key: b.key, label: b.label, from, to: b.underDays === null ? null : b.underDays - 1 };
  });

const dayString = (t: number) => new Date(t).toISOString().slice(0, 10);

interface DayRow {
  created: number;
  endedAfter: number[];
  endedLong: number;
}

/** The series from per-day rollup rows (exported for the unit test). */
export function backlogSeries(rows: Map<string, DayRow>, first: string, end: string): BacklogPoint[] {
  const days = [...rows.keys()].sort();
  const start = Math.min(Date.parse(`${first}T00:00:00Z`), days.length ? Date.parse(`${days[0]}T00:00:00Z`) : Infinity);
  const stop = Date.parse(`${end}T00:00:00Z`);
  const survivors = (day: number, k: number): number => {
    const r = rows.get(dayString(day - k * DAY_MS));
    if (!r) return 0;
    let n = r.created;
    for (let j = 0; j <= k && j < r.endedAfter.length; j++) n -= r.endedAfter[j] ?? 0;
    return n;
  };
  // Running sums for the oldest bucket: tickets created ≥ 14 days before D not ended within 14 days,
  // minus those that ended (14 days or more after creation) by the end of D.
  let oldCreated = 0;
  let longEnded = 0;
  const points: BacklogPoint[] = [];
  for (let t = start; t < stop; t += DAY_MS) {
    const aged = rows.get(dayString(t - BACKLOG_SPAN_DAYS * DAY_MS));
    if (aged) oldCreated += aged.created - aged.endedAfter.reduce((a, b) => a + (b ?? 0), 0);
    longEnded += rows.get(dayString(t))?.endedLong ?? 0;
    if (t < Date.parse(`${first}T00:00:00Z`)) continue;
    const buckets = {} as Record<BacklogBucketKey, number>;
    for (const b of BACKLOG_BUCKET_DAYS) {
      if (b.to === null) buckets[b.key] = oldCreated - longEnded;
      else {
        let n = 0;
        for (let k = b.from; k <= b.to; k++) n += survivors(t, k);
        buckets[b.key] = n;
      }
    }
    points.push({ day: dayString(t), total: Object.values(buckets).reduce((a, b) => a + b, 0), buckets });
  }
  return points;
}

/** The backlog at the end of each day of the period under the filters (quiet days included). */
export async function readBacklogSeries(
  db: Db,
  period: MetricsPeriod,
  filters: DashboardFilters,
): Promise<BacklogPoint[]> {
  const { first, end } = periodDays(period);
  const rows = await db
    .select({
      day: sql<string>`${metricRollups.day}::text`,
      created: metricRollups.created,
      endedAfter: metricRollups.endedAfter,
      endedLong: metricRollups.endedLong,
    })
    .from(metricRollups)
    .where(rollupSeriesWhere(filters, end));
  const byDay = new Map<string, DayRow>(
    rows.map((r) => [
      r.day,
      {
        created: toCount(r.created as DbNumber),
        endedAfter: (r.endedAfter ?? []).map((n) => toCount(n as DbNumber)),
        endedLong: toCount(r.endedLong as DbNumber),
      },
    ]),
  );
  return backlogSeries(byDay, first, end);
}

/**
 * The views page URL of one point's bucket: the tickets in the backlog at the end of `day` created
 * in the bucket's days, under the dashboard's filters (drill-down.ts drillDown's base).
 */
export function backlogPointHref(day: string, key: BacklogBucketKey | 'total', filters: DashboardFilters): string {
  const q = drillDown('created', { from: new Date(`${day}T00:00:00Z`), to: new Date(`${day}T00:00:00Z`) }, filters);
  delete q.createdFrom;
  delete q.createdTo;
  q.openAt = day;
  const b = BACKLOG_BUCKET_DAYS.find((x) => x.key === key);
  const at = Date.parse(`${day}T00:00:00Z`);
  if (b) {
    if (b.to !== null) q.createdFrom = dayString(at - b.to * DAY_MS);
    q.createdTo = dayString(at - b.from * DAY_MS);
  }
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
  return `/tickets/views?${params.toString()}`;
}

/** Each point with the views link of each bucket and of its total (the chart's drill-downs). */
export function withBacklogLinks(
  points: BacklogPoint[],
  filters: DashboardFilters,
): (BacklogPoint & { hrefs: Record<string, string> })[] {
  const keys = [...BACKLOG_BUCKET_DAYS.map((b) => b.key), 'total' as const];
  return points.map((p) => ({
    ...p,
    hrefs: Object.fromEntries(keys.map((key) => [key, backlogPointHref(p.day, key, filters)])),
  }));
}
