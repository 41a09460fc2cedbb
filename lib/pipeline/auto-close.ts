import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { tickets } from '@/db/schema';
import { appendEventsMany } from '@/lib/tickets/store';

export const DEFAULT_FOLLOW_UP_DAYS = 7;

/**
 * Follow-up window: resolved requests the customer has not answered within `days` are closed.
 * One statement per batch, with `skip locked` so it never waits on (or fights) an agent, and
 * safe to run from several schedulers at once.
 */
export async function autoCloseResolved(db: Db, options: { now?: Date; days?: number; batch?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const days = options.days ?? DEFAULT_FOLLOW_UP_DAYS;
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const batch = options.batch ?? 500;
  let total = 0;
  for (;;) {
    const closed = await db.transaction(async (tx) => {
      const due = tx
        .select({ id: tickets.id })
        .from(tickets)
        .where(and(eq(tickets.status, 'resolved'), lt(tickets.resolvedAt, cutoff)))
        .limit(batch)
        .for('update', { skipLocked: true });
      const rows = await tx
        .update(tickets)
        .set({ status: 'closed', closedAt: now, updatedAt: now, version: sql`${tickets.version} + 1` })
        .where(sql`${tickets.id} in ${due}`)
        .returning({ id: tickets.id, number: tickets.number });
      await appendEventsMany(
        tx,
        null,
        rows.map((ticket) => ({ ticket, events: [{ type: 'status_changed', from: 'resolved', to: 'closed', data: { reason: 'follow_up_window', days }, at: now }] })),
      );
      return rows.length;
    });
    total += closed;
    if (closed < batch) return total;
  }
}
