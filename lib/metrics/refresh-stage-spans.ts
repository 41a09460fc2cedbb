import { and, asc, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { ticketEvents, tickets, ticketStageSpans } from '@/db/schema';
import { stageSpans, STAGE_EVENT_TYPES, type StageEvent } from './stage-spans';

// Any constant shared by every Cairn process: one refresh at a time (two would race on a request's spans).
const STAGE_SPANS_LOCK = 727_015;

/**
 * Brings the stage spans of the requests the trigger marked up to date (job `metrics.stage-spans`,
 * every minute): in batches, each claimed, derived from the request's events and written in one
 * transaction. A run that finds another one at work leaves the backlog to it. Returns how many
 * requests it derived.
 */
export async function refreshStageSpans(db: Db, batch = 500): Promise<{ tickets: number }> {
  let total = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const [lock] = rowsOf<{ ok: boolean }>(
        await tx.execute(sql`select pg_try_advisory_xact_lock(${STAGE_SPANS_LOCK}) as ok`),
      );
      if (!lock?.ok) return -1;
      const claimed = rowsOf<{ ticket_id: string }>(
        await tx.execute(sql`delete from stage_span_dirty where id in
          (select id from stage_span_dirty order by id limit ${batch}) returning ticket_id`),
      );
      const ids = [...new Set(claimed.map((r) => r.ticket_id))];
      if (ids.length === 0) return 0;
      const [owners, events] = await Promise.all([
        tx.select({ id: tickets.id, createdAt: tickets.createdAt }).from(tickets).where(inArray(tickets.id, ids)),
        tx
          .select({
            ticketId: ticketEvents.ticketId,
            type: ticketEvents.type,
            toValue: ticketEvents.toValue,
            data: ticketEvents.data,
            createdAt: ticketEvents.createdAt,
          })
          .from(ticketEvents)
          .where(and(inArray(ticketEvents.ticketId, ids), inArray(ticketEvents.type, [...STAGE_EVENT_TYPES])))
          .orderBy(asc(ticketEvents.ticketId), asc(ticketEvents.createdAt), asc(ticketEvents.id)),
      ]);
      const byTicket = new Map<string, StageEvent[]>();
      for (const e of events) byTicket.set(e.ticketId, [...(byTicket.get(e.ticketId) ?? []), e]);
      const rows = owners.flatMap((t) =>
        stageSpans(t.createdAt, byTicket.get(t.id) ?? []).map((span, seq) => ({ ticketId: t.id, seq, ...span })),
      );
      await tx.delete(ticketStageSpans).where(inArray(ticketStageSpans.ticketId, ids));
      if (rows.length > 0) await tx.insert(ticketStageSpans).values(rows);
      return ids.length;
    });
    if (done <= 0) return { tickets: total };
    total += done;
  }
}
