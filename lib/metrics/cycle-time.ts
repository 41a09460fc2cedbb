import type { Db } from '@/db/client';
import type { Stage } from '@/db/schema';
import { readCycleRollup, readOpenStays, type CycleCell } from './cycle-rollup';
import { STAGE_HISTOGRAM_BOUNDS_MS, histogramPercentile } from './definitions';
import type { DashboardFilters } from './filters';
import { NO_NAME, namesOf } from './names';
import { msToHours } from './sql';
import { STAGES } from './stage-spans';
import type { MetricsPeriod } from './types';

/*
 * Cycle time per stage (issue 14): the time requests spent in each stage, read from the daily
 * rollup (lib/metrics/cycle-rollup.ts) as median and p90, exact to the histogram's bucket
 * (STAGE_HISTOGRAM_BOUNDS_MS), overall and by team and category — each piece of a stay by the team
 * and category the request had during it (lib/metrics/stage-attribution.ts). A stay counts in the
 * period it ended in; while the period runs to now, requests still in a stage count too, at their
 * age so far (a lower bound of their time there), and are shown apart as "still waiting: n, oldest
 * x", so a stage where work piles up cannot look fast. The overall figures without a team or
 * category filter count whole stays; with one, or by team and category, the pieces at that team
 * and category. The bottleneck is the stage and team where requests waited longest this period
 * (by median, at least BOTTLENECK_MIN_SPANS stays), set against the same stage and team in the
 * period before (finished stays only: that period is over).
 */

export const BOTTLENECK_MIN_SPANS = 5;

export interface StageFigure {
  stage: Stage;
  /** Stays counted: those that ended in the period, plus those still waiting (a period running to now). */
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
  /** Requests still in the stage now (counted at their age so far), and the longest wait among them. */
  waiting: number;
  oldestWaitingHours: number | null;
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
  /** Whether requests still in a stage are counted (the period runs to now). */
  includesWaiting: boolean;
  /** The dashboard filters set that cycle time does not follow (the rollup keeps team and category only). */
  ignoredFilters: IgnoredFilter[];
}

/** The dashboard filters cycle time per stage does not follow: a stay is not filed by them. */
export const CYCLE_IGNORED_FILTERS = ['organizationId', 'assigneeId', 'channel', 'priority'] as const;
export type IgnoredFilter = (typeof CYCLE_IGNORED_FILTERS)[number];

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

/** The figure of one stage over the cells given (histograms add up exactly; percentiles do not). */
export function stageFigure(stage: Stage, cells: readonly CycleCell[], now: Date): StageFigure {
  const histogram = new Array<number>(STAGE_HISTOGRAM_BOUNDS_MS.length + 1).fill(0);
  let waiting = 0;
  let oldest: number | null = null;
  for (const cell of cells) {
    if (cell.stage !== stage) continue;
    cell.histogram.forEach((n, i) => (histogram[i] = (histogram[i] ?? 0) + n));
    waiting += cell.waiting ?? 0;
    const since = cell.oldestStart?.getTime();
    if (since !== undefined && (oldest === null || since < oldest)) oldest = since;
  }
  return {
    stage,
    count: histogram.reduce((a, b) => a + b, 0),
    medianHours: msToHours(histogramPercentile(histogram, 0.5, STAGE_HISTOGRAM_BOUNDS_MS)),
    p90Hours: msToHours(histogramPercentile(histogram, 0.9, STAGE_HISTOGRAM_BOUNDS_MS)),
    waiting,
    oldestWaitingHours: oldest === null ? null : msToHours(Math.max(0, now.getTime() - oldest)),
  };
}

/**
 * Cycle time per stage for the period under the team and category filters (the only dashboard
 * filters the rollup keeps: the others are named in `ignoredFilters`), and the bottleneck against
 * the period before it.
 */
export async function getCycleTimes(
  db: Db,
  period: MetricsPeriod,
  dashboardFilters: DashboardFilters = {},
  now: Date = new Date(),
): Promise<CycleTimes> {
  const filters = { teamId: dashboardFilters.teamId, categoryId: dashboardFilters.categoryId };
  const length = period.to.getTime() - period.from.getTime();
  const before = { from: new Date(period.from.getTime() - length), to: period.from };
  const includesWaiting = period.from <= now && now < period.to;
  const [finished, previous, open] = await Promise.all([
    readCycleRollup(db, period, filters),
    readCycleRollup(db, before, filters),
    includesWaiting ? readOpenStays(db, filters, now) : Promise.resolve([]),
  ]);
  const cells = [...finished, ...open];
  const pieces = cells.filter((c) => !c.whole);
  const filtered = filters.teamId !== undefined || filters.categoryId !== undefined;

  const teamIds = [...new Set(pieces.map((c) => c.teamId))];
  const categoryIds = [...new Set(pieces.map((c) => c.categoryId))];
  const known = (ids: (string | null)[]) => ids.filter((id): id is string => id !== null);
  const [teamNames, categoryNames] = await Promise.all([
    namesOf(db, 'teamId', known(teamIds)),
    namesOf(db, 'categoryId', known(categoryIds)),
  ]);
  const teamName = (id: string | null) => (id === null ? NO_NAME.teamId : (teamNames.get(id) ?? id));
  const categoryName = (id: string | null) => (id === null ? NO_NAME.categoryId : (categoryNames.get(id) ?? id));

  const groups = (key: 'teamId' | 'categoryId', ids: (string | null)[], name: (id: string | null) => string) =>
    ids
      .map((id) => {
        const mine = pieces.filter((c) => c[key] === id);
        return { id, name: name(id), stages: STAGES.map((stage) => stageFigure(stage, mine, now)) };
      })
      .sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : a.name.localeCompare(b.name)));
  const byTeam = groups('teamId', teamIds, teamName);
  const perTeam = (groupsOf: StageGroup[]) => groupsOf.flatMap((g) => g.stages.map((s) => ({ teamId: g.id, ...s })));
  const previousPieces = previous.filter((c) => !c.whole);
  const previousByTeam = [...new Set(previousPieces.map((c) => c.teamId))].map((id) => ({
    id,
    name: '',
    stages: STAGES.map((stage) =>
      stageFigure(
        stage,
        previousPieces.filter((c) => c.teamId === id),
        now,
      ),
    ),
  }));

  return {
    overall: STAGES.map((stage) => stageFigure(stage, filtered ? pieces : cells.filter((c) => c.whole), now)),
    byTeam,
    byCategory: groups('categoryId', categoryIds, categoryName),
    bottleneck: pickBottleneck(perTeam(byTeam), perTeam(previousByTeam), teamName),
    includesWaiting,
    ignoredFilters: CYCLE_IGNORED_FILTERS.filter((f) => dashboardFilters[f] !== undefined),
  };
}
