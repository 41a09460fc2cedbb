import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { messages, teams, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { fail, type Result } from '@/lib/core/result';
import { appendEvents, lockTicket, nextState, saveTicket, stateEvents } from '@/lib/tickets/store';
import { runUseCase } from '@/lib/core/run-use-case';
import { escalateSchema } from './schemas';

/** Hands the request to another team with a reason; it goes back to that team's queue unassigned. */
export function escalateTicket(db: Db, actor: Actor, raw: unknown): Promise<Result<Ticket>> {
  return runUseCase(db, escalateSchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    const ticket = await lockTicket(tx, input.number, input.version);
    const next = nextState(ticket, 'escalate');
    const [team] = await tx.select().from(teams).where(eq(teams.id, input.teamId));
    if (!team) fail('invalid', 'Choose the team to escalate to.', { teamId: ['Choose the team to escalate to.'] });
    if (team.id === ticket.teamId)
      fail('invalid', 'The request is already with that team.', { teamId: ['The request is already with that team.'] });

    const updated = await saveTicket(tx, ticket, { ...next, teamId: team.id, assigneeId: null }, actor.userId);
    await tx.insert(messages).values({
      ticketId: ticket.id,
      authorKind: 'agent',
      authorUserId: actor.userId,
      body: `Escalated to ${team.name}: ${input.reason}`,
      visibility: 'internal',
      channel: 'web',
    });
    await appendEvents(tx, ticket, actor.userId, [
      { type: 'escalated', from: ticket.teamId, to: team.id, data: { reason: input.reason, team: team.name } },
      ...stateEvents(ticket, next),
    ]);
    return updated;
  });
}
