import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { followUps, rootCauses, surveys, tickets, type FollowUp, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { notifyPeople } from '@/lib/notifications/notify';
import {
  appendEvents,
  formatNumber,
  lockTicket,
  nextState,
  saveTicket,
  stateEvents,
  type EventInput,
} from '@/lib/tickets/store';
import { surveyAtClosure } from '@/lib/surveys/send-survey';
import { STATUS_LABELS } from '@/lib/tickets/transitions';
import { canSeeFollowUp, FOLLOW_UP_NOT_FOUND, followUpScope } from './access';
import { MAX_CALL_ATTEMPTS, NEEDS_ROOT_CAUSE, OUTCOME_LABELS, OUTCOMES } from './outcomes';
import { recordOutcomeSchema } from './schemas';

export interface RecordedOutcome {
  followUp: FollowUp;
  /** The request as it is now (closed by "confirmed fixed", reopened by "reopened"). */
  ticket: Ticket;
}

function fieldError(field: string, message: string): never {
  fail('invalid', message, { [field]: [message] });
}

/**
 * Records what came of a follow-up, as a `follow_up_recorded` event on the request.
 * - Detractor (leads of the team, admins): recovered / called back need a root cause from the
 *   active list; not reachable may have one. The follow-up is done.
 * - Call (any staff): "confirmed fixed" closes a resolved request the way the customer's own
 *   confirmation does (`confirm`); "reopened" sends it back to resolution the way the customer's
 *   "not fixed" does (`reopen`, counted as a reopen, the assignee told); "no answer" keeps the call
 *   open for another try, and closes it at the MAX_CALL_ATTEMPTS-th try.
 * A follow-up already done is a conflict (two leads, one call back): nothing is written twice.
 */
export function recordFollowUpOutcome(db: Db, actor: Actor, raw: unknown): Promise<Result<RecordedOutcome>> {
  return runUseCase(db, recordOutcomeSchema, raw, async (tx, input) => {
    const [row] = await tx.select().from(followUps).where(eq(followUps.id, input.id)).for('update');
    if (!row) fail('not_found', FOLLOW_UP_NOT_FOUND);
    await followUpScope(tx, actor, row.kind); // forbidden for the wrong role, not_found for customers
    if (!(await canSeeFollowUp(tx, actor, row))) fail('not_found', FOLLOW_UP_NOT_FOUND);
    if (row.status === 'done')
      fail('conflict', `This follow-up was already recorded: ${OUTCOME_LABELS[row.outcome!].toLowerCase()}.`);
    if (!OUTCOMES[row.kind].includes(input.outcome))
      fieldError('outcome', `Choose one of: ${OUTCOMES[row.kind].map((o) => OUTCOME_LABELS[o]).join(', ')}.`);

    let rootCause: { id: string; name: string } | null = null;
    if (row.kind === 'detractor') {
      if (input.rootCauseId) {
        const [cause] = await tx.select().from(rootCauses).where(eq(rootCauses.id, input.rootCauseId));
        if (!cause) fieldError('rootCauseId', 'Choose a root cause from the list.');
        if (cause.retiredAt) fieldError('rootCauseId', `“${cause.name}” is retired; choose another root cause.`);
        rootCause = { id: cause.id, name: cause.name };
      } else if (NEEDS_ROOT_CAUSE.includes(input.outcome)) {
        fieldError('rootCauseId', 'Choose a root cause: why was the customer unhappy?');
      }
    }

    const [ref] = await tx.select({ number: tickets.number }).from(tickets).where(eq(tickets.id, row.ticketId));
    if (!ref) throw new Error('follow-up without its request');
    let ticket = await lockTicket(tx, ref.number);
    const now = new Date();
    const events: EventInput[] = [];
    const attempt = input.outcome === 'no_answer' ? row.attempts + 1 : row.attempts;
    const done = input.outcome !== 'no_answer' || attempt >= MAX_CALL_ATTEMPTS;

    if (input.outcome === 'confirmed_fixed') {
      if (ticket.status === 'resolved') {
        const before = ticket;
        const next = nextState(ticket, 'confirm');
        ticket = await saveTicket(tx, ticket, { ...next, closedAt: now }, actor.userId);
        await tx.update(surveys).set({ confirmed: true }).where(eq(surveys.ticketId, ticket.id));
        events.push({ type: 'confirmed', data: { via: 'follow_up_call' } }, ...stateEvents(before, next));
        // A way of closing like the customer's confirmation: the "after closure" survey rule applies.
        await surveyAtClosure(tx, [ticket], now);
      } else if (ticket.status !== 'closed') {
        fail(
          'unprocessable',
          `Request ${formatNumber(ticket.number)} is ${STATUS_LABELS[ticket.status].toLowerCase()} again: it is being worked on, so it cannot be confirmed fixed now. Record "reopened" or close this call once it is resolved.`,
        );
      }
    }
    if (input.outcome === 'reopened') {
      if (ticket.status === 'closed')
        fail(
          'unprocessable',
          `Request ${formatNumber(ticket.number)} is closed and cannot be reopened: log the customer's call as a new contact, which opens a new request.`,
        );
      if (ticket.status === 'resolved') {
        const before = ticket;
        const next = nextState(ticket, 'reopen');
        ticket = await saveTicket(
          tx,
          ticket,
          { ...next, reopenCount: ticket.reopenCount + 1, resolvedAt: null },
          actor.userId,
        );
        events.push(
          { type: 'reopened', from: before.stage, to: next.stage, data: { via: 'follow_up_call' } },
          ...stateEvents(before, next),
        );
        if (ticket.assigneeId)
          await notifyPeople(tx, actor.userId, [
            {
              userId: ticket.assigneeId,
              ticketId: ticket.id,
              kind: 'not_fixed',
              summary: `Reopened after a follow-up call by ${actor.name}: not fixed`,
            },
          ]);
      }
    }

    const [saved] = await tx
      .update(followUps)
      .set({
        attempts: attempt,
        ...(input.outcome === 'no_answer' ? { lastAttemptAt: now } : {}),
        ...(done
          ? {
              status: 'done' as const,
              outcome: input.outcome,
              rootCauseId: rootCause?.id ?? null,
              note: input.note ?? null,
              doneAt: now,
              doneBy: actor.userId,
            }
          : input.note
            ? { note: input.note }
            : {}),
      })
      .where(eq(followUps.id, row.id))
      .returning();
    if (!saved) throw new Error('follow-up update returned nothing');
    events.unshift({
      type: 'follow_up_recorded',
      to: input.outcome,
      data: {
        followUpId: row.id,
        kind: row.kind,
        outcome: input.outcome,
        ...(rootCause ? { rootCause: rootCause.name } : {}),
        ...(row.kind === 'call' ? { attempt, open: !done, note: input.note ?? null } : {}),
      },
    });
    await appendEvents(tx, ticket, actor.userId, events);
    return { followUp: saved, ticket };
  });
}
