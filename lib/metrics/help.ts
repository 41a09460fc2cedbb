import { and, desc, eq, gt, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { deflections, kbArticles, metricRollups, ticketEvents } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { attempt, type Result } from '@/lib/core/result';
import { rollupWhere } from './rollup-read';
import { toCount, utcWeek, within, type DbNumber } from './sql';
import type { MetricsPeriod } from './types';
import { weeksOf } from './weekly';

/** An article needs this many votes before it is called one of the least helpful. */
export const MIN_VOTES_TO_JUDGE = 3;
const TOP = 5;

export interface ArticleFigure {
  id: string;
  slug: string;
  title: string;
  audience: 'public' | 'internal';
  status: 'draft' | 'published';
}

export interface HelpFigures {
  /** Requests ended by "This answered my question" in the period. */
  deflected: number;
  /** Requests submitted on the web form in the period (the other way a visit to the form ends). */
  webRequests: number;
  /** Requests the customer cancelled as no longer needed in the period: counted apart, never as resolved. */
  cancelled: number;
  /** deflected / (deflected + web requests), null when neither happened. */
  deflectionShare: number | null;
  /** Every week the period touches (Monday, UTC), with its deflections. */
  weekly: { week: string; deflected: number }[];
  /** The articles that ended the most requests in the period. */
  topArticles: (ArticleFigure & { deflected: number })[];
  /** Helpful / not helpful votes, all time (votes accrue slowly), most voted first. */
  ratings: (ArticleFigure & { helpful: number; notHelpful: number; helpfulShare: number })[];
  /** The worst-rated articles with at least MIN_VOTES_TO_JUDGE votes: the ones to rewrite. */
  leastHelpful: (ArticleFigure & { helpful: number; notHelpful: number; helpfulShare: number })[];
  minVotesToJudge: number;
}

const articleColumns = {
  id: kbArticles.id,
  slug: kbArticles.slug,
  title: kbArticles.title,
  audience: kbArticles.audience,
  status: kbArticles.status,
};

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * The help centre on the lead dashboard, for the dashboard's half-open period [from, to):
 * deflected requests (total, weekly, against web-form submissions), the articles that deflected
 * most, and the articles' helpful ratings (all time), with the least helpful to fix first.
 */
export async function getHelpFigures(db: Db, period: MetricsPeriod): Promise<HelpFigures> {
  const inPeriod = within(deflections.createdAt, period);
  const week = utcWeek(deflections.createdAt);
  const votes = sql<number>`(${kbArticles.helpfulCount} + ${kbArticles.notHelpfulCount})`;
  const helpfulShare = sql<number>`(${kbArticles.helpfulCount}::float8 / nullif(${votes}, 0))`;
  const [[totals], [web], [cancelledRow], weekRows, top, rated, least] = await Promise.all([
    db
      .select({ n: sql<DbNumber>`count(*)` })
      .from(deflections)
      .where(inPeriod),
    // From the daily rollups (the dashboard's own "created" by channel): counting a year of web
    // requests from tickets took 0.5–0.7 s at 1M.
    db
      .select({ n: sql<DbNumber>`coalesce(sum(${metricRollups.created}), 0)` })
      .from(metricRollups)
      .where(rollupWhere({ channel: 'web' }, period)),
    // On ticket_events_type_idx (type, created_at).
    db
      .select({ n: sql<DbNumber>`count(*)` })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.type, 'cancelled'), within(ticketEvents.createdAt, period))),
    db
      .select({ week, n: sql<DbNumber>`count(*)` })
      .from(deflections)
      .where(inPeriod)
      .groupBy(week),
    db
      .select({ ...articleColumns, n: sql<DbNumber>`count(*)` })
      .from(deflections)
      .innerJoin(kbArticles, eq(kbArticles.id, deflections.articleId))
      .where(and(inPeriod, isNotNull(deflections.articleId)))
      .groupBy(kbArticles.id)
      .orderBy(desc(sql`count(*)`), kbArticles.title)
      .limit(TOP),
    db
      .select({ ...articleColumns, helpful: kbArticles.helpfulCount, notHelpful: kbArticles.notHelpfulCount })
      .from(kbArticles)
      .where(gt(votes, 0))
      .orderBy(desc(votes), kbArticles.title)
      .limit(10),
    db
      .select({ ...articleColumns, helpful: kbArticles.helpfulCount, notHelpful: kbArticles.notHelpfulCount })
      .from(kbArticles)
      .where(and(sql`${votes} >= ${MIN_VOTES_TO_JUDGE}`, gt(kbArticles.notHelpfulCount, 0)))
      .orderBy(helpfulShare, desc(kbArticles.notHelpfulCount), kbArticles.title)
      .limit(TOP),
  ]);
  const deflected = toCount(totals?.n);
  const webRequests = toCount(web?.n);
  const perWeek = new Map(weekRows.map((r) => [r.week, toCount(r.n)]));
  const rating = <R extends { helpful: number; notHelpful: number }>(r: R) => ({
    ...r,
    helpfulShare: share(r.helpful, r.helpful + r.notHelpful) ?? 0,
  });
  return {
    deflected,
    webRequests,
    cancelled: toCount(cancelledRow?.n),
    deflectionShare: share(deflected, deflected + webRequests),
    weekly: weeksOf(period).map((w) => ({ week: w, deflected: perWeek.get(w) ?? 0 })),
    topArticles: top.map(({ n, ...a }) => ({ ...a, deflected: toCount(n) })),
    ratings: rated.map(rating),
    leastHelpful: least.map(rating),
    minVotesToJudge: MIN_VOTES_TO_JUDGE,
  };
}

/** The dashboard's entry point: leads and admins only (`metrics.read`). */
export async function getLeadHelpFigures(db: Db, actor: Actor, period: MetricsPeriod): Promise<Result<HelpFigures>> {
  return attempt(async () => {
    requirePermission(actor, 'metrics.read');
    return getHelpFigures(db, period);
  });
}
