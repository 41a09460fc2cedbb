import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { followUps, teams, tickets, users } from '@/db/schema';
import { DETRACTOR_MAX_NPS } from '@/lib/metrics/definitions';
import { notifyPeople } from '@/lib/notifications/notify';

/** A survey answer that needs a call back: CSAT 1–2, or an NPS detractor as the dashboard counts them (0–6, DESIGN §4). */
export function isDetractor(answer: { csat: number | null; nps: number | null }): boolean {
  return (answer.csat !== null && answer.csat <= 2) || (answer.nps !== null && answer.nps <= DETRACTOR_MAX_NPS);
}

export interface SurveyAnswerFacts {
  ticketId: string;
  surveyId: string;
  csat: number | null;
  nps: number | null;
  comment: string | null;
}

const score = (label: string, value: number | null, of: number) => (value === null ? null : `${label} ${value}/${of}`);

/** The bell's words for a new detractor, written once. */
export function detractorSummary(answer: Pick<SurveyAnswerFacts, 'csat' | 'nps'>): string {
  const scores = [score('CSAT', answer.csat, 5), score('NPS', answer.nps, 10)].filter(Boolean).join(', ');
  return `Unhappy customer to call back (${scores})`;
}

/**
 * Called by every path that stores a survey answer, inside its transaction: a detractor's answer
 * puts the request in the team lead's follow-up queue with the comment, and tells that lead (or,
 * when the team has no lead, every active lead). One follow-up per survey: calling it again for
 * the same survey does nothing, so a retried path cannot queue or notify twice.
 */
export async function flagDetractor(tx: Db, answer: SurveyAnswerFacts): Promise<void> {
  if (!isDetractor(answer)) return;
  const [ticket] = await tx
    .select({ id: tickets.id, teamId: tickets.teamId, leadId: teams.leadId })
    .from(tickets)
    .leftJoin(teams, eq(teams.id, tickets.teamId))
    .where(eq(tickets.id, answer.ticketId));
  if (!ticket) return;
  const [created] = await tx
    .insert(followUps)
    .values({
      kind: 'detractor',
      ticketId: ticket.id,
      surveyId: answer.surveyId,
      teamId: ticket.teamId,
      ownerId: ticket.leadId,
      csat: answer.csat,
      nps: answer.nps,
      comment: answer.comment,
    })
    .onConflictDoNothing({ target: followUps.surveyId })
    .returning({ id: followUps.id });
  if (!created) return;

  const leads = ticket.leadId
    ? [ticket.leadId]
    : (
        await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.role, 'lead'), eq(users.active, true)))
      ).map((u) => u.id);
  const summary = detractorSummary(answer);
  await notifyPeople(
    tx,
    null,
    leads.map((userId) => ({ userId, ticketId: ticket.id, kind: 'detractor' as const, summary })),
  );
}
