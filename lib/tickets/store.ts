import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { teamMembers, teams, ticketColumns, ticketEvents, tickets, users, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { isReadOnly, transition, type PipelineAction, type TicketState } from '@/lib/tickets/transitions';
import { fail } from '@/lib/core/result';
import { ticketChangesNotice } from '@/lib/live/channels';
import { notifyFromEvents } from '@/lib/notifications/notify';
import { trackCustomerUpdates } from '@/lib/progress/track';
import { slaClockChange, slaReachedStamps, slaRecompute } from '@/lib/sla/targets';
import { calendarOfPolicy, DEFAULT_SLA_CONTEXT, loadSlaContext, targetsFor, type SlaContext } from '@/lib/sla/policies';
import { assignMoved } from '@/lib/routing/assignment';
import { enqueueWebhookDispatch, webhookEventsInsert } from '@/lib/webhooks/record';

import type { EventType } from './event-types';
import { formatNumber } from './request-number';

export type { EventType } from './event-types';
export { formatNumber };

/**
 * Locks the ticket row for the rest of the transaction. With `expectedVersion`, refuses when
 * someone saved the ticket since the caller read it: two agents, one ticket → one conflict.
 */
export async function lockTicket(tx: Db, number: number, expectedVersion?: number): Promise<Ticket> {
  const [ticket] = await tx.select(ticketColumns).from(tickets).where(eq(tickets.number, number)).for('update');
  if (!ticket) fail('not_found', `Request ${formatNumber(number)} was not found.`);
  if (expectedVersion !== undefined && ticket.version !== expectedVersion) {
    fail(
      'conflict',
      `Request ${formatNumber(number)} was changed by someone else while you were editing it. Reload to see the latest version, then try again.`,
    );
  }
  return ticket;
}

/** Same as lockTicket, but a customer may only reach their own requests (others are "not found"). */
export async function lockOwnTicket(tx: Db, actor: Actor, number: number): Promise<Ticket> {
  return lockCustomerTicket(tx, actor.customerId, number);
}

/** The request of this customer record (a portal login's, or an e-mail sender's); anyone else's is "not found". */
export async function lockCustomerTicket(tx: Db, customerId: string | null, number: number): Promise<Ticket> {
  const [ticket] = await tx
    .select(ticketColumns)
    .from(tickets)
    .where(
      and(eq(tickets.number, number), eq(tickets.customerId, customerId ?? '00000000-0000-0000-0000-000000000000')),
    )
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

/** Closed requests are read-only: refuses any change (fields here; tags, files and messages where they are written). */
export function refuseIfReadOnly(ticket: Pick<Ticket, 'number' | 'status'>): void {
  if (isReadOnly(ticket))
    fail('unprocessable', `Request ${formatNumber(ticket.number)} is closed; closed requests are read-only.`);
}

const READ_ONLY_EXEMPT: readonly (keyof TicketPatch)[] = ['customerId'];

/** Who is an active member of which team, with names for messages; loaded once per save. */
export interface Membership {
  isMember(userId: string, teamId: string): boolean;
  userName(userId: string): string;
  teamName(teamId: string): string;
  /** SLA policies, calendars and the customers' organizations (lib/sla/policies), when the save needs them. */
  sla: SlaContext;
}

/** The changes these tickets' assignees and teams need checked: one query each for members and names. */
export async function loadMembership(tx: Db, changes: { ticket: Ticket; patch: TicketPatch }[]): Promise<Membership> {
  const slaChanges = changes.filter(({ ticket, patch }) => needsSla(ticket, patch));
  const sla =
    slaChanges.length === 0
      ? DEFAULT_SLA_CONTEXT
      : await loadSlaContext(tx, {
          policyIds: slaChanges.flatMap(({ ticket }) => (ticket.slaPolicyId ? [ticket.slaPolicyId] : [])),
          customerIds: slaChanges.flatMap(({ ticket, patch }) => {
            const id = patch.customerId !== undefined ? patch.customerId : ticket.customerId;
            return id ? [id] : [];
          }),
        });
  const userIds = new Set<string>();
  const teamIds = new Set<string>();
  for (const { ticket, patch } of changes) {
    const { teamId, assigneeId } = resulting(ticket, patch);
    if (teamId && assigneeId && (teamId !== ticket.teamId || assigneeId !== ticket.assigneeId)) {
      userIds.add(assigneeId);
      teamIds.add(teamId);
    }
  }
  if (userIds.size === 0) return { isMember: () => false, userName: (id) => id, teamName: (id) => id, sla };
  const [members, people, owners] = await Promise.all([
    tx
      .select({ userId: teamMembers.userId, teamId: teamMembers.teamId })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(
        and(
          inArray(teamMembers.userId, [...userIds]),
          inArray(teamMembers.teamId, [...teamIds]),
          eq(users.active, true),
        ),
      ),
    tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, [...userIds])),
    tx
      .select({ id: teams.id, name: teams.name })
      .from(teams)
      .where(inArray(teams.id, [...teamIds])),
  ]);
  const pairs = new Set(members.map((m) => `${m.userId}/${m.teamId}`));
  const names = new Map([...people, ...owners].map((r) => [r.id, r.name]));
  return {
    isMember: (u, t) => pairs.has(`${u}/${t}`),
    userName: (id) => names.get(id) ?? 'The assignee',
    teamName: (id) => names.get(id) ?? 'the team',
    sla,
  };
}

