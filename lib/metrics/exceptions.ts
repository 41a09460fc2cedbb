import { and, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { categories, surveys, teams, tickets } from '@/db/schema';
import { csatFromCounts, shareResult, type CsatResult, type ShareResult } from './definitions';
import {
  isBacklog,
  msToHours,
  resolvedWithin,
  surveyFields,
  toCount,
  toNumberOrNull,
  toSurveyFigures,
  within,
  type DbNumber,
} from './sql';
import type { MetricsPeriod } from './types';

/*
 * Exceptions (issue 14): the requests given a CERN. Raised counts exceptions raised in the period;
 * open is every exception not yet resolved, now; time to resolve runs from raising the exception
 * to its (latest) resolution, over exceptions resolved in the period (merged duplicates left out,
 * as for every outcome); reopened is the share of those reopened at least once; satisfaction
 * compares surveys answered in the period on exception tickets with the rest. Every query reads
 * only exception tickets through partial indexes (`cern is not null`): the rest's CSAT is the
 * period's overall CSAT minus the exceptions', so nothing scans every ticket twice.
 */

export interface ExceptionGroup {
  id: string | null;
  name: string;
  raised: number;
  open: number;
  resolved: number;
  medianHours: number | null;
  p90Hours: number | null;
  reopened: ShareResult;
}

export interface ExceptionFigures {
  raised: number;
  open: number;
  resolved: number;
  medianHours: number | null;
  p90Hours: number | null;
  reopened: ShareResult;
  csatExceptions: CsatResult;
  csatRest: CsatResult;
  byTeam: ExceptionGroup[];
  byCategory: ExceptionGroup[];
}

const isException = isNotNull(tickets.cern);
const toResolve = sql`(extract(epoch from (${tickets.resolvedAt} - ${tickets.exceptionRaisedAt})) * 1000)::float8`;

/** Exceptions open now (not resolved) in the scope, per team × category: a small set, read live. */
export function openExceptions(db: Db, scope?: SQL) {
  return db
    .select({ teamId: tickets.teamId, categoryId: tickets.categoryId, n: sql<DbNumber>`count(*)` })
    .from(tickets)
    .where(and(isException, isBacklog, scope))
    .groupBy(tickets.teamId, tickets.categoryId);
}

/**
 * The exception figures for a period. `scope` narrows the tickets (the dashboard's filters);
 * `overall` is the period's CSAT over every ticket in the same scope, which the rest is taken from.
 */
export async function getExceptionFigures(
  db: Db,
  period: MetricsPeriod,
  overall: CsatResult,
  scope?: SQL,
): Promise<ExceptionFigures> {
  const resolvedIn = resolvedWithin(period);
  const [raisedRows, openRows, resolvedRows, surveyRows] = await Promise.all([
    db
      .select({ teamId: tickets.teamId, categoryId: tickets.categoryId, n: sql<DbNumber>`count(*)` })
      .from(tickets)
      .where(and(isException, within(tickets.exceptionRaisedAt, period), scope))
      .groupBy(tickets.teamId, tickets.categoryId),
    openExceptions(db, scope),
    // Percentiles do not add up across groups: one pass with a grouping set per breakdown.
    db.execute(sql`
      select grouping(${tickets.teamId}) as by_team_all, grouping(${tickets.categoryId}) as by_category_all,
             ${tickets.teamId} as team_id, ${tickets.categoryId} as category_id,
             count(*) as resolved,
             count(*) filter (where ${tickets.reopenCount} >= 1) as reopened,
             percentile_cont(0.5) within group (order by ${toResolve}) as median_ms,
             percentile_cont(0.9) within group (order by ${toResolve}) as p90_ms
      from ${tickets}
      where ${isException} and ${tickets.exceptionRaisedAt} is not null and ${resolvedIn}${scope ? sql` and ${scope}` : sql``}
      group by grouping sets ((${tickets.teamId}), (${tickets.categoryId}), ())`),
    db
      .select(surveyFields)
      .from(surveys)
      .innerJoin(tickets, sql`${tickets.id} = ${surveys.ticketId}`)
      .where(and(isException, within(surveys.answeredAt, period), scope)),
  ]);

  type ResolvedRow = {
    by_team_all: DbNumber;
    by_category_all: DbNumber;
    team_id: string | null;
    category_id: string | null;
    resolved: DbNumber;
    reopened: DbNumber;
    median_ms: DbNumber;
    p90_ms: DbNumber;
  };
  const resolved = rowsOf<ResolvedRow>(resolvedRows);
  const total = resolved.find((r) => toCount(r.by_team_all) === 1 && toCount(r.by_category_all) === 1);

  const ids = (key: 'teamId' | 'categoryId') =>
    [...new Set([...raisedRows, ...openRows].map((r) => r[key]))].filter((id): id is string => id !== null);
  const teamIds = [...new Set([...ids('teamId'), ...resolved.flatMap((r) => (r.team_id ? [r.team_id] : []))])];
  const categoryIds = [
    ...new Set([...ids('categoryId'), ...resolved.flatMap((r) => (r.category_id ? [r.category_id] : []))]),
  ];
  const [teamNames, categoryNames] = await Promise.all([
    teamIds.length > 0
      ? db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, teamIds))
      : Promise.resolve([]),
    categoryIds.length > 0
      ? db
          .select({ id: categories.id, name: categories.name })
          .from(categories)
          .where(inArray(categories.id, categoryIds))
      : Promise.resolve([]),
  ]);

  const group = (dimension: 'team' | 'category'): ExceptionGroup[] => {
    const key = dimension === 'team' ? 'teamId' : 'categoryId';
    const names = new Map((dimension === 'team' ? teamNames : categoryNames).map((r) => [r.id, r.name]));
    const sum = (rows: typeof raisedRows) => {
      const by = new Map<string | null, number>();
      for (const r of rows) by.set(r[key], (by.get(r[key]) ?? 0) + toCount(r.n));
      return by;
    };
    const raised = sum(raisedRows);
    const open = sum(openRows);
    const done = new Map(
      resolved
        .filter((r) =>
          dimension === 'team'
            ? toCount(r.by_team_all) === 0 && toCount(r.by_category_all) === 1
            : toCount(r.by_category_all) === 0 && toCount(r.by_team_all) === 1,
        )
        .map((r) => [dimension === 'team' ? r.team_id : r.category_id, r]),
    );
    const keys = [...new Set([...raised.keys(), ...open.keys(), ...done.keys()])];
    return keys
      .map((id): ExceptionGroup => {
        const row = done.get(id);
        const count = toCount(row?.resolved);
        return {
          id,
          name: id === null ? (dimension === 'team' ? 'No team' : 'No category') : (names.get(id) ?? id),
          raised: raised.get(id) ?? 0,
          open: open.get(id) ?? 0,
          resolved: count,
          medianHours: msToHours(toNumberOrNull(row?.median_ms)),
          p90Hours: msToHours(toNumberOrNull(row?.p90_ms)),
          reopened: shareResult(toCount(row?.reopened), count),
        };
      })
      .sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : a.name.localeCompare(b.name)));
  };

  const { csat: csatExceptions } = toSurveyFigures(surveyRows[0]);
  const restAnswered = Math.max(0, overall.answered - csatExceptions.answered);
  const restSatisfied = Math.max(0, overall.satisfied - csatExceptions.satisfied);
  const restTotal = (overall.mean ?? 0) * overall.answered - (csatExceptions.mean ?? 0) * csatExceptions.answered;
  const resolvedCount = toCount(total?.resolved);
  return {
    raised: raisedRows.reduce((n, r) => n + toCount(r.n), 0),
    open: openRows.reduce((n, r) => n + toCount(r.n), 0),
    resolved: resolvedCount,
    medianHours: msToHours(toNumberOrNull(total?.median_ms)),
    p90Hours: msToHours(toNumberOrNull(total?.p90_ms)),
    reopened: shareResult(toCount(total?.reopened), resolvedCount),
    csatExceptions,
    csatRest: csatFromCounts(restAnswered, restSatisfied, Math.round(restTotal)),
    byTeam: group('team'),
    byCategory: group('category'),
  };
}
