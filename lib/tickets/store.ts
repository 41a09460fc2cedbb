import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { outbox, ticketEvents, tickets, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { transition, type PipelineAction, type TicketState } from '@/lib/pipeline/transitions';
import { fail } from '@/lib/result';
import { notifyTicketChange } from '@/lib/live/channels';
import { slaClockChange } from '@/lib/sla/targets';

export type EventType =
  | 'created'
  | 'acknowledged'
  | 'opened'
  | 'identified'
  | 'assigned'
  | 'priority_overridden'
  | 'escalated'
  | 'exception_raised'
  | 'replied'
  | 'noted'
  | 'status_changed'
  | 'resolved'
  | 'reopened'
  | 'confirmed'
  | 'closed'
  | 'survey_sent'
  | 'survey_answered'
  | 'follow_up_created'
  | 'tagged'
  | 'untagged'
  | 'merged'
  | 'linked'
  | 'attached'
  | 'customer_merged';

/** `#1042`: how people quote a request. */
export const formatNumber = (n: number): string => `#${n}`;

/**
 * Locks the ticket row for the rest of the transaction. With `expectedVersion`, refuses when
 * someone saved the ticket since the caller read it: two agents, one ticket → one conflict.
 */
export async function lockTicket(tx: Db, number: number, expectedVersion?: number): Promise<Ticket> {
  const [ticket] = await tx.select().from(tickets).where(eq(tickets.number, number)).for('update');
  if (!ticket) fail('not_found', `Request ${formatNumber(number)} was not found.`);
  if (expectedVersion !== undefined && ticket.version !== expectedVersion) {
    fail('conflict', `Request ${formatNumber(number)} was changed by someone else while you were editing it. Reload to see the latest version, then try again.`);
  }
  return ticket;
}

/** Same as lockTicket, but a customer may only reach their own requests (others are "not found"). */
export async function lockOwnTicket(tx: Db, actor: Actor, number: number): Promise<Ticket> {
  const [ticket] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.number, number), eq(tickets.customerId, actor.customerId ?? '00000000-0000-0000-0000-000000000000')))
    .for('update');
  if (!ticket) fail('not_found', `Request ${formatNumber(number)} was not found.`);
  return ticket;
}

/** Applies a pipeline action or refuses it with a message naming both states. */
export function nextState(ticket: Ticket, action: PipelineAction): TicketState {
  const result = transition({ stage: ticket.stage, status: ticket.status }, action);
  if (!result.ok) fail('unprocessable', result.message);
  return result.next;
}

/** Writes a change and bumps the version, so stale readers are refused next time. */
export async function saveTicket(tx: Db, ticket: Ticket, patch: Partial<Omit<Ticket, 'id' | 'number' | 'version'>>): Promise<Ticket> {
  const now = new Date();
  // Every status change passes here, so the SLA clock (paused while pending) is kept in one place.
  const clock = patch.status && patch.status !== ticket.status ? slaClockChange(ticket, patch.status, now) : {};
  const [updated] = await tx
    .update(tickets)
    .set({ ...patch, ...clock, version: sql`${tickets.version} + 1`, updatedAt: now })
    .where(eq(tickets.id, ticket.id))
    .returning();
  if (!updated) throw new Error(`ticket ${ticket.number} vanished inside its own transaction`);
  return updated;
}

export interface EventInput {
  type: EventType;
  from?: string | null;
  to?: string | null;
  data?: Record<string, unknown>;
  at?: Date;
}

/**
 * Appends to the ticket's history and tells every app instance (NOTIFY, delivered at commit) so
 * open queues and ticket pages refresh.
 */
export async function appendEvents(tx: Db, ticket: Pick<Ticket, 'id' | 'number'>, actorUserId: string | null, events: EventInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(ticketEvents).values(
    events.map((e) => ({
      ticketId: ticket.id,
      actorUserId,
      type: e.type,
      fromValue: e.from ?? null,
      toValue: e.to ?? null,
      data: e.data ?? null,
      ...(e.at ? { createdAt: e.at } : {}),
    })),
  );
  const last = events[events.length - 1]!;
  await notifyTicketChange(tx, { ticketId: ticket.id, number: ticket.number, type: last.type, actorUserId, at: new Date().toISOString() });
}

/** Status/stage change events, appended only for what really changed. */
export function stateEvents(before: TicketState, after: TicketState): EventInput[] {
  return before.status === after.status ? [] : [{ type: 'status_changed', from: before.status, to: after.status, data: { stage: after.stage } }];
}

/** Mail to the customer; delivery (SMTP or the admin-readable outbox) is a job's concern. */
export async function queueMail(tx: Db, mail: { ticketId: string | null; to: string | null; subject: string; body: string }): Promise<void> {
  if (!mail.to) return;
  await tx.insert(outbox).values({ ticketId: mail.ticketId, toAddress: mail.to, subject: mail.subject, body: mail.body });
}
