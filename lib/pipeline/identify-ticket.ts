import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { categories, teamMembers, teams, users, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { priorityFor, type Priority, type Severity } from '@/lib/priority/priority';
import { fail, type Result } from '@/lib/core/result';
import { slaDueTimes } from '@/lib/sla/targets';
import { appendEvents, lockTicket, nextState, saveTicket, stateEvents, type EventInput } from '@/lib/tickets/store';
import { runUseCase } from '@/lib/core/run-use-case';
import { identifySchema } from './schemas';

/**
 * Identification: category, severity and impact give the priority (matrix, or an override with
 * a logged reason); the team defaults from the category; an assignee may be set. The ticket
 * then moves on to resolution.
 */
export function identifyTicket(db: Db, actor: Actor, raw: unknown): Promise<Result<Ticket>> {
  return runUseCase(db, identifySchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    const ticket = await lockTicket(tx, input.number, input.version);
    const next = nextState(ticket, 'identify');

    const [category] = await tx.select().from(categories).where(eq(categories.id, input.categoryId));
    if (!category) fail('invalid', 'Choose a category.', { categoryId: ['Choose a category.'] });
    const teamId = input.teamId ?? category.defaultTeamId;
    if (!teamId) fail('invalid', 'Choose the team that owns this request.', { teamId: ['Choose the team that owns this request.'] });
    const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId));
    if (!team) fail('invalid', 'Choose a valid team.', { teamId: ['Choose a valid team.'] });

    // Empty choice = unassigned; no choice at all = keep. A kept assignee must still be in the team.
    const assigneeId = input.assigneeId === undefined ? ticket.assigneeId : input.assigneeId;
    if (assigneeId && (assigneeId !== ticket.assigneeId || teamId !== ticket.teamId)) {
      const [member] = await tx
        .select({ id: users.id })
        .from(users)
        .innerJoin(teamMembers, and(eq(teamMembers.userId, users.id), eq(teamMembers.teamId, teamId)))
        .where(and(eq(users.id, assigneeId), eq(users.active, true)));
      if (!member) fail('invalid', 'The assignee must be an active member of the owning team.', { assigneeId: ['Choose a member of the owning team.'] });
    }

    const matrixPriority = priorityFor(input.severity as Severity, input.impact);
    const priority: Priority = (input.priorityOverride as Priority | undefined) ?? matrixPriority;
    const overridden = priority !== matrixPriority;

    const updated = await saveTicket(tx, ticket, {
      ...next,
      categoryId: category.id,
      severity: input.severity,
      impact: input.impact,
      priority,
      priorityOverrideReason: overridden ? (input.overrideReason ?? null) : null,
      teamId,
      assigneeId: assigneeId ?? null,
      ...slaDueTimes(ticket.createdAt, priority, ticket.slaPausedMs),
    });

    const events: EventInput[] = [
      {
        type: 'identified',
        from: ticket.stage,
        to: next.stage,
        data: { category: category.name, severity: input.severity, impact: input.impact, priority, matrixPriority },
      },
    ];
    if (overridden) events.push({ type: 'priority_overridden', from: String(matrixPriority), to: String(priority), data: { reason: input.overrideReason } });
    if ((assigneeId ?? null) !== ticket.assigneeId) events.push({ type: 'assigned', from: ticket.assigneeId, to: assigneeId ?? null });
    if (teamId !== ticket.teamId) events.push({ type: 'assigned', from: ticket.teamId, to: teamId, data: { field: 'team' } });
    await appendEvents(tx, ticket, actor.userId, [...events, ...stateEvents(ticket, next)]);
    return updated;
  });
}
