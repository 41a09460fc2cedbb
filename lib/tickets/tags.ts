import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { ticketTags, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { runUseCase } from '@/lib/core/run-use-case';
import { safeString, ticketNumber } from '@/lib/core/fields';
import type { Result } from '@/lib/core/result';
import { appendEvents, lockTicket, refuseIfReadOnly } from './store';

export const tagSchema = safeString()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Tags are 1–40 letters, digits, - or _.');

/** "billing, VIP , refund" → ['billing', 'vip', 'refund'] */
export const tagList = z
  .union([safeString(), z.array(safeString())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((t) => t.trim()).filter(Boolean))
  .pipe(z.array(tagSchema).max(20, 'At most 20 tags at a time.'));

const schema = z.object({
  number: ticketNumber,
  add: tagList.optional().default([]),
  remove: tagList.optional().default([]),
});

/** Adds and removes tags on one request; closed requests are read-only. */
export function tagTicket(db: Db, actor: Actor, raw: unknown): Promise<Result<string[]>> {
  return runUseCase(db, schema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    const ticket = await lockTicket(tx, input.number);
    return tagLocked(tx, actor, ticket, input.add, input.remove);
  });
}

/** Adds and removes tags inside a caller's transaction on a locked ticket (the properties panel uses it too). */
export async function tagLocked(
  tx: Db,
  actor: Actor,
  ticket: Ticket,
  add: string[],
  remove: string[],
): Promise<string[]> {
  refuseIfReadOnly(ticket);
  const added = add.length
    ? await tx
        .insert(ticketTags)
        .values([...new Set(add)].map((tag) => ({ ticketId: ticket.id, tag })))
        .onConflictDoNothing()
        .returning({ tag: ticketTags.tag })
    : [];
  const removed = remove.length
    ? await tx
        .delete(ticketTags)
        .where(and(eq(ticketTags.ticketId, ticket.id), inArray(ticketTags.tag, remove)))
        .returning({ tag: ticketTags.tag })
    : [];
  await appendEvents(tx, ticket, actor.userId, [
    ...(added.length ? [{ type: 'tagged' as const, to: added.map((t) => t.tag).join(', ') }] : []),
    ...(removed.length ? [{ type: 'untagged' as const, from: removed.map((t) => t.tag).join(', ') }] : []),
  ]);
  return tagsOf(tx, ticket.id);
}

export async function tagsOf(db: Db, ticketId: string): Promise<string[]> {
  const rows = await db
    .select({ tag: ticketTags.tag })
    .from(ticketTags)
    .where(eq(ticketTags.ticketId, ticketId))
    .orderBy(asc(ticketTags.tag));
  return rows.map((r) => r.tag);
}