/** A change of what picks the SLA policy (priority, category, the customer's organization). */
function slaScopeChanged(ticket: Ticket, patch: TicketPatch): boolean {
  return (
    (patch.priority !== undefined && (patch.priority !== ticket.priority || ticket.resolutionDueAt === null)) ||
    (patch.categoryId !== undefined && patch.categoryId !== ticket.categoryId) ||
    (patch.customerId !== undefined && patch.customerId !== ticket.customerId)
  );
}

/** Whether planning this change reads SLA policies or calendars (else the save loads none). */
function needsSla(ticket: Ticket, patch: TicketPatch): boolean {
  if (slaScopeChanged(ticket, patch)) return true;
  const clock = patch.status !== undefined || patch.firstResponseAt !== undefined || patch.resolvedAt !== undefined;
  return clock && ticket.slaPolicyId !== null;
}

function resulting(ticket: Ticket, patch: TicketPatch): { teamId: string | null; assigneeId: string | null } {
  return {
    teamId: patch.teamId !== undefined ? patch.teamId : ticket.teamId,
    assigneeId: patch.assigneeId !== undefined ? patch.assigneeId : ticket.assigneeId,
  };
}

/**
 * What a save writes beyond the patch, and why: every field change of every use case passes here
 * (ticket page, bulk, macros, escalation, merges, auto-close), so these rules live nowhere else.
 * - Closed requests are read-only (`isReadOnly`): any field change is refused — except moving the
 *   request to another customer record when two records of one person are merged, which corrects
 *   who the requester is rather than editing the request.
 * - A status change moves the SLA clock (paused while pending or resolved, `slaClockChange`, in business time
 *   of the ticket's policy calendar).
 * - A change of priority, category or customer (organization) picks the SLA policy again and
 *   recomputes the due times and warning moments (`targetsFor`, `slaRecompute`).
 * - The first response and the resolution stamp their business time (`slaReachedStamps`).
 * - An assignee must be an active member of the owning team: an assignee given with the change
 *   who is not is refused (a field error naming both); one kept through a team change who is not
 *   lets go of the request, with an `assigned` event saying why.
 *
 * `planChange` applies these rules to one ticket: the full patch to write and the events it implies, or an
 * AppError (`unprocessable` for a closed request, `invalid` with an `assigneeId` field error).
 * Synchronous, so a bulk change can check each request on its own before writing any.
 * Keys set to undefined are dropped, as drizzle's `.set` does.
 */
export function planChange(
  ticket: Ticket,
  patch: TicketPatch,
  membership: Membership,
  now: Date,
): { patch: TicketPatch; events: EventInput[] } {
  let full = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as TicketPatch;
  const keys = Object.keys(full) as (keyof TicketPatch)[];
  if (keys.some((k) => !READ_ONLY_EXEMPT.includes(k))) refuseIfReadOnly(ticket);
  const events: EventInput[] = [];
  const { teamId, assigneeId } = resulting(ticket, full);
  if (
    teamId &&
    assigneeId &&
    (teamId !== ticket.teamId || assigneeId !== ticket.assigneeId) &&
    !membership.isMember(assigneeId, teamId)
  ) {
    const message = `${membership.userName(assigneeId)} is not an active member of ${membership.teamName(teamId)}: choose a member of that team, or no assignee.`;
    if (full.assigneeId !== undefined) fail('invalid', message, { assigneeId: [message] });
    full = { ...full, assigneeId: null };
    events.push({
      type: 'assigned',
      from: assigneeId,
      to: null,
      data: { reason: 'not_in_team', team: membership.teamName(teamId) },
    });
  }
  const sla = membership.sla;
  if (full.status && full.status !== ticket.status) {
    const calendar = calendarOfPolicy(sla, ticket.slaPolicyId);
    // The clock as it stood: status and resolution before the change (a reopen clears resolvedAt).
    const before = { ...ticket, ...full, status: ticket.status, resolvedAt: ticket.resolvedAt };
    full = { ...full, ...slaClockChange(before, full.status, now, calendar) };
  }
  if (slaScopeChanged(ticket, full) && !isReadOnly(ticket)) {
    const next = { ...ticket, ...full };
    const scope = {
      priority: next.priority,
      categoryId: next.categoryId,
      organizationId: sla.organizationOf(next.customerId),
    };
    full = { ...full, ...slaRecompute(next, targetsFor(sla, scope), now) };
  }
  if (full.firstResponseAt !== undefined || full.resolvedAt !== undefined) {
    const next = { ...ticket, ...full };
    full = { ...full, ...slaReachedStamps(ticket, next, calendarOfPolicy(sla, next.slaPolicyId)) };
  }
  return { patch: full, events };
}

/**
 * Writes a change through the rules of `planChange` and bumps the version, so stale readers are
 * refused next time. Events the rules imply (an assignee let go) are appended as `actorUserId`;
 * the caller appends the events of the change it asked for.
 */
