import { and, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { qaReviews, qaSamples, teams, tickets, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { weeklyTrend, weeksBetween, type TrendLine } from '@/lib/qa/rules';
import type { DashboardFilters } from './filters';
import { ticketFilterWhere } from './rollup-read';
import type { MetricsPeriod } from './types';

export interface QaTrends {
  /** The Mondays of the period's weeks (a review counts in its sample's week). */
  weeks: string[];
  agents: TrendLine[];
  /** By the request's team (requests without a team are left out of this table). */
  teams: TrendLine[];
}

/**
 * QA score trends for the dashboard (leads and admins): each week's mean review score per agent
 * and per team, for the samples of the weeks the period touches. One query over qa_reviews.
 * The dashboard's filters apply to the reviewed request (team, category, channel, priority), and
 * the agent filter to the agent reviewed (qa_reviews.agent_id, whose work the sample drew).
 */
export async function getQaTrends(
  db: Db,
  actor: Actor,
  period: MetricsPeriod,
  filters: DashboardFilters = {},
): Promise<QaTrends> {
  requirePermission(actor, 'metrics.read');
  const weeks = weeksBetween(period.from, period.to);
  if (weeks.length === 0) return { weeks, agents: [], teams: [] };
  const rows = await db
    .select({
      week: qaSamples.week,
      agentId: qaReviews.agentId,
      agent: users.name,
      teamId: tickets.teamId,
      team: teams.name,
      score: qaReviews.score,
    })
    .from(qaReviews)
    .innerJoin(qaSamples, eq(qaSamples.id, qaReviews.sampleId))
    .innerJoin(users, eq(users.id, qaReviews.agentId))
    .innerJoin(tickets, eq(tickets.id, qaReviews.ticketId))
    .leftJoin(teams, eq(teams.id, tickets.teamId))
    // Up to the period's last Monday: a bound a week past it is year 10000 for a period ending in 9999.
    .where(
      and(
        gte(qaSamples.week, weeks[0]!),
        lte(qaSamples.week, weeks[weeks.length - 1]!),
        filters.assigneeId ? eq(qaReviews.agentId, filters.assigneeId) : undefined,
        ticketFilterWhere({ ...filters, assigneeId: undefined }),
      ),
    );
  const inWeeks = rows.filter((r) => weeks.includes(r.week));
  return {
    weeks,
    agents: weeklyTrend(
      inWeeks.map((r) => ({ key: r.agentId, name: r.agent, week: r.week, score: r.score })),
      weeks,
    ),
    teams: weeklyTrend(
      inWeeks.flatMap((r) =>
        r.teamId && r.team ? [{ key: r.teamId, name: r.team, week: r.week, score: r.score }] : [],
      ),
      weeks,
    ),
  };
}

/** The per-agent table's QA column: each agent's period average from the trends (null: not reviewed). */
export function withQaScores<T extends { id: string | null }>(
  rows: readonly T[],
  qa: QaTrends,
): (T & { qaScore: number | null })[] {
  const byAgent = new Map(qa.agents.map((line) => [line.key, line.average]));
  return rows.map((row) => ({ ...row, qaScore: row.id === null ? null : (byAgent.get(row.id) ?? null) }));
}
