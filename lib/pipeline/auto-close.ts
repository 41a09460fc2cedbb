import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { ticketColumns, tickets } from '@/db/schema';
import { closureMail } from '@/lib/mail/templates/closure';
import { mailCustomer } from '@/lib/mail/ticket-mail';
import { getSettings } from '@/lib/settings/settings';
import { surveyAtClosure } from '@/lib/surveys/send-survey';
import { appendEventsMany, nextState, saveTickets, stateEvents } from '@/lib/tickets/store';

export const DEFAULT_FOLLOW_UP_DAYS = 7;

/**
 * Follow-up window: resolved requests the customer has not answered within `days` are closed.
 * Rows are taken with `skip locked`, so it never waits on (or fights) an agent and is safe to run
 * from several schedulers at once; the change goes through the state machine and the save path
 * like any other (one UPDATE per batch).
 */
export async function autoCloseResolved(
  db: Db,
  options: { now?: Date; days?: number; batch?: number } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const days = options.days ?? DEFAULT_FOLLOW_UP_DAYS;
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const batch = options.batch ?? 500;
  let total = 0;
  for (;;) {
    const closed = await db.transaction(async (tx) => {
      const due = await tx
        .select(ticketColumns)
        .from(tickets)
        .where(and(eq(tickets.status, 'resolved'), lt(tickets.resolvedAt, cutoff)))
        .limit(batch)
        .for('update', { skipLocked: true });
      const changes = due.map((ticket) => ({ ticket, next: nextState(ticket, 'auto_close') }));
      await saveTickets(
        tx,
        changes.map(({ ticket, next }) => ({ ticket, patch: { ...next, closedAt: now } })),
      );
      await appendEventsMany(
        tx,
        null,
        changes.map(({ ticket, next }) => ({
          ticket,
          events: stateEvents(ticket, next).map((e) => ({
            ...e,
            data: { ...e.data, reason: 'follow_up_window', days },
            at: now,
          })),
        })),
      );
      for (const ticket of due)
        await mailCustomer(tx, ticket, 'closure', (base) => closureMail({ ...base, reason: 'follow_up_window' }));
      await surveyAtClosure(tx, due, now);
      return due.length;
    });
    total += closed;
    if (closed < batch) return total;
  }
}

/** The scheduled `tickets.auto-close` job: the window is the admin's setting (/admin/settings). */
export async function autoCloseJob(db: Db): Promise<{ closed: number; days: number }> {
  const { followUpDays } = await getSettings(db);
  return { closed: await autoCloseResolved(db, { days: followUpDays }), days: followUpDays };
}
