/**
 * Keeps track of what the customer of an exception was told (issue 13: progress updates). Every
 * batch of ticket events passes here from `appendEventsMany` (lib/tickets/store.ts), as it passes
 * `notifyFromEvents`, so no use case has to remember it:
 *
 * - the customer was told → a `customer_updated` event and `customer_updates` row (time and status):
 *   an exception raised (the CERN mail), a public staff reply, a resolution (its mail), a closure by
 *   staff or the follow-up window (its mail);
 * - any other status change of an exception by staff → a `cern.progress` job, delayed, which mails
 *   the customer only if the status they would read is still the current one and differs from what
 *   they were last told (lib/progress/progress-mail.ts): rapid changes give one mail, flapping none;
 * - a change the customer made themselves (their reply, reopen, confirmation, cancellation) → they know: the
 *   status they know of is noted, no mail.
 *
 * A batch without a candidate event costs no query.
 */
import { and, inArray, isNotNull, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, customerUpdates, ticketEvents, tickets, type Status } from '@/db/schema';
import { enqueue } from '@/lib/jobs/enqueue';

/** How long status changes settle before the customer is mailed the latest (seconds). */
export const PROGRESS_DELAY_SECONDS = 120;

export interface TrackedEvent {
  ticketId: string;
  type: string;
  from: string | null;
  to: string | null;
  data: Record<string, unknown> | null;
}

export type UpdateVia = 'exception_raised' | 'reply' | 'resolution' | 'closure' | 'progress_mail';

export type TrackPlan =
  { kind: 'told'; via: UpdateVia } | { kind: 'queue' } | { kind: 'customer_acted' } | { kind: 'nothing' };

// A cancellation is the customer's own too ("no longer needed"): no closure mail goes out for it.
const byCustomer = (e: TrackedEvent) =>
  (e.type === 'replied' && e.data?.by === 'customer') ||
  e.type === 'reopened' ||
  e.type === 'confirmed' ||
  e.type === 'cancelled';

const isCandidate = (e: TrackedEvent) =>
  e.type === 'exception_raised' || e.type === 'status_changed' || (e.type === 'replied' && e.to === 'public');

/**
 * What one exception's events in one batch mean for its customer (pure). `hasAddress`: a mail can
 * reach them (the exception, resolution and closure notices are mails; a public reply counts
 * either way — the agent who logs it has told them, by mail or by phone).
 */
export function planTracking(events: readonly TrackedEvent[], hasAddress: boolean): TrackPlan {
  if (events.some(byCustomer)) return { kind: 'customer_acted' };
  if (hasAddress && events.some((e) => e.type === 'exception_raised')) return { kind: 'told', via: 'exception_raised' };
  if (events.some((e) => e.type === 'replied' && e.to === 'public')) return { kind: 'told', via: 'reply' };
  const change = events.findLast((e) => e.type === 'status_changed');
  if (!change) return { kind: 'nothing' };
  if (change.to === 'resolved') return hasAddress ? { kind: 'told', via: 'resolution' } : { kind: 'nothing' };
  if (change.to === 'closed') return hasAddress ? { kind: 'told', via: 'closure' } : { kind: 'nothing' };
  return { kind: 'queue' };
}

/** Notes that the customer now knows `status` (and, when `told`, that we told them now). */
export async function noteCustomerKnows(tx: Db, ticketId: string, status: Status, told: Date | null): Promise<void> {
  await tx
    .insert(customerUpdates)
    .values({ ticketId, lastStatus: status, lastUpdatedAt: told })
    .onConflictDoUpdate({
      target: customerUpdates.ticketId,
      set: told ? { lastStatus: status, lastUpdatedAt: told } : { lastStatus: status },
    });
}

export async function trackCustomerUpdates(
  tx: Db,
  actorUserId: string | null,
  events: readonly TrackedEvent[],
): Promise<void> {
  const candidates = events.filter(isCandidate);
  if (candidates.length === 0) return;
  const exceptions = await tx
    .select({ id: tickets.id, status: tickets.status, email: customers.email })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(and(inArray(tickets.id, [...new Set(candidates.map((e) => e.ticketId))]), isNotNull(tickets.cern)));
  if (exceptions.length === 0) return;
  const now = new Date();
  for (const t of exceptions) {
    const plan = planTracking(
      events.filter((e) => e.ticketId === t.id),
      !!t.email,
    );
    if (plan.kind === 'told') {
      await noteCustomerKnows(tx, t.id, t.status, now);
      // Straight into the history: nothing else listens for this event (no live refresh needed for it alone).
      await tx
        .insert(ticketEvents)
        .values({ ticketId: t.id, actorUserId, type: 'customer_updated', toValue: t.status, data: { via: plan.via } });
    } else if (plan.kind === 'customer_acted') {
      await noteCustomerKnows(tx, t.id, t.status, null);
    } else if (plan.kind === 'queue') {
      await enqueue(tx, 'cern.progress', { ticketId: t.id, status: t.status }, { startAfter: PROGRESS_DELAY_SECONDS });
    }
  }
}

/** For the reminder query: the time the customer last heard from us (a missing row: when the exception was raised). */
export const lastUpdateSql = sql`coalesce(${customerUpdates.lastUpdatedAt}, ${tickets.exceptionRaisedAt}, ${tickets.createdAt})`;
