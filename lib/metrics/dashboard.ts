import type { Db } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { getRecentFeedback, type FeedbackRow } from './recent-feedback';
import { getBreakdown } from './breakdown';
import { getTiles } from './tiles';
import type { Dashboard, MetricsPeriod } from './types';
import { getWeeklySeries } from './weekly';

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

/** The page's entry point: only roles with `metrics.read` (leads, admins) see the figures. */
export async function getLeadDashboard(
  db: Db,
  actor: Actor,
  period: MetricsPeriod,
): Promise<Dashboard & { feedback: FeedbackRow[] }> {
  requirePermission(actor, 'metrics.read');
  const [dashboard, feedback] = await Promise.all([getDashboard(db, period), getRecentFeedback(db)]);
  return { ...dashboard, feedback };
}
