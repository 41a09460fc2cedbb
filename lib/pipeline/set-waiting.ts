import type { Db } from '@/db/client';
import type { Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import type { Result } from '@/lib/core/result';
import { appendEvents, lockTicket, nextState, saveTicket, stateEvents } from '@/lib/tickets/store';
import { runUseCase } from '@/lib/core/run-use-case';
import { waitSchema } from './schemas';

/** Which state-machine action each waiting status asks for. */
export const WAIT_ACTIONS = { pending: 'wait_on_customer', on_hold: 'hold', open: 'resume' } as const;
export type WaitStatus = keyof typeof WAIT_ACTIONS;

/** Pending (waiting on the customer, SLA clock paused), on hold (third party), or back to open. */
export function setWaiting(db: Db, actor: Actor, raw: unknown): Promise<Result<Ticket>> {
  return runUseCase(db, waitSchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    const ticket = await lockTicket(tx, input.number, input.version);
    return setWaitingLocked(tx, actor, ticket, input.status);
  });
}

/** The status change itself, inside a caller's transaction on a locked ticket. */
export async function setWaitingLocked(tx: Db, actor: Actor, ticket: Ticket, status: WaitStatus): Promise<Ticket> {
  const next = nextState(ticket, WAIT_ACTIONS[status]);
  const updated = await saveTicket(tx, ticket, next);
  await appendEvents(tx, ticket, actor.userId, stateEvents(ticket, next));
  return updated;
}
