import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { customers, surveys, ticketColumns, tickets, users, type Survey, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { attempt, fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { flagDetractor } from '@/lib/follow-up/detractor';
import { notifyPeople } from '@/lib/notifications/notify';
import { enforce, LIMITS } from '@/lib/rate-limit/rate-limit';
import { getSettings } from '@/lib/settings/settings';
import { readSurveyLink } from '@/lib/surveys/survey-link';
import { appendEvents, formatNumber, lockOwnTicket, nextState, saveTicket, stateEvents } from '@/lib/tickets/store';
import { transition } from '@/lib/tickets/transitions';
import { writeCustomerMessage } from './customer-reply';
import { CSAT_REQUIRED, NPS_REQUIRED, surveyLinkSchema, surveySchema } from './schemas';

export const SURVEY_ALREADY_ANSWERED = 'This survey has already been answered. Thank you!';
export const SURVEY_LINK_INVALID =
  'This survey link does not work: it may have been copied incompletely. Nothing was saved.';
export const SURVEY_LINK_EXPIRED = 'This survey link has expired, and nothing was saved. Thank you all the same.';

/** What answering did to the request. */
export type SurveyOutcome =
  /** "Fixed" (or the question not answered) on a resolved request: confirmed and closed. */
  | 'closed'
  /** "Not fixed" on a resolved request: reopened into resolution, the assignee told. */
  | 'reopened'
  /** "Not fixed" on a closed request (read-only): a linked follow-up request was opened. */
  | 'follow_up'
  /** The answer is kept; the request was already closed. */
  | 'recorded';

export interface SurveyAnswered {
  survey: Survey;
  number: number;
  outcome: SurveyOutcome;
  /** The request the customer should follow now (the follow-up's number when one was opened). */
  followNumber: number;
}

type Answers = Omit<z.output<typeof surveySchema>, 'number'>;

/**
 * The satisfaction survey, from the signed-in portal. Both ways of answering (this and the mailed
 * link, `answerSurveyByLink`) go through `recordSurveyAnswer`, the one owner of what an answer does.
 */
export async function answerSurvey(
  db: Db,
  actor: Actor,
  raw: unknown,
  client: { ip: string | null } = { ip: null },
): Promise<Result<SurveyAnswered>> {
  const limited = await limitSurveyPost(db, client.ip);
  if (!limited.ok) return limited;
  return runUseCase(db, surveySchema, raw, async (tx, input) => {
    if (actor.role !== 'customer') fail('forbidden', 'Only the customer can answer the survey.');
    const ticket = await lockOwnTicket(tx, actor, input.number);
    const [survey] = await tx.select().from(surveys).where(eq(surveys.ticketId, ticket.id));
    if (!survey)
      fail(
        'unprocessable',
        `Request ${formatNumber(ticket.number)} has no survey yet: it is rated once it is resolved.`,
      );
    return recordSurveyAnswer(tx, { ticket, survey, answers: input, actorUserId: actor.userId });
  });
}

/**
 * The survey from its mailed link, signed out: the signed link is the permission. A tampered,
 * malformed or expired link — or one for a survey that no longer exists — stores nothing; a
 * second answer is a conflict. The events' actor is the customer's login if they have one.
 */
export async function answerSurveyByLink(
  db: Db,
  raw: unknown,
  client: { ip: string | null },
  now = new Date(),
): Promise<Result<SurveyAnswered>> {
  const limited = await limitSurveyPost(db, client.ip);
  if (!limited.ok) return limited;
  return runUseCase(db, surveyLinkSchema, raw, async (tx, input) => {
    const link = readSurveyLink(input.token, now);
    if (!link.ok) fail('not_found', link.reason === 'expired' ? SURVEY_LINK_EXPIRED : SURVEY_LINK_INVALID);
    const [found] = await tx
      .select({ ticketId: surveys.ticketId })
      .from(surveys)
      .where(eq(surveys.token, link.surveyToken));
    if (!found) fail('not_found', SURVEY_LINK_INVALID);
    // The request first, then its survey: the portal's path takes the same locks in the same order.
    const [ticket] = await tx.select(ticketColumns).from(tickets).where(eq(tickets.id, found.ticketId)).for('update');
    const [survey] = await tx.select().from(surveys).where(eq(surveys.token, link.surveyToken));
    if (!ticket || !survey) fail('not_found', SURVEY_LINK_INVALID);
    const [login] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.customerId, ticket.customerId), eq(users.active, true)));
    return recordSurveyAnswer(tx, { ticket, survey, answers: input, actorUserId: login?.id ?? null });
  });
}

/** Survey answers per network address (both forms): a script cannot hammer the link page. */
async function limitSurveyPost(db: Db, ip: string | null): Promise<Result<void>> {
  return attempt(() => enforce(db, [[LIMITS.surveyIp, ip]]));
}

