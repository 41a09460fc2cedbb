import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { surveys, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { fail, type Result } from '@/lib/core/result';
import { appendEvents, lockOwnTicket, nextState, saveTicket, stateEvents } from '@/lib/tickets/store';
import { runUseCase } from '@/lib/core/run-use-case';
import { surveyAtClosure } from '@/lib/surveys/send-survey';
import { confirmSchema } from './schemas';

/** Follow-up: the customer confirms the fix, which closes the request. */
export function confirmResolution(db: Db, actor: Actor, raw: unknown): Promise<Result<Ticket>> {
  return runUseCase(db, confirmSchema, raw, async (tx, input) => {
    if (actor.role !== 'customer') fail('forbidden', 'Only the customer can confirm the fix.');
    const ticket = await lockOwnTicket(tx, actor, input.number);
    return confirmLockedResolution(tx, ticket, actor.userId);
  });
}

/** The rule, on a request the caller locked and proved is the customer's (portal login or guest link). */
export async function confirmLockedResolution(tx: Db, ticket: Ticket, actorUserId: string | null): Promise<Ticket> {
  const next = nextState(ticket, 'confirm');
  const updated = await saveTicket(tx, ticket, { ...next, closedAt: new Date() });
  await tx.update(surveys).set({ confirmed: true }).where(eq(surveys.ticketId, ticket.id));
  await appendEvents(tx, ticket, actorUserId, [{ type: 'confirmed' }, ...stateEvents(ticket, next)]);
  await surveyAtClosure(tx, [updated]);
  return updated;
}
