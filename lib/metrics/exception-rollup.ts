import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { metricRollups } from '@/db/schema';
import { EXCEPTION_HISTOGRAM_BOUNDS_MS, csatFromCounts, histogramPercentile, shareResult } from './definitions';
import type { ExceptionFigures, ExceptionGroup } from './exceptions';
import { openExceptions } from './exceptions';
import type { DashboardFilters } from './filters';
import { namesOf } from './names';
import { rollupWhere, ticketFilterWhere } from './rollup-read';
import { msToHours, toCount, type DbNumber } from './sql';
import type { MetricsPeriod } from './types';

/*
 * The exception figures (lib/metrics/exceptions.ts defines them) read from the daily rollups
 * (db/rollup-schema.ts exc_* columns) under every dashboard filter: raised by the raising day,
 * resolved/reopened/time to resolve by the resolution day (median and p90 from the histogram, exact
 * to its bucket, EXCEPTION_HISTOGRAM_BOUNDS_MS), CSAT by the answer day. The rest's CSAT is the
 * same rows' CSAT counts minus the exceptions' — both from the rollups, so the two add up exactly.
 * Only "open now" stays live (a small set through a partial index).
 */

const histogramSums = sql<DbNumber[]>`array[${sql.raw(
  Array.from(
    { length: EXCEPTION_HISTOGRAM_BOUNDS_MS.length + 1 },
    (_, i) => `coalesce(sum(exc_resolve_histogram[${i + 1}]), 0)`,
  ).join(', '),
)}]`;
const fields = {
  raised: sql<DbNumber>`sum(exc_raised)`,
  resolved: sql<DbNumber>`sum(exc_resolved)`,
  reopened: sql<DbNumber>`sum(exc_reopened)`,
  histogram: histogramSums,
  excAnswered: sql<DbNumber>`sum(exc_csat_answered)`,
  excSatisfied: sql<DbNumber>`sum(exc_csat_satisfied)`,
  excTotal: sql<DbNumber>`sum(exc_csat_total)`,
  answered: sql<DbNumber>`sum(csat_answered)`,
  satisfied: sql<DbNumber>`sum(csat_satisfied)`,
  total: sql<DbNumber>`sum(csat_total)`,
};
type Row = { [K in keyof typeof fields]: K extends 'histogram' ? DbNumber[] | null : DbNumber };

const timeToResolve = (row: Row | undefined) => {
  const counts = (row?.histogram ?? []).map((n) => toCount(n));
  return {
    medianHours: msToHours(histogramPercentile(counts, 0.5, EXCEPTION_HISTOGRAM_BOUNDS_MS)),
    p90Hours: msToHours(histogramPercentile(counts, 0.9, EXCEPTION_HISTOGRAM_BOUNDS_MS)),
  };
};

export async function readExceptionFigures(
  db: Db,
  period: MetricsPeriod,
  filters: DashboardFilters,
): Promise<ExceptionFigures> {
  const by = (key: 'teamId' | 'categoryId') => {
    const column = key === 'teamId' ? metricRollups.teamId : metricRollups.categoryId;
    return db
      .select({ key: sql<string | null>`${column}::text`, ...fields })
      .from(metricRollups)
      .where(rollupWhere(filters, period, key))
      .groupBy(column);
  };
  const [[total], teamRows, categoryRows, openRows] = await Promise.all([
    db.select(fields).from(metricRollups).where(rollupWhere(filters, period)) as Promise<Row[]>,
    by('teamId') as Promise<(Row & { key: string | null })[]>,
    by('categoryId') as Promise<(Row & { key: string | null })[]>,
    openExceptions(db, ticketFilterWhere(filters)),
  ]);

  const group = async (key: 'teamId' | 'categoryId', rows: (Row & { key: string | null })[]) => {
    const open = new Map<string | null, number>();
    for (const r of openRows) open.set(r[key], (open.get(r[key]) ?? 0) + toCount(r.n));
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const ids = [...new Set([...byKey.keys(), ...open.keys()])];
    const names = await namesOf(
      db,
      key,
      ids.filter((id): id is string => id !== null),
    );
    return ids
      .map((id): ExceptionGroup => {
        const r = byKey.get(id);
        const resolved = toCount(r?.resolved);
        return {
          id,
          name: id === null ? (key === 'teamId' ? 'No team' : 'No category') : (names.get(id) ?? id),
          raised: toCount(r?.raised),
          open: open.get(id) ?? 0,
          resolved,
          ...timeToResolve(r),
          reopened: shareResult(toCount(r?.reopened), resolved),
        };
      })
      .filter((g) => g.raised + g.open + g.resolved > 0)
      .sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : a.name.localeCompare(b.name)));
  };
  const [byTeam, byCategory] = await Promise.all([group('teamId', teamRows), group('categoryId', categoryRows)]);
  const resolved = toCount(total?.resolved);
  const exc = [toCount(total?.excAnswered), toCount(total?.excSatisfied), toCount(total?.excTotal)] as const;
  return {
    raised: toCount(total?.raised),
    open: openRows.reduce((n, r) => n + toCount(r.n), 0),
    resolved,
    ...timeToResolve(total),
    reopened: shareResult(toCount(total?.reopened), resolved),
    csatExceptions: csatFromCounts(...exc),
    csatRest: csatFromCounts(
      toCount(total?.answered) - exc[0],
      toCount(total?.satisfied) - exc[1],
      toCount(total?.total) - exc[2],
    ),
    byTeam,
    byCategory,
  };
}
