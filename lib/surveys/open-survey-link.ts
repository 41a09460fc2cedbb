import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { surveys, tickets } from '@/db/schema';
import { getSettings, type Settings } from '@/lib/settings/settings';
import { readSurveyLink } from './survey-link';

export type SurveyQuestions = Pick<Settings['survey'], 'askCsat' | 'askNps' | 'askFixed' | 'askComment'>;

/** What the survey link's page shows: the form, or why there is none. */
export type SurveyLinkView =
  | { state: 'open'; number: number; subject: string; questions: SurveyQuestions }
  | { state: 'answered'; number: number }
  | { state: 'reopened'; number: number }
  | { state: 'expired' }
  | { state: 'invalid' };

/**
 * Opening the link (GET) only reads: mail scanners open links too, so nothing changes until the
 * form is posted (`answerSurveyByLink`, which checks everything again).
 */
export async function openSurveyLink(db: Db, link: string, now = new Date()): Promise<SurveyLinkView> {
  const verdict = readSurveyLink(link, now);
  if (!verdict.ok) return { state: verdict.reason === 'expired' ? 'expired' : 'invalid' };
  const [row] = await db
    .select({
      answeredAt: surveys.answeredAt,
      number: tickets.number,
      subject: tickets.subject,
      status: tickets.status,
    })
    .from(surveys)
    .innerJoin(tickets, eq(tickets.id, surveys.ticketId))
    .where(eq(surveys.token, verdict.surveyToken));
  if (!row) return { state: 'invalid' };
  if (row.answeredAt) return { state: 'answered', number: row.number };
  if (row.status !== 'resolved' && row.status !== 'closed') return { state: 'reopened', number: row.number };
  const { askCsat, askNps, askFixed, askComment } = (await getSettings(db)).survey;
  return {
    state: 'open',
    number: row.number,
    subject: row.subject,
    questions: { askCsat, askNps, askFixed, askComment },
  };
}
