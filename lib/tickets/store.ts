import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { outbox, ticketColumns, ticketEvents, tickets, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { transition, type PipelineAction, type TicketState } from '@/lib/tickets/transitions';
import { fail } from '@/lib/core/result';
import { notifyTicketChanges } from '@/lib/live/channels';
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
  const [ticket] = await tx.select(ticketColumns).from(tickets).where(eq(tickets.number, number)).for('update');
  if (!ticket) fail('not_found', `Request ${formatNumber(number)} was not found.`);
  if (expectedVersion !== undefined && ticket.version !== expectedVersion) {
    fail('conflict', `Request ${formatNumber(number)} was changed by someone else while you were editing it. Reload to see the latest version, then try again.`);
  }
  return ticket;
}

/** Same as lockTicket, but a customer may only reach their own requests (others are "not found"). */
export async function lockOwnTicket(tx: Db, actor: Actor, number: number): Promise<Ticket> {
  const [ticket] = await tx
    .select(ticketColumns)
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

export type TicketPatch = Partial<Omit<Ticket, 'id' | 'number' | 'version'>>;

/**
 * The patch plus what follows from it: every status change passes here, so the SLA clock (paused
 * while pending) is kept in one place. Keys set to undefined are dropped, as drizzle's `.set` does.
 */
function withClock(ticket: Ticket, patch: TicketPatch, now: Date): TicketPatch {
  const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as TicketPatch;
  return given.status && given.status !== ticket.status ? { ...given, ...slaClockChange(ticket, given.status, now) } : given;
}

/** Writes a change and bumps the version, so stale readers are refused next time. */
export async function saveTicket(tx: Db, ticket: Ticket, patch: TicketPatch): Promise<Ticket> {
  const now = new Date();
  const [updated] = await tx
    .update(tickets)
    .set({ ...withClock(ticket, patch, now), version: sql`${tickets.version} + 1`, updatedAt: now })
    .where(eq(tickets.id, ticket.id))
    .returning(ticketColumns);
  if (!updated) throw new Error(`ticket ${ticket.number} vanished inside its own transaction`);
  return updated;
}

const COLUMNS = getTableColumns(tickets);

/**
 * saveTicket for many tickets: one `UPDATE … FROM (VALUES …)` per set of changed columns instead of
 * one statement per ticket (a bulk change of 100 is one or two statements, not a hundred).
 */
export async function saveTickets(tx: Db, changes: { ticket: Ticket; patch: TicketPatch }[]): Promise<Ticket[]> {
  const now = new Date();
  const groups = new Map<string, { id: string; patch: TicketPatch }[]>();
  for (const { ticket, patch } of changes) {
    const full = withClock(ticket, patch, now);
    const key = Object.keys(full).sort().join(',');
    groups.set(key, [...(groups.get(key) ?? []), { id: ticket.id, patch: full }]);
  }
  const saved: Ticket[] = [];
  for (const [key, rows] of groups) {
    const fields = key ? (key.split(',') as (keyof TicketPatch)[]) : [];
    const values = sql.join(
      rows.map(({ id, patch }) => sql`(${id}::uuid${sql.join(fields.map((f) => sql`, ${sql.param(patch[f] ?? null, COLUMNS[f])}::${sql.raw(COLUMNS[f].getSQLType())}`))})`),
      sql`, `,
    );
    const names = sql.raw(['id', ...fields.map((f) => `"${COLUMNS[f].name}"`)].join(', '));
    const set = Object.fromEntries(fields.map((f) => [f, sql.raw(`v."${COLUMNS[f].name}"`)]));
    saved.push(
      ...(await tx
        .update(tickets)
        .set({ ...set, version: sql`${tickets.version} + 1`, updatedAt: now })
        .from(sql`(values ${values}) as v(${names})`)
        .where(sql`${tickets.id} = v.id`)
        .returning(ticketColumns)),
    );
  }
  return saved;
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
  await appendEventsMany(tx, actorUserId, [{ ticket, events }]);
}

/** appendEvents for many tickets: one INSERT and one NOTIFY statement, one notification per ticket. */
export async function appendEventsMany(tx: Db, actorUserId: string | null, batch: { ticket: Pick<Ticket, 'id' | 'number'>; events: EventInput[] }[]): Promise<void> {
  const rows = batch.flatMap(({ ticket, events }) =>
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
  if (rows.length === 0) return;
  await tx.insert(ticketEvents).values(rows);
  const at = new Date().toISOString();
  await notifyTicketChanges(
    tx,
    batch.filter((b) => b.events.length > 0).map(({ ticket, events }) => ({ ticketId: ticket.id, number: ticket.number, type: events[events.length - 1]!.type, actorUserId, at })),
  );
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
