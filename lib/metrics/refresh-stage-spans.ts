import { and, asc, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { stageCycleDirty, ticketEvents, tickets, ticketStageSpans } from '@/db/schema';
import { endDaysOf, recomputeCycleDays } from './cycle-rollup';
import { OWNER_EVENT_TYPES, stagePieces } from './stage-attribution';
import { STAGE_EVENT_TYPES } from './stage-spans';

/** Every event type the derivation reads (the trigger marks a request on each, and on `created`). */
export const SPAN_EVENT_TYPES = [...new Set([...STAGE_EVENT_TYPES, ...OWNER_EVENT_TYPES])];

// Any constant shared by every Cairn process: one refresh at a time (two would race on a request's spans).
const STAGE_SPANS_LOCK = 727_015;

/**
 * Brings the stage spans of the requests the trigger marked up to date (job `metrics.stage-spans`,
 * every minute): in batches, each claimed, derived from the request's events (cut by the team and
 * category it had then) and written in one transaction that also marks the end days of its old
 * and new spans; then the marked days of the cycle-time rollup are recomputed once. A run that
 * finds another one at work leaves the backlog to it. A run stops starting batches after
 * `budgetMs` (a backlog of every request, as after migration 0025 at 1M, is worked off a minute's
 * share at a time, and the rollup days it touched are filled after each share, so the dashboard
 * fills in as it goes and the job never outlives its pg-boss expiry). Returns how many requests it
 * derived.
 */
export async function refreshStageSpans(db: Db, batch = 500, budgetMs = 45_000): Promise<{ tickets: number }> {
  let total = 0;
  const started = Date.now();
  while (Date.now() - started < budgetMs) {
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
        tx
          .select({
            id: tickets.id,
            createdAt: tickets.createdAt,
            teamId: tickets.teamId,
            categoryId: tickets.categoryId,
            // Brought from another helpdesk (lib/import): its export says when the request was created,
            // resolved and closed, not when it was taken or identified, so it has no stage times to count.
            imported: sql<boolean>`exists (select 1 from ticket_events i where i.ticket_id = "tickets"."id" and i.type = 'imported')`,
          })
          .from(tickets)
          .where(inArray(tickets.id, ids)),
        tx
          .select({
            ticketId: ticketEvents.ticketId,
            type: ticketEvents.type,
            fromValue: ticketEvents.fromValue,
            toValue: ticketEvents.toValue,
            data: ticketEvents.data,
            createdAt: ticketEvents.createdAt,
          })
          .from(ticketEvents)
          .where(and(inArray(ticketEvents.ticketId, ids), inArray(ticketEvents.type, SPAN_EVENT_TYPES)))
          .orderBy(asc(ticketEvents.ticketId), asc(ticketEvents.createdAt), asc(ticketEvents.id)),
      ]);
      const byTicket = new Map<string, typeof events>();
      for (const e of events) {
        const list = byTicket.get(e.ticketId);
        if (list) list.push(e);
        else byTicket.set(e.ticketId, [e]);
      }
      const rows = owners.flatMap((t) =>
        t.imported
          ? []
          : stagePieces(t.createdAt, byTicket.get(t.id) ?? [], { teamId: t.teamId, categoryId: t.categoryId }).map(
              (piece, seq) => ({ ticketId: t.id, seq, ...piece }),
            ),
      );
      const before = await endDaysOf(tx, ids);
      await tx.delete(ticketStageSpans).where(inArray(ticketStageSpans.ticketId, ids));
      for (let i = 0; i < rows.length; i += 1000) await tx.insert(ticketStageSpans).values(rows.slice(i, i + 1000));
      const after = await endDaysOf(tx, ids);
      const days = [...new Set([...before, ...after])];
      if (days.length > 0) await tx.insert(stageCycleDirty).values(days.map((day) => ({ day })));
      return ids.length;
    });
    if (done < 0) return { tickets: total }; // another run is at work: it recomputes the days too
    if (done === 0) break;
    total += done;
  }
  await refreshCycleRollups(db);
  return { tickets: total };
}

/**
 * Recomputes the cycle-time rollup days the batches marked (once each, however many batches
 * touched them), under the same lock; marks added meanwhile stay for the next run.
 */
export async function refreshCycleRollups(db: Db): Promise<{ days: number }> {
  return db.transaction(async (tx) => {
    const [lock] = rowsOf<{ ok: boolean }>(
      await tx.execute(sql`select pg_try_advisory_xact_lock(${STAGE_SPANS_LOCK}) as ok`),
    );
    if (!lock?.ok) return { days: 0 };
    const marks = rowsOf<{ day: string }>(
      await tx.execute(sql`delete from ${stageCycleDirty} returning ${stageCycleDirty.day}::text as day`),
    );
    const days = [...new Set(marks.map((m) => m.day))];
    await recomputeCycleDays(tx, days);
    return { days: days.length };
  });
}
