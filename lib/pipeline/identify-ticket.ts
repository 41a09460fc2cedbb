import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { teams, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { priorityFor, type Priority, type Severity } from '@/lib/priority/priority';
import { fail, type Result } from '@/lib/core/result';
import { appendEvents, lockTicket, nextState, saveTicket, stateEvents, type EventInput } from '@/lib/tickets/store';
import { categoryForUse } from '@/lib/tickets/categories';
import { runUseCase } from '@/lib/core/run-use-case';
import { applyRules } from '@/lib/routing/rules';
import { identifySchema } from './schemas';

/**
 * Identification: category, severity and impact give the priority (matrix, or an override with
 * a logged reason), and with it the SLA due times (the save path); the team defaults from the
 * category; the assignee is kept unless changed. The ticket then moves on to resolution.
 */
export function identifyTicket(db: Db, actor: Actor, raw: unknown): Promise<Result<Ticket>> {
  return runUseCase(db, identifySchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    const ticket = await lockTicket(tx, input.number, input.version);
    // Routing rules for updates follow the identification (lib/routing/rules.ts).
    return applyRules(tx, await identifyLocked(tx, actor, ticket, input), 'updated');
  });
}

/** What identification sets (the validated form without the request's number and version). */
export type Identification = Omit<z.output<typeof identifySchema>, 'number' | 'version'>;

/** The identification itself, inside a caller's transaction on a locked ticket (the properties panel uses it too). */
export async function identifyLocked(tx: Db, actor: Actor, ticket: Ticket, input: Identification): Promise<Ticket> {
  const next = nextState(ticket, 'identify');

  // Keeping a category that was retired since is not a change; choosing one is refused.
  const category = await categoryForUse(tx, input.categoryId, { current: ticket.categoryId });
  const teamId = input.teamId ?? category.defaultTeamId;
  if (!teamId)
    fail('invalid', 'Choose the team that owns this request.', { teamId: ['Choose the team that owns this request.'] });
  const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId));
  if (!team) fail('invalid', 'Choose a valid team.', { teamId: ['Choose a valid team.'] });

  // Absent = keep the current assignee; '' (null) = unassign; a uuid = assign. The save path
  // refuses an assignee (kept or chosen) outside the owning team with a field error naming both.
  const assigneeId = input.assigneeId === undefined ? ticket.assigneeId : input.assigneeId;

  const matrixPriority = priorityFor(input.severity as Severity, input.impact);
  const priority: Priority = (input.priorityOverride as Priority | undefined) ?? matrixPriority;
  const overridden = priority !== matrixPriority;

  const updated = await saveTicket(
    tx,
    ticket,
    {
      ...next,
      categoryId: category.id,
      severity: input.severity,
      impact: input.impact,
      priority,
      priorityOverrideReason: overridden ? (input.overrideReason ?? null) : null,
      teamId,
      assigneeId: assigneeId ?? null,
    },
    actor.userId,
  );

  const events: EventInput[] = [
    {
      type: 'identified',
      from: ticket.stage,
      to: next.stage,
      data: {
        category: category.name,
        // By id too, so cycle time per stage can tell which category the request had when (lib/metrics/stage-attribution.ts).
        categoryId: category.id,
        fromCategoryId: ticket.categoryId,
        severity: input.severity,
        impact: input.impact,
        priority,
        matrixPriority,
      },
    },
  ];
  if (overridden)
    events.push({
      type: 'priority_overridden',
      from: String(matrixPriority),
      to: String(priority),
      data: { reason: input.overrideReason },
    });
  if ((assigneeId ?? null) !== ticket.assigneeId)
    events.push({ type: 'assigned', from: ticket.assigneeId, to: assigneeId ?? null });
  if (teamId !== ticket.teamId)
    events.push({ type: 'assigned', from: ticket.teamId, to: teamId, data: { field: 'team' } });
  await appendEvents(tx, ticket, actor.userId, [...events, ...stateEvents(ticket, next)]);
  return updated;
}
