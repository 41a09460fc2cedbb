import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { surveys, ticketEvents } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { shareResult, type ShareResult } from './definitions';
import { msBetween, msToHours, toCount, toNumberOrNull, within, type DbNumber } from './sql';
import type { MetricsPeriod } from './types';

export interface SurveyResponseFigures {
  /** Surveys sent in the period (their last sending: a resend after a reopen counts once). */
  sent: number;
  /** Of those, answered (whenever): the response rate's numerator. */
  response: ShareResult;
  /** Median hours from sending to the answer, over those answered. */
  medianHoursToAnswer: number | null;
  /** Of those sent, how many got the one reminder. */
  reminded: number;
  /** Of those answered, how many said "not fixed". */
  notFixed: number;
  /** Surveys not sent in the period by the per-customer cap or for want of an address (`survey_skipped`). */
  skipped: number;
}

/**
 * The survey response rate: a cohort of the surveys *sent* in the period, and how many of them were
 * answered — counting answers by their own date (as the CSAT tile does) would let a busy week's
 * late answers inflate a quiet week's rate. One aggregate on surveys (the sent_at index) and one
 * count of skips on ticket_events (its (type, created_at) index).
 */
export async function getSurveyResponse(db: Db, period: MetricsPeriod): Promise<SurveyResponseFigures> {
  const toAnswer = msBetween(surveys.sentAt, surveys.answeredAt);
  const [[row], [skips]] = await Promise.all([
    db
      .select({
        sent: sql<DbNumber>`count(*)`,
        answered: sql<DbNumber>`count(${surveys.answeredAt})`,
        reminded: sql<DbNumber>`count(${surveys.reminderSentAt})`,
        notFixed: sql<DbNumber>`count(*) filter (where ${surveys.fixed} = false)`,
        medianMs: sql<DbNumber>`percentile_cont(0.5) within group (order by ${toAnswer}) filter (where ${surveys.answeredAt} is not null)`,
      })
      .from(surveys)
      .where(within(surveys.sentAt, period)),
    db
      .select({ skipped: sql<DbNumber>`count(*)` })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.type, 'survey_skipped'), within(ticketEvents.createdAt, period))),
  ]);
  const sent = toCount(row?.sent);
  return {
    sent,
    response: shareResult(toCount(row?.answered), sent),
    medianHoursToAnswer: msToHours(toNumberOrNull(row?.medianMs)),
    reminded: toCount(row?.reminded),
    notFixed: toCount(row?.notFixed),
    skipped: toCount(skips?.skipped),
  };
}

/** The dashboard's entry point: leads and admins (`metrics.read`). */
export async function getLeadSurveyResponse(
  db: Db,
  actor: Actor,
  period: MetricsPeriod,
): Promise<SurveyResponseFigures> {
  requirePermission(actor, 'metrics.read');
  return getSurveyResponse(db, period);
}
