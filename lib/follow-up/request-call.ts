import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { followUps, type FollowUp } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { notifyPeople } from '@/lib/notifications/notify';
import { appendEvents, formatNumber, lockTicket } from '@/lib/tickets/store';
import { STATUS_LABELS } from '@/lib/tickets/transitions';
import { followUpScope } from './access';
import { callMayBeRequested } from './outcomes';
import { requestCallSchema } from './schemas';

const ALREADY = (number: number) => `Request ${formatNumber(number)} is already marked for a follow-up call.`;

/**
 * A lead or agent marks a resolved request for a follow-up call ("did it really work?"), with an
 * optional note for whoever calls. Only resolved requests: a closed one is done, an open one is
 * still being worked on. One open call per request (a second mark is a conflict, not a duplicate
 * row: the partial unique index follow_ups_open_call_key holds it under concurrency too). The
 * request's assignee is told when someone else asked.
 */
export function requestFollowUpCall(db: Db, actor: Actor, raw: unknown): Promise<Result<FollowUp>> {
  return runUseCase(db, requestCallSchema, raw, async (tx, input) => {
    await followUpScope(tx, actor, 'call');
    const ticket = await lockTicket(tx, input.number);
    if (!callMayBeRequested(ticket.status))
      fail(
        'unprocessable',
        `Request ${formatNumber(ticket.number)} is ${STATUS_LABELS[ticket.status].toLowerCase()}: only a resolved request can be marked for a follow-up call.`,
      );
    const [open] = await tx
      .select({ id: followUps.id })
      .from(followUps)
      .where(and(eq(followUps.ticketId, ticket.id), eq(followUps.kind, 'call'), eq(followUps.status, 'open')));
    if (open) fail('conflict', ALREADY(ticket.number));
    const [created] = await tx
      .insert(followUps)
      .values({
        kind: 'call',
        ticketId: ticket.id,
        teamId: ticket.teamId,
        ownerId: ticket.assigneeId,
        requestedBy: actor.userId,
        requestNote: input.note ?? null,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) fail('conflict', ALREADY(ticket.number));
    await appendEvents(tx, ticket, actor.userId, [
      { type: 'follow_up_call_requested', data: { followUpId: created.id, note: input.note ?? null } },
    ]);
    if (ticket.assigneeId)
      await notifyPeople(tx, actor.userId, [
        {
          userId: ticket.assigneeId,
          ticketId: ticket.id,
          kind: 'follow_up_call',
          summary: `Follow-up call asked for by ${actor.name}`,
        },
      ]);
    return created;
  });
}
