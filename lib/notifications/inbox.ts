import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { notifications, tickets, type NotificationKind } from '@/db/schema';
import { isStaff, type Actor } from '@/lib/auth/actor';
import { attempt, fail, fromZod, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { notifyNotifications } from '@/lib/live/channels';
import { cursorTime } from '@/lib/tickets/queue';

/** One line of the bell and of /notifications. */
export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  summary: string;
  /** Null for a notification about no request (a paused webhook). */
  ticketNumber: number | null;
  ticketSubject: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface NotificationPage {
  items: NotificationItem[];
  unread: number;
  /** Cursor of the next (older) page, or null on the last. */
  next: string | null;
}

export const BELL_SIZE = 8;
export const PAGE_SIZE = 25;

const NOT_FOUND = 'Page not found.';

/** Notifications are staff's: a customer is told there is nothing here. */
function requireStaff(actor: Actor): void {
  if (!isStaff(actor)) fail('not_found', NOT_FOUND);
}

const cursorSchema = z.tuple([cursorTime, z.uuid()]);
const encodeCursor = (n: { createdAt: Date; id: string }) =>
  Buffer.from(JSON.stringify([n.createdAt.toISOString(), n.id])).toString('base64url');
function decodeCursor(cursor: string): [string, string] {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown);
  } catch {
    fail('invalid', 'That page link is no longer valid; start from the first page.');
  }
}

export const listSchema = z.object({
  before: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

/**
 * The signed-in staff member's notifications, newest first, by keyset on (created_at, id)
 * (index notifications_user_recent_idx), with their unread count (notifications_user_idx).
 */
export async function listNotifications(db: Db, actor: Actor, raw: unknown): Promise<Result<NotificationPage>> {
  const parsed = listSchema.safeParse(raw);
  if (!parsed.success) return fromZod(parsed.error, 'The request has invalid parameters.');
  return attempt(async () => {
    requireStaff(actor);
    const limit = parsed.data.limit ?? PAGE_SIZE;
    const cursor = parsed.data.before ? decodeCursor(parsed.data.before) : null;
    const [rows, unread] = await Promise.all([
      db
        .select({
          id: notifications.id,
          kind: notifications.kind,
          summary: notifications.summary,
          ticketNumber: tickets.number,
          ticketSubject: sql<string>`coalesce(${tickets.subject}, 'Webhooks')`,
          createdAt: notifications.createdAt,
          readAt: notifications.readAt,
        })
        .from(notifications)
        .leftJoin(tickets, eq(tickets.id, notifications.ticketId))
        .where(
          and(
            eq(notifications.userId, actor.userId),
            cursor
              ? sql`(${notifications.createdAt}, ${notifications.id}) < (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)`
              : undefined,
          ),
        )
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(limit + 1),
      unreadCount(db, actor.userId),
    ]);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, unread, next: rows.length > limit && last ? encodeCursor(last) : null };
  });
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export const markReadSchema = z.union([
  z.object({ all: z.literal(true) }),
  z.object({ ids: z.array(z.uuid('Unknown notification.')).min(1).max(100) }),
]);

/**
 * Marks the actor's own notifications read (some, or all). Someone else's ids are ignored, as
 * are ones already read. Their other tabs and instances hear of it and refetch.
 */
export function markNotificationsRead(db: Db, actor: Actor, raw: unknown): Promise<Result<{ unread: number }>> {
  return runUseCase(db, markReadSchema, raw, async (tx, input) => {
    requireStaff(actor);
    const changed = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(
        and(
          eq(notifications.userId, actor.userId),
          isNull(notifications.readAt),
          'ids' in input ? inArray(notifications.id, input.ids) : undefined,
        ),
      )
      .returning({ id: notifications.id });
    if (changed.length > 0) await notifyNotifications(tx, [actor.userId]);
    return { unread: await unreadCount(tx, actor.userId) };
  });
}

const openSchema = z.object({ id: z.uuid(NOT_FOUND) });

/** Following a notification: marks it read and says which request (or, without one, which page) to show. */
export function openNotification(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<{ number: number | null; link: string | null }>> {
  return runUseCase(db, openSchema, raw, async (tx, input) => {
    requireStaff(actor);
    const [row] = await tx
      .select({ number: tickets.number, link: notifications.link, readAt: notifications.readAt })
      .from(notifications)
      .leftJoin(tickets, eq(tickets.id, notifications.ticketId))
      .where(and(eq(notifications.id, input.id), eq(notifications.userId, actor.userId)));
    if (!row) fail('not_found', NOT_FOUND);
    if (!row.readAt) {
      await tx.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, input.id));
      await notifyNotifications(tx, [actor.userId]);
    }
    return { number: row.number, link: row.number === null ? row.link : null };
  });
}
