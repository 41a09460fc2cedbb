import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { qaCriteria, qaReviews, qaSamples, tickets, users, type QaCriterion } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { safeString } from '@/lib/core/fields';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { readScores, reviewScore } from './rules';

export const MAX_REVIEW_COMMENT = 2000;

export interface SampledTicket {
  sampleId: string;
  number: number;
  subject: string;
  resolvedAt: Date | null;
  review: { score: number; reviewer: string | null } | null;
}

export interface AgentSample {
  agentId: string;
  agent: string;
  tickets: SampledTicket[];
  reviewed: number;
}

// The reviewer's name by subquery: drizzle's types turn an inner join of users beside a left join
// of an alias of users into never[].
const reviewerName = sql<string | null>`(select u.name from users u where u.id = ${qaReviews.reviewerId})`;

/** A week's sample by agent (by name), each request with its review if any. Leads and admins. */
export async function getWeekSample(db: Db, actor: Actor, week: string): Promise<AgentSample[]> {
  requirePermission(actor, 'qa.review');
  const rows = await db
    .select({
      sampleId: qaSamples.id,
      agentId: qaSamples.agentId,
      agent: users.name,
      number: tickets.number,
      subject: tickets.subject,
      resolvedAt: tickets.resolvedAt,
      score: qaReviews.score,
      reviewer: reviewerName,
    })
    .from(qaSamples)
    .innerJoin(users, eq(users.id, qaSamples.agentId))
    .innerJoin(tickets, eq(tickets.id, qaSamples.ticketId))
    .leftJoin(qaReviews, eq(qaReviews.sampleId, qaSamples.id))
    .where(eq(qaSamples.week, week))
    .orderBy(asc(users.name), asc(qaSamples.agentId), asc(tickets.number));
  const byAgent = new Map<string, AgentSample>();
  for (const r of rows) {
    const agent: AgentSample = byAgent.get(r.agentId) ?? {
      agentId: r.agentId,
      agent: r.agent,
      tickets: [],
      reviewed: 0,
    };
    const review = r.score === null ? null : { score: r.score, reviewer: r.reviewer };
    agent.tickets.push({
      sampleId: r.sampleId,
      number: r.number,
      subject: r.subject,
      resolvedAt: r.resolvedAt,
      review,
    });
    if (review) agent.reviewed += 1;
    byAgent.set(r.agentId, agent);
  }
  return [...byAgent.values()];
}

export interface ReviewForm {
  sampleId: string;
  week: string;
  agent: string;
  agentId: string;
  ticket: { number: number; subject: string };
  criteria: Pick<QaCriterion, 'id' | 'name' | 'description'>[];
  review: { scores: Record<string, number>; comment: string } | null;
}

/** What the review form shows for one sampled request (active criteria in order), or not found. */
export async function getReviewForm(db: Db, actor: Actor, sampleId: string): Promise<Result<ReviewForm>> {
  requirePermission(actor, 'qa.review');
  if (!z.uuid().safeParse(sampleId).success) return { ok: false, code: 'not_found', message: 'Sample not found.' };
  const [row] = await db
    .select({
      sampleId: qaSamples.id,
      week: qaSamples.week,
      agent: users.name,
      agentId: qaSamples.agentId,
      number: tickets.number,
      subject: tickets.subject,
      scores: qaReviews.scores,
      comment: qaReviews.comment,
    })
    .from(qaSamples)
    .innerJoin(users, eq(users.id, qaSamples.agentId))
    .innerJoin(tickets, eq(tickets.id, qaSamples.ticketId))
    .leftJoin(qaReviews, eq(qaReviews.sampleId, qaSamples.id))
    .where(eq(qaSamples.id, sampleId));
  if (!row) return { ok: false, code: 'not_found', message: 'Sample not found.' };
  const criteria = await activeCriteria(db);
  return {
    ok: true,
    data: {
      sampleId: row.sampleId,
      week: row.week,
      agent: row.agent,
      agentId: row.agentId,
      ticket: { number: row.number, subject: row.subject },
      criteria: criteria.map(({ id, name, description }) => ({ id, name, description })),
      review: row.scores ? { scores: row.scores, comment: row.comment ?? '' } : null,
    },
  };
}

