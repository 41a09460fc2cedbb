import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { surveys, tickets } from '@/db/schema';
import { DAY_MS } from './definitions';
import {
  firstResponseFields,
  resolutionFields,
  resolvedWithin,
  surveyFields,
  toCount,
  toNumberOrNull,
  msToHours,
  toSurveyFigures,
  utcWeek,
  within,
  type DbNumber,
} from './sql';
import type { MetricsPeriod, WeeklyPoint } from './types';

const WEEK_MS = 7 * DAY_MS;

/** The Mondays (UTC, YYYY-MM-DD) of every week the period touches, as date_trunc('week') counts them. */
export function weeksOf(period: MetricsPeriod): string[] {
  const start = new Date(period.from);
  start.setUTCHours(0, 0, 0, 0);
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  const weeks: string[] = [];
  for (let t = start.getTime(); t < period.to.getTime(); t += WEEK_MS)
    weeks.push(new Date(t).toISOString().slice(0, 10));
  return weeks;
}

/** Days of the week starting `week` (Monday, UTC) that fall inside the period, to a tenth of a day. */
export function daysInPeriod(week: string, period: MetricsPeriod): number {
  const start = Date.parse(`${week}T00:00:00Z`);
  const covered = Math.min(start + WEEK_MS, period.to.getTime()) - Math.max(start, period.from.getTime());
  return Math.max(0, Math.round((covered / DAY_MS) * 10) / 10);
}

/**
 * The period week by week. Every figure is filed under the week of its own moment: surveys
 * by when they were answered, AHT by resolution, FRT by first reply, the ticket count by creation.
 */
export async function getWeeklySeries(db: Db, period: MetricsPeriod): Promise<WeeklyPoint[]> {
  const resolvedIn = resolvedWithin(period);
  const respondedIn = within(tickets.firstResponseAt, period);
  const surveyWeek = utcWeek(surveys.answeredAt);
  const resolvedWeek = utcWeek(tickets.resolvedAt);
  const respondedWeek = utcWeek(tickets.firstResponseAt);
  const createdWeek = utcWeek(tickets.createdAt);

  const [surveyRows, resolutionRows, responseRows, createdRows] = await Promise.all([
    db
      .select({ week: surveyWeek, ...surveyFields })
      .from(surveys)
      .where(within(surveys.answeredAt, period))
      .groupBy(surveyWeek),
    db
      .select({ week: resolvedWeek, ahtMs: resolutionFields(resolvedIn).ahtMs })
      .from(tickets)
      .where(resolvedIn)
      .groupBy(resolvedWeek),
    db
      .select({ week: respondedWeek, frtMs: firstResponseFields(respondedIn).frtMeanMs })
      .from(tickets)
      .where(respondedIn)
      .groupBy(respondedWeek),
    db
      .select({ week: createdWeek, tickets: sql<DbNumber>`count(*)` })
      .from(tickets)
      .where(within(tickets.createdAt, period))
      .groupBy(createdWeek),
  ]);

  const byWeek = <R extends { week: string }>(rows: R[]) => new Map(rows.map((r) => [r.week, r]));
  const surveysByWeek = byWeek(surveyRows);
  const ahtByWeek = byWeek(resolutionRows);
  const frtByWeek = byWeek(responseRows);
  const createdByWeek = byWeek(createdRows);

  return weeksOf(period).map((week) => {
    const { csat, nps } = toSurveyFigures(surveysByWeek.get(week));
    const days = daysInPeriod(week, period);
    return {
      week,
      daysInPeriod: days,
      partial: days < 7,
      tickets: toCount(createdByWeek.get(week)?.tickets),
      csatAnswered: csat.answered,
      csatShare: csat.satisfiedShare,
      csatMean: csat.mean,
      nps: nps.score,
      ahtHours: msToHours(toNumberOrNull(ahtByWeek.get(week)?.ahtMs)),
      frtHours: msToHours(toNumberOrNull(frtByWeek.get(week)?.frtMs)),
    };
  });
}
