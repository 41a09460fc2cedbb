import { eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { categories, surveys, teams, tickets } from '@/db/schema';
import { isBacklog, resolutionFields, surveyFields, toCount, toResolutionFigures, toSurveyFigures, within, type DbNumber } from './sql';
import type { BreakdownRow, MetricsPeriod } from './types';

export type BreakdownDimension = 'team' | 'category';

const UNASSIGNED: Record<BreakdownDimension, string> = { team: 'No team', category: 'No category' };

/**
 * One row per team (or category) that had any activity: tickets created or resolved in the
 * period, surveys answered in it, or an open backlog now. Two grouped queries and one for names.
 */
export async function getBreakdown(db: Db, period: MetricsPeriod, dimension: BreakdownDimension): Promise<BreakdownRow[]> {
  const key = dimension === 'team' ? tickets.teamId : tickets.categoryId;
  const createdIn = within(tickets.createdAt, period);
  const resolvedIn = within(tickets.resolvedAt, period);

  const [ticketRows, surveyRows] = await Promise.all([
    db
      .select({ key, created: sql<DbNumber>`count(*) filter (where ${createdIn})`, backlog: sql<DbNumber>`count(*) filter (where ${isBacklog})`, ...resolutionFields(resolvedIn) })
      .from(tickets)
      .where(or(createdIn, resolvedIn, isBacklog))
      .groupBy(key),
    db
      .select({ key, ...surveyFields })
      .from(surveys)
      .innerJoin(tickets, eq(surveys.ticketId, tickets.id))
      .where(within(surveys.answeredAt, period))
      .groupBy(key),
  ]);

  const keys = [...new Set([...ticketRows, ...surveyRows].map((r) => r.key))];
  const names = await namesOf(db, dimension, keys.filter((k): k is string => k !== null));
  const ticketsByKey = new Map(ticketRows.map((r) => [r.key, r]));
  const surveysByKey = new Map(surveyRows.map((r) => [r.key, r]));

  const rows = keys.map((id): BreakdownRow => {
    const t = ticketsByKey.get(id);
    const resolution = toResolutionFigures(t);
    const { csat } = toSurveyFigures(surveysByKey.get(id));
    return {
      id,
      name: id === null ? UNASSIGNED[dimension] : (names.get(id) ?? id),
      created: toCount(t?.created),
      resolved: resolution.resolved,
      csatAnswered: csat.answered,
      csatShare: csat.satisfiedShare,
      fcrShare: resolution.fcr.share,
      ahtHours: resolution.ahtHours,
      backlog: toCount(t?.backlog),
    };
  });
  // Alphabetical, the tickets without a team/category last.
  return rows.sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : a.name.localeCompare(b.name)));
}

async function namesOf(db: Db, dimension: BreakdownDimension, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const table = dimension === 'team' ? teams : categories;
  const rows = await db.select({ id: table.id, name: table.name }).from(table).where(inArray(table.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
