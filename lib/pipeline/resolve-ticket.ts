import { randomBytes } from 'node:crypto';
import { eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, surveys, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import type { Result } from '@/lib/core/result';
import { appendEvents, formatNumber, lockTicket, nextState, saveTicket, stateEvents } from '@/lib/tickets/store';
import { mailCustomer } from '@/lib/mail/ticket-mail';
import { resolutionMail } from '@/lib/mail/templates/resolution';
import { getSettings } from '@/lib/settings/settings';
import { runUseCase } from '@/lib/core/run-use-case';
import { resolveSchema } from './schemas';

/**
 * Resolution → follow-up: records the summary and resolution time, and sends the customer the
 * satisfaction survey (one per ticket; a re-resolve after a reopen sends it again, unanswered).
 */
export function resolveTicket(db: Db, actor: Actor, raw: unknown): Promise<Result<Ticket>> {
  return runUseCase(db, resolveSchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    const ticket = await lockTicket(tx, input.number, input.version);
    return resolveLocked(tx, actor, ticket, input.summary);
  });
}

/** The resolution itself, inside a caller's transaction on a locked ticket ("send and resolve" uses it too). */
export async function resolveLocked(tx: Db, actor: Actor, ticket: Ticket, summary: string): Promise<Ticket> {
  const next = nextState(ticket, 'resolve');
  const now = new Date();
  const updated = await saveTicket(tx, ticket, { ...next, resolvedAt: now, resolutionSummary: summary });

  // The survey goes out only while an admin has it on (/admin/settings).
  const surveyOn = (await getSettings(tx)).survey.enabled;
  if (surveyOn) {
    const token = randomBytes(24).toString('base64url');
    await tx
      .insert(surveys)
      .values({ ticketId: ticket.id, token, sentAt: now })
      // Resent after a reopen while unanswered; an answer once given is never wiped.
      .onConflictDoUpdate({
        target: surveys.ticketId,
        set: { token, sentAt: now, confirmed: null },
        setWhere: isNull(surveys.answeredAt),
      });
  }

  await appendEvents(tx, ticket, actor.userId, [
    { type: 'resolved', from: ticket.stage, to: next.stage, data: { summary } },
    ...stateEvents(ticket, next),
    ...(surveyOn ? [{ type: 'survey_sent' as const }] : []),
  ]);
  await mailCustomer(tx, ticket, 'resolution', (base, settings) =>
    resolutionMail({ ...base, summary, followUpDays: settings.followUpDays, survey: surveyOn }),
  );
  return updated;
}