export async function saveTicket(
  tx: Db,
  ticket: Ticket,
  patch: TicketPatch,
  actorUserId: string | null = null,
  now: Date = new Date(),
): Promise<Ticket> {
  const [saved] = await saveTickets(tx, [{ ticket, patch }], actorUserId, now);
  if (!saved) throw new Error(`ticket ${ticket.number} vanished inside its own transaction`);
  return saved;
}

const COLUMNS = getTableColumns(tickets);

/**
 * saveTicket for many tickets: one `UPDATE … FROM (VALUES …)` per set of changed columns instead of
 * one statement per ticket (a bulk change of 100 is one or two statements, not a hundred).
 * Refuses them all if one breaks a rule: check with `planChange` first to refuse one by one.
 */
export async function saveTickets(
  tx: Db,
  changes: { ticket: Ticket; patch: TicketPatch }[],
  actorUserId: string | null = null,
  /** The moment of the change (a job or a seed acting at a given time); the clock otherwise. */
  now: Date = new Date(),
): Promise<Ticket[]> {
  const membership = await loadMembership(tx, changes);
  const groups = new Map<string, { id: string; patch: TicketPatch }[]>();
  const implied: { ticket: Ticket; events: EventInput[] }[] = [];
  for (const { ticket, patch } of changes) {
    const plan = planChange(ticket, patch, membership, now);
    if (plan.events.length > 0) implied.push({ ticket, events: plan.events });
    const key = Object.keys(plan.patch).sort().join(',');
    groups.set(key, [...(groups.get(key) ?? []), { id: ticket.id, patch: plan.patch }]);
  }
  const saved: Ticket[] = [];
  for (const [key, rows] of groups) {
    const fields = key ? (key.split(',') as (keyof TicketPatch)[]) : [];
    const values = sql.join(
      rows.map(
        ({ id, patch }) =>
          sql`(${id}::uuid${sql.join(fields.map((f) => sql`, ${sql.param(patch[f] ?? null, COLUMNS[f])}::${sql.raw(COLUMNS[f].getSQLType())}`))})`,
      ),
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
  await appendEventsMany(tx, actorUserId, implied);
  // Moved into an automatic team without an assignee: assigned there (lib/routing/assignment).
  const moved = await assignMoved(
    tx,
    changes.map((c) => c.ticket),
    saved,
    now,
  );
  // In the order asked for, whatever the grouping.
  const byId = new Map(saved.map((t) => [t.id, moved.get(t.id) ?? t]));
  return changes.flatMap(({ ticket }) => byId.get(ticket.id) ?? []);
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
 * open queues and ticket pages refresh. The people concerned are notified from the same events
 * (lib/notifications: assigned, a customer's reply, a CERN's change, an @mention).
 */
export async function appendEvents(
  tx: Db,
  ticket: Pick<Ticket, 'id' | 'number'>,
  actorUserId: string | null,
  events: EventInput[],
): Promise<void> {
  await appendEventsMany(tx, actorUserId, [{ ticket, events }]);
}

/**
 * appendEvents for many tickets: one statement INSERTs the events and NOTIFYs one live change per ticket,
 * and the agents' notifications for the whole batch (one INSERT).
 */
export async function appendEventsMany(
  tx: Db,
  actorUserId: string | null,
  batch: { ticket: Pick<Ticket, 'id' | 'number'>; events: EventInput[] }[],
): Promise<void> {
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
  const at = new Date().toISOString();
  const changes = batch
    .filter((b) => b.events.length > 0)
    .map(({ ticket, events }) => ({
      ticketId: ticket.id,
      number: ticket.number,
      type: events[events.length - 1]!.type,
      actorUserId,
      at,
    }));
  const appended = rows.map((r) => ({
    ticketId: r.ticketId,
    type: r.type,
    from: r.fromValue,
    to: r.toValue,
    data: r.data,
  }));
  // One statement: the events' INSERT, the webhook outbox's (lib/webhooks) and the NOTIFY
  // (delivered at commit). count(*) reads every NOTIFY row, so each one is sent.
  const hooks = webhookEventsInsert(actorUserId, appended);
  const [sent] = rowsOf<{ hooks: number }>(
    await tx.execute(sql`
      with appended as ${tx.insert(ticketEvents).values(rows)}${hooks ? sql`, hooks as (${hooks})` : sql``}
      select ${hooks ? sql`(select count(*) from hooks)::int` : sql`0`} as hooks, count(*) as notified
      from (${ticketChangesNotice(changes)}) n`),
  );
  await notifyFromEvents(tx, actorUserId, appended);
  await trackCustomerUpdates(tx, actorUserId, appended);
  // Webhooks: the events someone subscribed to were written above, in this transaction (the outbox).
  await enqueueWebhookDispatch(tx, sent?.hooks ?? 0);
}

/** Status/stage change events, appended only for what really changed. */
export function stateEvents(before: TicketState, after: TicketState): EventInput[] {
  return before.status === after.status
    ? []
    : [{ type: 'status_changed', from: before.status, to: after.status, data: { stage: after.stage } }];
}
