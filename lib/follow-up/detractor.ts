import type { Db } from '@/db/client';

/** A survey answer that needs a call back: CSAT 1–2 or NPS 0–6 (DESIGN §4's detractors). */
export function isDetractor(answer: { csat: number | null; nps: number | null }): boolean {
  return (answer.csat !== null && answer.csat <= 2) || (answer.nps !== null && answer.nps <= 6);
}

export interface SurveyAnswerFacts {
  ticketId: string;
  surveyId: string;
  csat: number | null;
  nps: number | null;
  comment: string | null;
}

/**
 * Called by every path that stores a survey answer, inside its transaction: a detractor's answer
 * puts the request in the team lead's follow-up queue. (Foundation stub: the follow-up queue
 * lands with its own schema; until then it does nothing.)
 */
export async function flagDetractor(_tx: Db, answer: SurveyAnswerFacts): Promise<void> {
  if (!isDetractor(answer)) return;
}
