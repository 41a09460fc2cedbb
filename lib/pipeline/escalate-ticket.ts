import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { messages, teams, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { fail, type Result } from '@/lib/core/result';
import { appendEvents, lockTicket, nextState, saveTicket, stateEvents, type EventInput } from '@/lib/tickets/store';
import { runUseCase } from '@/lib/core/run-use-case';
import { escalateSchema } from './schemas';

/** Hands the request to another team with a reason; it goes back to that team's queue unassigned. */
export function escalateTicket(db: Db, actor: Actor, raw: unknown): Promise<Result<Ticket>> {
  return runUseCase(db, escalateSchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    const ticket = await lockTicket(tx, input.number, input.version);
    const [team] = await tx.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, input.teamId));
    if (!team) fail('invalid', 'Choose the team to escalate to.', { teamId: ['Choose the team to escalate to.'] });
    return escalateLocked(tx, ticket, team, input.reason, actor.userId);
  });
}

/**
 * The one way a request changes hands by escalation, manual (an agent, above) or automatic (an SLA
 * breach, lib/sla/watch.ts; `actorUserId` null): the state machine allows it, the team is another
 * one, the request goes to that team's queue unassigned, an internal note and an `escalated` event
 * keep the reason. The caller holds the request's row lock.
 */
export async function escalateLocked(
  tx: Db,
  ticket: Ticket,
  team: { id: string; name: string },
  reason: string,
  actorUserId: string | null,
  data: Record<string, unknown> = {},
  at: Date = new Date(),
): Promise<Ticket> {
  const next = nextState(ticket, 'escalate');
  if (team.id === ticket.teamId)
    fail('invalid', 'The request is already with that team.', { teamId: ['The request is already with that team.'] });
  const updated = await saveTicket(tx, ticket, { ...next, teamId: team.id, assigneeId: null }, actorUserId, at);
  await tx.insert(messages).values({
    ticketId: ticket.id,
    authorKind: actorUserId ? 'agent' : 'system',
    authorUserId: actorUserId,
    body: `Escalated to ${team.name}: ${reason}`,
    visibility: 'internal',
    channel: 'web',
    createdAt: at,
  });
  await appendEvents(
    tx,
    ticket,
    actorUserId,
    (
      [
        { type: 'escalated', from: ticket.teamId, to: team.id, data: { ...data, reason, team: team.name } },
        ...stateEvents(ticket, next),
      ] satisfies EventInput[]
    ).map((e) => ({ ...e, at })),
  );
  return updated;
}
