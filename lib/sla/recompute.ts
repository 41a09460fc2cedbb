/**
 * The `sla.recompute` job: after an admin changes a policy or a calendar, the due times (and
 * warning moments) of every open request are recomputed through the same functions as the save
 * path (`targetsFor`, `slaRecompute`), in batches of BATCH, each batch its own transaction, and
 * written through `saveTickets` only where something changes. Resolved and closed requests keep
 * the due times they were judged against.
 *
 * Rows a staff action holds are skipped (SKIP LOCKED, no lock-order deadlock with bulk changes)
 * and retried by a follow-up job a little later; such a save already reads the new policy if it
 * started after the admin's commit.
 */
import { and, asc, gt, inArray, notInArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { ticketColumns, tickets } from '@/db/schema';
import { enqueue } from '@/lib/jobs/enqueue';
import { saveTickets } from '@/lib/tickets/store';
import { loadSlaContext, targetsFor } from './policies';
import { slaPatchChanges, slaRecompute } from './targets';

export const BATCH = 500;

export interface RecomputeData {
  /** Only these tickets (a retry of rows that were locked); all open ones otherwise. */
  ticketIds?: string[];
}

export async function recomputeSlaJob(
  db: Db,
  data: RecomputeData = {},
  now: () => Date = () => new Date(),
): Promise<{ checked: number; updated: number; skipped: number }> {
  let cursor = '00000000-0000-0000-0000-000000000000';
  let checked = 0;
  let updated = 0;
  const skipped: string[] = [];
  for (;;) {
    const batch = await db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      const where = and(
        gt(tickets.id, cursor),
        notInArray(tickets.status, ['resolved', 'closed']),
        data.ticketIds ? inArray(tickets.id, data.ticketIds) : undefined,
      );
      const ids = (
        await tx.select({ id: tickets.id }).from(tickets).where(where).orderBy(asc(tickets.id)).limit(BATCH)
      ).map((r) => r.id);
      if (ids.length === 0) return null;
      const rows = await tx
        .select(ticketColumns)
        .from(tickets)
        .where(and(inArray(tickets.id, ids), notInArray(tickets.status, ['resolved', 'closed'])))
        .orderBy(asc(tickets.id))
        .for('update', { skipLocked: true });
      const got = new Set(rows.map((r) => r.id));
      skipped.push(...ids.filter((id) => !got.has(id)));
      const ctx = await loadSlaContext(tx, {
        policyIds: rows.flatMap((t) => (t.slaPolicyId ? [t.slaPolicyId] : [])),
        customerIds: rows.flatMap((t) => (t.customerId ? [t.customerId] : [])),
      });
      const at = now();
      const changes = rows.flatMap((ticket) => {
        const scope = {
          priority: ticket.priority,
          categoryId: ticket.categoryId,
          organizationId: ctx.organizationOf(ticket.customerId),
        };
        const patch = slaRecompute(ticket, targetsFor(ctx, scope), at);
        return slaPatchChanges(ticket, patch) ? [{ ticket, patch }] : [];
      });
      if (changes.length > 0) await saveTickets(tx, changes);
      return { last: ids[ids.length - 1]!, checked: rows.length, updated: changes.length };
    });
    if (!batch) break;
    cursor = batch.last;
    checked += batch.checked;
    updated += batch.updated;
  }
  if (skipped.length > 0) await enqueue(db, 'sla.recompute', { ticketIds: skipped }, { startAfter: 30 });
  return { checked, updated, skipped: skipped.length };
}
