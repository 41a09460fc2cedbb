import { inArray, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { categories, teams, tickets, ticketStageSpans, type Stage } from '@/db/schema';
import { msToHours, timestamp, toCount, toNumberOrNull, type DbNumber } from './sql';
import { STAGES } from './stage-spans';
import type { MetricsPeriod } from './types';

/*
 * Cycle time per stage (issue 14): the time requests spent in each stage, over the stays that
 * ended in the period (lib/metrics/stage-spans.ts derives them from the events), as median and
 * p90, overall and by team and category (the request's team and category now). The bottleneck is
 * the stage and team where requests waited longest this period (by median, at least
 * BOTTLENECK_MIN_SPANS stays), set against the same stage and team in the period before.
 */

export const BOTTLENECK_MIN_SPANS = 5;

export interface StageFigure {
  stage: Stage;
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
}

export interface StageGroup {
  id: string | null;
  name: string;
  stages: StageFigure[];
}

export interface Bottleneck {
  stage: Stage;
  teamId: string | null;
  team: string;
  medianHours: number;
  count: number;
  /** The same stage and team in the period before (null: no stays then). */
  previousMedianHours: number | null;
}

export interface CycleTimes {
  overall: StageFigure[];
  byTeam: StageGroup[];
  byCategory: StageGroup[];
  bottleneck: Bottleneck | null;
}

interface Row {
  g_team: DbNumber;
  g_category: DbNumber;
  stage: Stage;
  team_id: string | null;
  category_id: string | null;
  n: DbNumber;
  median_ms: DbNumber;
  p90_ms: DbNumber;
}

async function spanFigures(db: Db, period: MetricsPeriod, scope?: SQL): Promise<Row[]> {
  return rowsOf<Row>(
    await db.execute(sql`
      select grouping(${tickets.teamId}) as g_team, grouping(${tickets.categoryId}) as g_category,
             ${ticketStageSpans.stage} as stage, ${tickets.teamId} as team_id, ${tickets.categoryId} as category_id,
             count(*) as n,
             percentile_cont(0.5) within group (order by ${ticketStageSpans.durationMs}) as median_ms,
             percentile_cont(0.9) within group (order by ${ticketStageSpans.durationMs}) as p90_ms
      from ${ticketStageSpans} join ${tickets} on ${tickets.id} = ${ticketStageSpans.ticketId}
      where ${ticketStageSpans.endedAt} >= ${timestamp(period.from)} and ${ticketStageSpans.endedAt} < ${timestamp(period.to)}
        ${scope ? sql`and ${scope}` : sql``}
      group by grouping sets ((${ticketStageSpans.stage}), (${ticketStageSpans.stage}, ${tickets.teamId}),
                              (${ticketStageSpans.stage}, ${tickets.categoryId}))`),
  );
}

const figure = (stage: Stage, row: Row | undefined): StageFigure => ({
  stage,
  count: toCount(row?.n),
  medianHours: msToHours(toNumberOrNull(row?.median_ms)),
  p90Hours: msToHours(toNumberOrNull(row?.p90_ms)),
});

/** Picks the bottleneck from per-team rows of this period and the one before (pure: unit-tested). */
export function pickBottleneck(
  current: readonly { stage: Stage; teamId: string | null; count: number; medianHours: number | null }[],
  previous: readonly { stage: Stage; teamId: string | null; medianHours: number | null }[],
  teamName: (id: string | null) => string,
): Bottleneck | null {
  const eligible = current.filter(
    (r): r is typeof r & { medianHours: number } => r.medianHours !== null && r.count >= BOTTLENECK_MIN_SPANS,
  );
  if (eligible.length === 0) return null;
  const worst = eligible.reduce((a, b) => (b.medianHours > a.medianHours ? b : a));
  const before = previous.find((p) => p.stage === worst.stage && p.teamId === worst.teamId);
  return {
    stage: worst.stage,
    teamId: worst.teamId,
    team: teamName(worst.teamId),
    medianHours: worst.medianHours,
    count: worst.count,
    previousMedianHours: before?.medianHours ?? null,
  };
}

/** Cycle time per stage for the period, and the bottleneck against the period before it. */
export async function getCycleTimes(db: Db, period: MetricsPeriod, scope?: SQL): Promise<CycleTimes> {
  const length = period.to.getTime() - period.from.getTime();
  const before = { from: new Date(period.from.getTime() - length), to: period.from };
  const [rows, previousRows] = await Promise.all([spanFigures(db, period, scope), spanFigures(db, before, scope)]);

  const teamIds = [...new Set(rows.flatMap((r) => (r.team_id ? [r.team_id] : [])))];
  const categoryIds = [...new Set(rows.flatMap((r) => (r.category_id ? [r.category_id] : [])))];
  const [teamRows, categoryRows] = await Promise.all([
    teamIds.length
      ? db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, teamIds))
      : Promise.resolve([]),
    categoryIds.length
      ? db
          .select({ id: categories.id, name: categories.name })
          .from(categories)
          .where(inArray(categories.id, categoryIds))
      : Promise.resolve([]),
  ]);
  const teamNames = new Map(teamRows.map((r) => [r.id, r.name]));
  const categoryNames = new Map(categoryRows.map((r) => [r.id, r.name]));
  const teamName = (id: string | null) => (id === null ? 'No team' : (teamNames.get(id) ?? id));

  const level = (r: Row) =>
    toCount(r.g_team) === 1 && toCount(r.g_category) === 1 ? 'overall' : toCount(r.g_team) === 0 ? 'team' : 'category';
  const groups = (kind: 'team' | 'category'): StageGroup[] => {
    const mine = rows.filter((r) => level(r) === kind);
    const ids = [...new Set(mine.map((r) => (kind === 'team' ? r.team_id : r.category_id)))];
    return ids
      .map((id) => ({
        id,
        name: kind === 'team' ? teamName(id) : id === null ? 'No category' : (categoryNames.get(id) ?? id),
        stages: STAGES.map((stage) =>
          figure(
            stage,
            mine.find((r) => r.stage === stage && (kind === 'team' ? r.team_id : r.category_id) === id),
          ),
        ),
      }))
      .sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : a.name.localeCompare(b.name)));
  };
  const perTeam = (source: Row[]) =>
    source.filter((r) => level(r) === 'team').map((r) => ({ teamId: r.team_id, ...figure(r.stage, r) }));

  return {
    overall: STAGES.map((stage) =>
      figure(
        stage,
        rows.find((r) => level(r) === 'overall' && r.stage === stage),
      ),
    ),
    byTeam: groups('team'),
    byCategory: groups('category'),
    bottleneck: pickBottleneck(perTeam(rows), perTeam(previousRows), teamName),
  };
}
