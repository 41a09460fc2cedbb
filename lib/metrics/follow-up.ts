import { and, count, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { followUps, rootCauses, type FollowUpKind } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import type { MetricsPeriod } from './types';

/**
 * Follow-up figures for the dashboard. Each counts the follow-ups *opened* in the period (a
 * detractor when the survey was answered, a call when it was asked for) and what has come of them
 * by now, so a detractor of the period recovered next week still counts for this period.
 */
export interface FollowUpMetrics {
  detractors: {
    total: number;
    /** An outcome was recorded (recovered, called back or not reachable). */
    followedUp: number;
    recovered: number;
    /** recovered ÷ followed up, or null when none was followed up yet. */
    recoveryRate: number | null;
    calledBack: number;
    notReachable: number;
    open: number;
  };
  /** Root causes of the period's detractors, most frequent first (retired ones included). */
  rootCauses: { name: string; count: number }[];
  calls: {
    requested: number;
    /** Calls with at least one try ("no answer" tries included). */
    made: number;
    confirmedFixed: number;
    reopened: number;
    /** Closed after MAX_CALL_ATTEMPTS tries without an answer. */
    noAnswer: number;
    open: number;
  };
}

const inPeriod = (kind: FollowUpKind, period: MetricsPeriod) =>
  and(eq(followUps.kind, kind), gte(followUps.createdAt, period.from), lt(followUps.createdAt, period.to));

const tally = (outcome: string) => sql<number>`count(*) filter (where ${followUps.outcome} = ${outcome})::int`;

/** Leads and admins (`metrics.read`); three aggregates over follow_ups_created_idx. */
export async function getFollowUpMetrics(db: Db, actor: Actor, period: MetricsPeriod): Promise<FollowUpMetrics> {
  requirePermission(actor, 'metrics.read');
  const [[detractors], causes, [calls]] = await Promise.all([
    db
      .select({
        total: count(),
        followedUp: sql<number>`count(*) filter (where ${followUps.status} = 'done')::int`,
        recovered: tally('recovered'),
        calledBack: tally('called_back'),
        notReachable: tally('not_reachable'),
        open: sql<number>`count(*) filter (where ${followUps.status} = 'open')::int`,
      })
      .from(followUps)
      .where(inPeriod('detractor', period)),
    db
      .select({ name: rootCauses.name, count: count() })
      .from(followUps)
      .innerJoin(rootCauses, eq(rootCauses.id, followUps.rootCauseId))
      .where(inPeriod('detractor', period))
      .groupBy(rootCauses.id, rootCauses.name)
      .orderBy(desc(count()), rootCauses.name),
    db
      .select({
        requested: count(),
        made: sql<number>`count(*) filter (where ${followUps.status} = 'done' or ${followUps.attempts} > 0)::int`,
        confirmedFixed: tally('confirmed_fixed'),
        reopened: tally('reopened'),
        noAnswer: tally('no_answer'),
        open: sql<number>`count(*) filter (where ${followUps.status} = 'open')::int`,
      })
      .from(followUps)
      .where(inPeriod('call', period)),
  ]);
  const d = detractors ?? { total: 0, followedUp: 0, recovered: 0, calledBack: 0, notReachable: 0, open: 0 };
  return {
    detractors: { ...d, recoveryRate: d.followedUp > 0 ? d.recovered / d.followedUp : null },
    rootCauses: causes,
    calls: calls ?? { requested: 0, made: 0, confirmedFixed: 0, reopened: 0, noAnswer: 0, open: 0 },
  };
}
