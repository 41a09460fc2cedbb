import type { Db } from '@/db/client';
import { surveys, tickets } from '@/db/schema';
import {
  backlogFields,
  firstResponseFields,
  isBacklog,
  msToHours,
  resolutionFields,
  resolvedWithin,
  slaCountedWithin,
  slaFields,
  surveyFields,
  toBacklogFigures,
  toCount,
  toNumberOrNull,
  toResolutionFigures,
  toSlaFigures,
  toSurveyFigures,
  within,
} from './sql';
import type { DashboardTiles, MetricsPeriod } from './types';

/** The headline figures: one aggregate query per population, run together. */
export async function getTiles(db: Db, period: MetricsPeriod, now: Date): Promise<DashboardTiles> {
  const resolvedIn = resolvedWithin(period);
  const respondedIn = within(tickets.firstResponseAt, period);
  const slaCounted = slaCountedWithin(period);

  const [surveyRows, resolutionRows, responseRows, slaRows, backlogRows] = await Promise.all([
    db.select(surveyFields).from(surveys).where(within(surveys.answeredAt, period)),
    db.select(resolutionFields(resolvedIn)).from(tickets).where(resolvedIn),
    db.select(firstResponseFields(respondedIn)).from(tickets).where(respondedIn),
    db.select(slaFields(slaCounted, now)).from(tickets).where(slaCounted),
    db.select(backlogFields(now)).from(tickets).where(isBacklog),
  ]);

  const { csat, nps } = toSurveyFigures(surveyRows[0]);
  const resolution = toResolutionFigures(resolutionRows[0]);
  const response = responseRows[0];
  return {
    csat,
    nps,
    fcr: resolution.fcr,
    reopenRate: resolution.reopenRate,
    aht: { resolved: resolution.resolved, meanHours: resolution.ahtHours },
    frt: {
      responded: toCount(response?.responded),
      meanHours: msToHours(toNumberOrNull(response?.frtMeanMs)),
      medianHours: msToHours(toNumberOrNull(response?.frtMedianMs)),
    },
    sla: toSlaFigures(slaRows[0]),
    backlog: toBacklogFigures(backlogRows[0]),
  };
}
