import { z } from 'zod';
import type { Db } from '@/db/client';
import type { Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import type { Result } from '@/lib/core/result';
import { appendEvents, lockTicket, nextState, saveTicket, stateEvents } from '@/lib/tickets/store';
import { runUseCase } from '@/lib/core/run-use-case';
import { ticketNumber, version } from '@/lib/core/fields';

const takeSchema = z.object({ number: ticketNumber, version });

/** An agent takes a new request: it is assigned to them and enters identification. */
export function takeTicket(db: Db, actor: Actor, raw: unknown): Promise<Result<Ticket>> {
  return runUseCase(db, takeSchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    const ticket = await lockTicket(tx, input.number, input.version);
    // Taking a request already past inquiry only assigns it; a resolved or closed one is refused.
    const next = ticket.stage === 'inquiry' ? nextState(ticket, 'open') : nextState(ticket, 'escalate');
    const updated = await saveTicket(tx, ticket, { ...next, assigneeId: actor.userId });
    await appendEvents(tx, ticket, actor.userId, [
      ...(ticket.stage === 'inquiry' ? [{ type: 'opened' as const, from: 'inquiry', to: 'identification' }] : []),
      ...(ticket.assigneeId === actor.userId
        ? []
        : [{ type: 'assigned' as const, from: ticket.assigneeId, to: actor.userId }]),
      ...stateEvents(ticket, next),
    ]);
    return updated;
  });
}
