import { and, eq, gt, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { surveys, ticketColumns, tickets } from '@/db/schema';
import { surveyMail } from '@/lib/mail/templates/survey';
import { mailCustomer } from '@/lib/mail/ticket-mail';
import { getSettings } from '@/lib/settings/settings';
import { appendEvents } from '@/lib/tickets/store';
import { SURVEY_LINK_DAYS, surveyLinkPath } from './survey-link';

const DAY_MS = 86_400_000;
/**
 * A survey is reminded in the two days after it became due, never later: a job that was down
 * catches up, but turning reminders on does not mail every old unanswered survey at once.
 */
export const REMINDER_CATCH_UP_DAYS = 2;

/**
 * The one reminder (survey rules: `reminderDays` after sending, 0 = none): unanswered surveys of
 * requests still resolved or closed get a mail with a fresh link (30 days again; the first link
 * keeps working too) and `survey_reminded`. `reminder_sent_at` makes it once: rows (the survey and
 * its request) are taken `for update skip locked`, so two schedulers never remind the same survey
 * twice, and a request locked by an answer in progress is skipped rather than waited for.
 */
export async function remindSurveys(db: Db, options: { now?: Date; batch?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const batch = options.batch ?? 200;
  const { survey: rules } = await getSettings(db);
  if (!rules.enabled || rules.reminderDays === 0) return 0;
  const dueBy = new Date(now.getTime() - rules.reminderDays * DAY_MS);
  const notBefore = new Date(dueBy.getTime() - REMINDER_CATCH_UP_DAYS * DAY_MS);
  let total = 0;
  for (;;) {
    const reminded = await db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      const due = await tx
        .select({ survey: { id: surveys.id, token: surveys.token }, ticket: ticketColumns })
        .from(surveys)
        .innerJoin(tickets, eq(tickets.id, surveys.ticketId))
        .where(
          and(
            isNull(surveys.answeredAt),
            isNull(surveys.reminderSentAt),
            isNotNull(surveys.sentAt),
            lte(surveys.sentAt, dueBy),
            gt(surveys.sentAt, notBefore),
            inArray(tickets.status, ['resolved', 'closed']),
          ),
        )
        .limit(batch)
        // The request too, in the order every answer path takes (request, then survey): a survey
        // whose request is being answered or changed right now is left for the next run, never
        // waited for while holding the survey (that wait was a deadlock with answerSurvey).
        .for('update', { of: [tickets, surveys], skipLocked: true });
      for (const { survey, ticket } of due) {
        await tx.update(surveys).set({ reminderSentAt: now }).where(eq(surveys.id, survey.id));
        const linkPath = surveyLinkPath(survey.token, now);
        await mailCustomer(tx, ticket, 'survey_reminder', (base) =>
          surveyMail({ ...base, linkPath, reminder: true, linkDays: SURVEY_LINK_DAYS, askFixed: rules.askFixed }),
        );
        await appendEvents(tx, ticket, null, [{ type: 'survey_reminded' }]);
      }
      return due.length;
    });
    total += reminded;
    if (reminded < batch) return total;
  }
}

/** The scheduled `surveys.remind` job (hourly). */
export async function remindSurveysJob(db: Db): Promise<{ reminded: number }> {
  return { reminded: await remindSurveys(db) };
}
