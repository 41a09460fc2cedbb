import type { Db } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { getRecentFeedback, type FeedbackRow } from './recent-feedback';
import { getBreakdown } from './breakdown';
import { getTiles } from './tiles';
import type { BreakdownRow, DailyPoint, Dashboard, MetricsPeriod } from './types';
import { getWeeklySeries } from './weekly';
import type { DashboardFilters } from './filters';
import { asc, inArray } from 'drizzle-orm';
import { categories, organizations, teams, users } from '@/db/schema';
import { rollupRefreshedAt } from './rollup';
import {
  readBacklog,
  readBreakdown,
  readDaily,
  readTiles,
  ticketFilterWhere,
  weeklyFromDaily,
  type RollupTiles,
} from './rollup-read';
import { readBacklogSeries, type BacklogPoint } from './backlog-series';
import { getCycleTimes, type CycleTimes } from './cycle-time';
import type { ExceptionFigures } from './exceptions';
import { readExceptionFigures } from './exception-rollup';
import type { ServiceTargets } from './targets';
import { getSettings } from '@/lib/settings/settings';
import { getQaTrends, withQaScores, type QaTrends } from './qa';

export type { Dashboard, MetricsPeriod } from './types';

/**
 * The lead dashboard (docs/design.md §4) for a half-open period [from, to): tiles, a weekly series
 * and breakdowns by team and category, all SQL aggregates over the definitions of
 * definitions.ts. `now` judges the backlog's ages and the SLA targets still running.
 */
export async function getDashboard(db: Db, period: MetricsPeriod, now: Date = new Date()): Promise<Dashboard> {
  const [tiles, weekly, byTeam, byCategory] = await Promise.all([
    getTiles(db, period, now),
    getWeeklySeries(db, period),
    getBreakdown(db, period, 'team'),
    getBreakdown(db, period, 'category'),
  ]);
  return { period, now, tiles, weekly, byTeam, byCategory };
}

export interface RollupDashboard extends Dashboard {
  tiles: RollupTiles;

  filters: DashboardFilters;
  daily: DailyPoint[];
  byAgent: BreakdownRow[];
  byChannel: BreakdownRow[];
  /** Key accounts: by the customer's organization (lib/metrics/rollup-read.ts). */
  byOrganization: BreakdownRow[];
  /** The backlog at the end of each day of the period, by age (lib/metrics/backlog-series.ts). */
  backlogSeries: BacklogPoint[];
  /** When the rollups were last brought up to date (null: never yet); SLA targets still running are judged then. */
  refreshedAt: Date | null;
}

/**
 * The same dashboard read from the daily rollups (lib/metrics/rollup-read.ts) under the filters,
 * over the whole UTC days the period covers: what the page shows. getDashboard above computes it
 * from the raw rows; the rollup tests prove both agree.
 */
export async function getRollupDashboard(
  db: Db,
  period: MetricsPeriod,
  filters: DashboardFilters = {},
  now: Date = new Date(),
): Promise<RollupDashboard> {
  const backlog = await readBacklog(db, filters, now);
  const [tiles, daily, byTeam, byCategory, byAgent, byChannel, byOrganization, backlogSeries, refreshedAt] =
    await Promise.all([
      readTiles(db, period, filters, backlog.total),
      readDaily(db, period, filters),
      readBreakdown(db, period, filters, 'teamId', backlog.by.teamId),
      readBreakdown(db, period, filters, 'categoryId', backlog.by.categoryId),
      readBreakdown(db, period, filters, 'assigneeId', backlog.by.assigneeId),
      readBreakdown(db, period, filters, 'channel', backlog.by.channel),
      readBreakdown(db, period, filters, 'organizationId', backlog.by.organizationId),
      readBacklogSeries(db, period, filters),
      rollupRefreshedAt(db),
    ]);
  const weekly = weeklyFromDaily(daily, period);
  return {
    period,
    now,
    filters,
    tiles,
    weekly,
    daily,
    byTeam,
    byCategory,
    byAgent,
    byChannel,
    byOrganization,
    backlogSeries,
    refreshedAt,
  };
}

export interface LeadDashboard extends RollupDashboard {
  feedback: FeedbackRow[];
  targets: ServiceTargets;
  /** QA score trends under the same period and filters; their period averages are byAgent's qaScore. */
  qa: QaTrends;
}

/** The page's entry point: only roles with `metrics.read` (leads, admins) see the figures. */
export async function getLeadDashboard(
  db: Db,
  actor: Actor,
  period: MetricsPeriod,
  filters: DashboardFilters = {},
): Promise<LeadDashboard> {
  requirePermission(actor, 'metrics.read');
  const [dashboard, feedback, settings, qa] = await Promise.all([
    getRollupDashboard(db, period, filters),
    getRecentFeedback(db),
    getSettings(db),
    getQaTrends(db, actor, period, filters),
  ]);
  return {
    ...dashboard,
    byAgent: withQaScores(dashboard.byAgent, qa),
    feedback,
    targets: settings.serviceTargets,
    qa,
  };
}

export interface DashboardOptions {
  teams: { id: string; name: string }[];
  agents: { id: string; name: string }[];
  categories: { id: string; name: string }[];
  organizations: { id: string; name: string }[];
}

/** The choices of the dashboard's filters: teams, staff who work tickets, categories, organizations. */
export async function getDashboardOptions(db: Db, actor: Actor): Promise<DashboardOptions> {
  requirePermission(actor, 'metrics.read');
  const [teamRows, agentRows, categoryRows, organizationRows] = await Promise.all([
    db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name)),
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.role, ['agent', 'lead', 'admin']))
      .orderBy(asc(users.name)),
    db.select({ id: categories.id, name: categories.name }).from(categories).orderBy(asc(categories.name)),
    db.select({ id: organizations.id, name: organizations.name }).from(organizations).orderBy(asc(organizations.name)),
  ]);
  return { teams: teamRows, agents: agentRows, categories: categoryRows, organizations: organizationRows };
}

/**
 * The exceptions (requests with a CERN) under the dashboard's filters, leads and admins only: from
 * the daily rollups (lib/metrics/exception-rollup.ts), the rest's CSAT from the same rows.
 */
export async function getLeadExceptionFigures(
  db: Db,
  actor: Actor,
  period: MetricsPeriod,
  filters: DashboardFilters,
): Promise<ExceptionFigures> {
  requirePermission(actor, 'metrics.read');
  return readExceptionFigures(db, period, filters);
}

/**
 * Cycle time per stage and the bottleneck under the dashboard's period, team and category, leads
 * and admins only (streamed): from the cycle-time rollup, requests still in a stage live.
 */
export async function getLeadCycleTimes(
  db: Db,
  actor: Actor,
  period: MetricsPeriod,
  filters: DashboardFilters,
): Promise<CycleTimes> {
  requirePermission(actor, 'metrics.read');
  return getCycleTimes(db, period, filters);
}