/**
 * What an answer does, in one place. Only the questions the survey asks (/admin/settings) are
 * required (CSAT, NPS) and kept; "fixed?" is optional. Answered once (`answered_at`).
 * - "Not fixed" on a resolved request reopens it (the state machine's `reopen`, counted, a
 *   `reopened` event naming the survey) and tells the assignee (`not_fixed`); on a closed one
 *   (read-only) it opens a linked follow-up request, as a customer's message would. It is not
 *   the customer's confirmation.
 * - "Fixed", or the question left unanswered, counts as the confirmation (docs/design.md §2): a
 *   resolved request closes.
 * - A detractor's answer goes to the lead's follow-up queue (`flagDetractor`).
 */
export async function recordSurveyAnswer(
  tx: Db,
  input: { ticket: Ticket; survey: Survey; answers: Answers; actorUserId: string | null },
): Promise<SurveyAnswered> {
  const { ticket, survey, answers, actorUserId } = input;
  if (survey.answeredAt) fail('conflict', SURVEY_ALREADY_ANSWERED);
  if (ticket.status !== 'resolved' && ticket.status !== 'closed') {
    fail(
      'unprocessable',
      `Request ${formatNumber(ticket.number)} is being worked on again; you can rate it once it is resolved. Nothing was saved.`,
    );
  }

  const ask = (await getSettings(tx)).survey;
  const missing: Record<string, string[]> = {};
  if (ask.askCsat && answers.csat === undefined) missing.csat = [CSAT_REQUIRED];
  if (ask.askNps && answers.nps === undefined) missing.nps = [NPS_REQUIRED];
  if (Object.keys(missing).length > 0) fail('invalid', 'Please correct the highlighted fields.', missing);
  const csat = ask.askCsat ? (answers.csat ?? null) : null;
  const nps = ask.askNps ? (answers.nps ?? null) : null;
  const fixed = ask.askFixed ? (answers.fixed ?? null) : null;
  const comment = ask.askComment ? (answers.comment ?? null) : null;
  const notFixed = fixed === false;

  const now = new Date();
  const closing = notFixed ? null : transition(ticket, 'confirm');
  const [answered] = await tx
    .update(surveys)
    .set({
      csat,
      nps,
      fixed,
      comment,
      answeredAt: now,
      confirmed: notFixed ? false : closing?.ok || fixed === true ? true : survey.confirmed,
    })
    .where(eq(surveys.id, survey.id))
    .returning();
  if (!answered) throw new Error('survey update returned nothing');
  const answeredEvent = { type: 'survey_answered' as const, data: { csat, nps, fixed } };

  let outcome: SurveyOutcome;
  let follow: Pick<Ticket, 'id' | 'number'> = ticket;
  if (notFixed && ticket.status === 'resolved') {
    const next = nextState(ticket, 'reopen');
    await saveTicket(tx, ticket, { ...next, reopenCount: ticket.reopenCount + 1, resolvedAt: null });
    await appendEvents(tx, ticket, actorUserId, [
      answeredEvent,
      { type: 'reopened', from: ticket.stage, to: next.stage, data: { via: 'survey', surveyId: survey.id } },
      ...stateEvents(ticket, next),
    ]);
    outcome = 'reopened';
  } else if (notFixed) {
    await appendEvents(tx, ticket, actorUserId, [answeredEvent]);
    const opened = await writeCustomerMessage(
      tx,
      { customerId: ticket.customerId, userId: actorUserId, channel: 'web' },
      ticket,
      comment ?? `The survey of request ${formatNumber(ticket.number)} was answered: the problem is not fixed.`,
      { mustReopen: false, idempotencyKey: `survey:${survey.id}` },
    );
    follow = opened.ticket;
    outcome = 'follow_up';
  } else if (closing?.ok) {
    await saveTicket(tx, ticket, { ...closing.next, closedAt: now });
    await appendEvents(tx, ticket, actorUserId, [
      answeredEvent,
      { type: 'confirmed' },
      ...stateEvents(ticket, closing.next),
    ]);
    outcome = 'closed';
  } else {
    await appendEvents(tx, ticket, actorUserId, [answeredEvent]);
    outcome = 'recorded';
  }

  if (notFixed && ticket.assigneeId) {
    const [customer] = await tx
      .select({ name: customers.name })
      .from(customers)
      .where(eq(customers.id, ticket.customerId));
    await notifyPeople(tx, actorUserId, [
      {
        userId: ticket.assigneeId,
        ticketId: follow.id,
        kind: 'not_fixed',
        summary:
          outcome === 'reopened'
            ? `Not fixed, says ${customer?.name ?? 'the customer'} in the survey: reopened`
            : `Not fixed, says ${customer?.name ?? 'the customer'} in the survey of ${formatNumber(ticket.number)}: follow-up opened`,
      },
    ]);
  }
  await flagDetractor(tx, { ticketId: ticket.id, surveyId: survey.id, csat, nps, comment });
  return { survey: answered, number: ticket.number, outcome, followNumber: follow.number };
}