const activeCriteria = (db: Db) =>
  db
    .select()
    .from(qaCriteria)
    .where(eq(qaCriteria.active, true))
    .orderBy(asc(qaCriteria.position), asc(qaCriteria.name));

// The scores arrive as score_<criterion id> fields beside these; readScores checks them.
const reviewSchema = z.looseObject({
  sampleId: z.uuid('That request is not in a quality review sample.'),
  comment: safeString()
    .trim()
    .max(MAX_REVIEW_COMMENT, `At most ${MAX_REVIEW_COMMENT.toLocaleString('en')} characters.`)
    .optional()
    .transform((v) => v ?? ''),
});

/**
 * A lead scores a sampled request (leads and admins): a whole 1–5 score for every active criterion
 * and an optional comment the agent reads. Only sampled requests are reviewed (the sample is what
 * makes the scores comparable week to week); a reviewer does not review their own request. A
 * second review of the same sample replaces the first (one review per sampled request).
 */
export function submitReview(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<{ sampleId: string; score: number; number: number }>> {
  return runUseCase(db, reviewSchema, raw, async (tx, input) => {
    requirePermission(actor, 'qa.review');
    const [sample] = await tx
      .select({ id: qaSamples.id, agentId: qaSamples.agentId, ticketId: qaSamples.ticketId, number: tickets.number })
      .from(qaSamples)
      .innerJoin(tickets, eq(tickets.id, qaSamples.ticketId))
      .where(eq(qaSamples.id, input.sampleId));
    if (!sample) fail('not_found', 'That request is not in a quality review sample.');
    if (sample.agentId === actor.userId) fail('forbidden', 'Someone else reviews your own requests.');
    const criteria = await activeCriteria(tx);
    if (criteria.length === 0)
      fail('invalid', 'The rubric has no active criterion yet: an admin adds them in /admin/qa.');
    const { scores, fieldErrors } = readScores(criteria, input);
    if (Object.keys(fieldErrors).length > 0) fail('invalid', 'Score every criterion from 1 to 5.', fieldErrors);
    const score = reviewScore(scores)!;
    const values = {
      sampleId: sample.id,
      ticketId: sample.ticketId,
      agentId: sample.agentId,
      reviewerId: actor.userId,
      scores,
      score,
      comment: input.comment,
    };
    await tx
      .insert(qaReviews)
      .values(values)
      .onConflictDoUpdate({
        target: qaReviews.sampleId,
        set: { reviewerId: actor.userId, scores, score, comment: input.comment, updatedAt: new Date() },
      });
    return { sampleId: sample.id, score, number: sample.number };
  });
}

export interface MyReview {
  id: string;
  week: string;
  number: number;
  subject: string;
  reviewer: string | null;
  score: number;
  scores: { name: string; score: number }[];
  comment: string;
  createdAt: Date;
}

/** The signed-in agent's own reviews, newest first (never anyone else's). */
export async function listMyReviews(db: Db, actor: Actor): Promise<MyReview[]> {
  requirePermission(actor, 'qa.read_own');
  const rows = await db
    .select({
      id: qaReviews.id,
      week: qaSamples.week,
      number: tickets.number,
      subject: tickets.subject,
      reviewer: users.name,
      score: qaReviews.score,
      scores: qaReviews.scores,
      comment: qaReviews.comment,
      createdAt: qaReviews.createdAt,
    })
    .from(qaReviews)
    .innerJoin(qaSamples, eq(qaSamples.id, qaReviews.sampleId))
    .innerJoin(tickets, eq(tickets.id, qaReviews.ticketId))
    .leftJoin(users, eq(users.id, qaReviews.reviewerId))
    .where(eq(qaReviews.agentId, actor.userId))
    .orderBy(desc(qaSamples.week), desc(qaReviews.createdAt))
    .limit(200);
  const ids = [...new Set(rows.flatMap((r) => Object.keys(r.scores)))];
  const criteria =
    ids.length > 0
      ? await db
          .select({ id: qaCriteria.id, name: qaCriteria.name, position: qaCriteria.position })
          .from(qaCriteria)
          .where(inArray(qaCriteria.id, ids))
      : [];
  const ordered = criteria.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
  return rows.map((r) => ({
    ...r,
    scores: ordered.filter((c) => c.id in r.scores).map((c) => ({ name: c.name, score: r.scores[c.id]! })),
  }));
}
