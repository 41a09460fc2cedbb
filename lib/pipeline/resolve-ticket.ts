import type { Db } from '@/db/client';
import type { Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import type { Result } from '@/lib/core/result';
import { appendEvents, lockTicket, nextState, saveTicket, stateEvents } from '@/lib/tickets/store';
import { mailCustomer } from '@/lib/mail/ticket-mail';
import { resolutionMail } from '@/lib/mail/templates/resolution';
import { surveyAtResolution } from '@/lib/surveys/send-survey';
import { runUseCase } from '@/lib/core/run-use-case';
import { resolveSchema } from './schemas';

/**
 * Resolution → follow-up: records the summary and resolution time, and sends the customer the
 * satisfaction survey per the survey rules (one per ticket; a re-resolve after a reopen sends it
 * again while unanswered).
 */
export function resolveTicket(db: Db, actor: Actor, raw: unknown): Promise<Result<Ticket>> {
  return runUseCase(db, resolveSchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    const ticket = await lockTicket(tx, input.number, input.version);
    return resolveLocked(tx, actor, ticket, input.summary);
  });
}

/** A problem's resolution of a linked request (lib/problems): named in the event and the mail. */
export interface ResolvingProblem {
  id: string;
  cern: string;
  title: string;
}

/**
 * The resolution itself, inside a caller's transaction on a locked ticket ("send and resolve" uses
 * it too; a problem's resolution passes `problem`, which resolves from any working stage).
 */
export async function resolveLocked(
  tx: Db,
  actor: Actor,
  ticket: Ticket,
  summary: string,
  problem?: ResolvingProblem,
): Promise<Ticket> {
  const next = nextState(ticket, problem ? 'resolve_with_problem' : 'resolve');
  const now = new Date();
  const updated = await saveTicket(tx, ticket, { ...next, resolvedAt: now, resolutionSummary: summary });
  await appendEvents(tx, ticket, actor.userId, [
    {
      type: 'resolved',
      from: ticket.stage,
      to: next.stage,
      data: problem ? { summary, problem: problem.cern, problemId: problem.id } : { summary },
    },
    ...stateEvents(ticket, next),
  ]);
  // The survey rules (/admin/settings) decide whether, when and how the survey goes out.
  const survey = await surveyAtResolution(tx, updated, { now, actorUserId: actor.userId });
  await mailCustomer(tx, ticket, 'resolution', (base, settings) =>
    resolutionMail({ ...base, summary, followUpDays: settings.followUpDays, survey, problemTitle: problem?.title }),
  );
  return updated;
}
