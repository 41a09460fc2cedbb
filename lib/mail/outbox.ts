import { and, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { outbox, outboxStatusEnum, tickets, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { safeString } from '@/lib/core/fields';

export const OUTBOX_PAGE = 50;
export type OutboxStatus = (typeof outboxStatusEnum.enumValues)[number];

/** /admin/outbox's filters; anything malformed (a forged cursor) falls back to the default view. */
export const outboxFilterSchema = z.object({
  status: z.enum(outboxStatusEnum.enumValues).optional().catch(undefined),
  q: safeString().trim().max(200).optional().catch(undefined),
  /** Keyset: the id of the last mail of the previous page. */
  before: z.uuid().optional().catch(undefined),
});
export type OutboxFilter = z.output<typeof outboxFilterSchema>;

export interface OutboxListItem {
  id: string;
  kind: string;
  toAddress: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  ticketNumber: number | null;
}

/**
 * Mail, newest first, by status and an address or subject fragment; a keyset page of 50. Admins
 * only: the outbox holds live invitation and password-reset links.
 */
export async function listOutbox(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<{ items: OutboxListItem[]; next: string | null; filter: OutboxFilter }> {
  requirePermission(actor, 'admin');
  const filter = outboxFilterSchema.parse(raw ?? {});
  const where: SQL[] = [];
  if (filter.status) where.push(eq(outbox.status, filter.status));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(outbox.toAddress, like), ilike(outbox.subject, like))!);
  }
  // Compared in the database: created_at has microseconds, a JavaScript date only milliseconds.
  if (filter.before)
    where.push(
      sql`(${outbox.createdAt}, ${outbox.id}) < (select o.created_at, o.id from outbox o where o.id = ${filter.before})`,
    );
  const rows = await db
    .select({
      id: outbox.id,
      kind: outbox.kind,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      status: outbox.status,
      attempts: outbox.attempts,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      ticketNumber: tickets.number,
    })
    .from(outbox)
    .leftJoin(tickets, eq(tickets.id, outbox.ticketId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(OUTBOX_PAGE + 1);
  const items = rows.slice(0, OUTBOX_PAGE);
  const last = items.at(-1);
  return {
    items,
    next: rows.length > OUTBOX_PAGE && last ? last.id : null,
    filter,
  };
}

/** Counts per status, for the filter's labels. */
export async function outboxCounts(db: Db, actor: Actor): Promise<Record<OutboxStatus, number>> {
  requirePermission(actor, 'admin');
  const rows = await db
    .select({ status: outbox.status, n: sql<number>`count(*)::int` })
    .from(outbox)
    .groupBy(outbox.status);
  const counts: Record<OutboxStatus, number> = { queued: 0, sent: 0, failed: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

export type OutboxMail = typeof outbox.$inferSelect & { ticketNumber: number | null; fromName: string | null };

/** One mail with everything /admin/outbox shows: headers, both parts, delivery state. Null if unknown. Admins only. */
export async function getOutboxMail(db: Db, actor: Actor, id: string): Promise<OutboxMail | null> {
  requirePermission(actor, 'admin');
  if (!z.uuid().safeParse(id).success) return null;
  const [row] = await db
    .select({ mail: outbox, ticketNumber: tickets.number, fromName: users.name })
    .from(outbox)
    .leftJoin(tickets, eq(tickets.id, outbox.ticketId))
    .leftJoin(users, eq(users.id, outbox.fromUserId))
    .where(eq(outbox.id, id));
  return row ? { ...row.mail, ticketNumber: row.ticketNumber, fromName: row.fromName } : null;
}
