import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { surveys, type Survey } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { fail, type Result } from '@/lib/core/result';
import { appendEvents, formatNumber, lockOwnTicket, saveTicket, stateEvents } from '@/lib/tickets/store';
import { transition } from '@/lib/tickets/transitions';
import { runUseCase } from '@/lib/core/run-use-case';
import { getSettings } from '@/lib/settings/settings';
import { flagDetractor } from '@/lib/follow-up/detractor';
import { CSAT_REQUIRED, NPS_REQUIRED, surveySchema } from './schemas';

/**
 * The satisfaction survey: CSAT 1–5, NPS 0–10 and a comment, answered once. Answering it
 * counts as the customer's confirmation (docs/design.md §2), so a resolved request closes.
 */
export function answerSurvey(db: Db, actor: Actor, raw: unknown): Promise<Result<Survey>> {
  return runUseCase(db, surveySchema, raw, async (tx, input) => {
    if (actor.role !== 'customer') fail('forbidden', 'Only the customer can answer the survey.');
    const ticket = await lockOwnTicket(tx, actor, input.number);
    const [survey] = await tx.select().from(surveys).where(eq(surveys.ticketId, ticket.id));
    if (!survey)
      fail(
        'unprocessable',
        `Request ${formatNumber(ticket.number)} has no survey yet: it is rated once it is resolved.`,
      );
    if (survey.answeredAt) fail('conflict', 'You have already rated this request. Thank you!');
    if (ticket.status !== 'resolved' && ticket.status !== 'closed') {
      fail(
        'unprocessable',
        `Request ${formatNumber(ticket.number)} is being worked on again; you can rate it once it is resolved.`,
      );
    }

    // Only the questions the survey asks (/admin/settings) are required, and only they are kept.
    const ask = (await getSettings(tx)).survey;
    const missing: Record<string, string[]> = {};
    if (ask.askCsat && input.csat === undefined) missing.csat = [CSAT_REQUIRED];
    if (ask.askNps && input.nps === undefined) missing.nps = [NPS_REQUIRED];
    if (Object.keys(missing).length > 0) fail('invalid', 'Please correct the highlighted fields.', missing);
    const csat = ask.askCsat ? (input.csat ?? null) : null;
    const nps = ask.askNps ? (input.nps ?? null) : null;

    const now = new Date();
    const closing = transition(ticket, 'confirm');
    const [answered] = await tx
      .update(surveys)
      .set({
        csat,
        nps,
        comment: ask.askComment ? (input.comment ?? null) : null,
        answeredAt: now,
        confirmed: closing.ok ? true : survey.confirmed,
      })
      .where(eq(surveys.id, survey.id))
      .returning();
    if (!answered) throw new Error('survey update returned nothing');
    await flagDetractor(tx, { ticketId: ticket.id, surveyId: survey.id, csat, nps, comment: answered.comment });
    if (closing.ok) await saveTicket(tx, ticket, { ...closing.next, closedAt: now });
    await appendEvents(tx, ticket, actor.userId, [
      { type: 'survey_answered', data: { csat, nps } },
      ...(closing.ok ? [{ type: 'confirmed' as const }, ...stateEvents(ticket, closing.next)] : []),
    ]);
    return answered;
  });
}
