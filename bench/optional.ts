import { and, asc, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { ticketEvents, tickets } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';

/**
 * Services that other work in flight adds (search, bulk changes). The bench loads them when they
 * exist and skips or stands in for them when they do not, so it runs on any checkout.
 */

export type SearchTickets = (
  db: Db,
  actor: Actor,
  input: {
    q: string;
    status?: 'new' | 'open' | 'pending' | 'on_hold' | 'resolved' | 'closed';
    teamId?: string;
    after?: string;
    limit?: number;
  },
) => Promise<unknown>;
export type BulkChange = (db: Db, actor: Actor, numbers: number[], priority: number) => Promise<unknown>;

async function load<T>(path: string, name: string): Promise<T | null> {
  try {
    const loaded = (await import(new URL(path, import.meta.url).href)) as Record<string, unknown>;
    return typeof loaded[name] === 'function' ? (loaded[name] as T) : null;
  } catch {
    return null;
  }
}

export const loadSearch = () => load<SearchTickets>('../lib/search/search-tickets.ts', 'searchTickets');

type BulkUpdate = (db: Db, actor: Actor, raw: unknown) => Promise<{ ok: boolean; message?: string }>;

/** The bulk-change use case if it exists (`lib/pipeline/bulk-update.ts`), as a priority change with a reason. */
export async function loadBulkChange(): Promise<{ label: string; run: BulkChange }> {
  const bulkUpdate = await load<BulkUpdate>('../lib/pipeline/bulk-update.ts', 'bulkUpdate');
  if (!bulkUpdate) return { label: 'bulk_priority_100_bench_local', run: setPriorityStandIn };
  return {
    label: 'bulk_priority_100',
    run: async (db, actor, numbers, priority) => {
      const result = await bulkUpdate(db, actor, {
        numbers,
        change: { kind: 'priority', priority, reason: 'Bench: re-prioritised in bulk.' },
      });
      if (!result.ok) throw new Error(`bulk change refused: ${result.message}`);
      return result;
    },
  };
}

/**
 * Stand-in until a bulk use case exists: one transaction that locks the requests in id order,
 * sets their priority with one UPDATE and appends one event per changed request in one INSERT.
 */
async function setPriorityStandIn(db: Db, actor: Actor, numbers: number[], priority: number): Promise<number> {
  requirePermission(actor, 'ticket.work');
  return db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const locked = await tx
      .select({ id: tickets.id, priority: tickets.priority })
      .from(tickets)
      .where(and(inArray(tickets.number, numbers), ne(tickets.status, 'closed')))
      .orderBy(asc(tickets.id))
      .for('update');
    const changing = locked.filter((t) => t.priority !== priority);
    if (changing.length === 0) return 0;
    await tx
      .update(tickets)
      .set({
        priority,
        priorityOverrideReason: 'Bench: re-prioritised in bulk.',
        version: sql`${tickets.version} + 1`,
        updatedAt: new Date(),
      })
      .where(
        inArray(
          tickets.id,
          changing.map((t) => t.id),
        ),
      );
    await tx.insert(ticketEvents).values(
      changing.map((t) => ({
        ticketId: t.id,
        actorUserId: actor.userId,
        type: 'priority_overridden',
        fromValue: String(t.priority),
        toValue: String(priority),
      })),
    );
    return changing.length;
  });
}
