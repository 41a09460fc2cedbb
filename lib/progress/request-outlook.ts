import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { ticketEvents, type Status, type Ticket } from '@/db/schema';
import { expectation, progressPosition, PROGRESS_STATUS_TEXT, type RequestOutlook } from './outlook';

const MAX_UPDATES = 10;

/**
 * A request's outlook for its customer (portal, or a guest's page): the step, what happens next,
 * the expected time from its SLA targets and, for an exception, its status history in the
 * customer's words (one indexed query on the request's events, only for exceptions).
 */
export async function requestOutlook(
  db: Db,
  ticket: Pick<
    Ticket,
    'id' | 'cern' | 'stage' | 'status' | 'firstResponseAt' | 'firstResponseDueAt' | 'resolutionDueAt'
  >,
  now: Date = new Date(),
): Promise<RequestOutlook> {
  let updates: RequestOutlook['updates'] = null;
  if (ticket.cern) {
    const rows = await db
      .select({ at: ticketEvents.createdAt, to: ticketEvents.toValue })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.type, 'status_changed')))
      .orderBy(desc(ticketEvents.createdAt), desc(ticketEvents.id))
      .limit(MAX_UPDATES);
    updates = rows.flatMap((r) =>
      r.to && r.to in PROGRESS_STATUS_TEXT ? [{ at: r.at, text: PROGRESS_STATUS_TEXT[r.to as Status] }] : [],
    );
  }
  return { position: progressPosition(ticket), expectation: expectation(ticket, now), updates, cern: ticket.cern };
}
