import type { Db } from '@/db/client';
import type { Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import type { Result } from '@/lib/core/result';
import { appendEvents, lockTicket, nextState, saveTicket, stateEvents } from '@/lib/tickets/store';
import { runUseCase } from '@/lib/core/run-use-case';
import { waitSchema } from './schemas';

const ACTION = { pending: 'wait_on_customer', on_hold: 'hold', open: 'resume' } as const;

/** Pending (waiting on the customer, SLA clock paused), on hold (third party), or back to open. */
export function setWaiting(db: Db, actor: Actor, raw: unknown): Promise<Result<Ticket>> {
  return runUseCase(db, waitSchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    const ticket = await lockTicket(tx, input.number, input.version);
    const next = nextState(ticket, ACTION[input.status]);
    const updated = await saveTicket(tx, ticket, next);
    await appendEvents(tx, ticket, actor.userId, stateEvents(ticket, next));
    return updated;
  });
}
