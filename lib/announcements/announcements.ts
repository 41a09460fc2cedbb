/**
 * Known problems (issue 13): staff post an announcement ("Card payments are failing since 10:00;
 * we are on it") that every portal page shows until it is closed, so customers learn before they
 * ask. Any staff member may post, edit and close one — the agent who takes the third call about an
 * outage should not have to find a lead first — and each change is in the audit log with who made
 * it. The body is Markdown, rendered only through `renderMarkdown` (lib/help/markdown.ts).
 */
import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { announcements, tickets, users, type Announcement } from '@/db/schema';
import { changedFields, recordAudit } from '@/lib/admin/audit';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { safeString, text } from '@/lib/core/fields';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';

export const MAX_ANNOUNCEMENT_TITLE = 120;
export const MAX_ANNOUNCEMENT_BODY = 2000;
/** The banner shows at most this many (newest first): an outage page, not a news feed. */
export const MAX_OPEN_SHOWN = 5;
/** Closed ones stay listed on /announcements this long. */
export const RECENTLY_CLOSED_DAYS = 14;

const TICKET_REF = 'Enter a request number (#1042) or a CERN, or leave it empty.';

/** "#1042", "1042" or "CERN-2026-000042" (any case), or empty. */
const ticketRef = safeString()
  .trim()
  .max(40, TICKET_REF)
  .refine((v) => v === '' || /^#?\d{1,10}$/.test(v) || /^cern-\d{4}-\d{6}$/i.test(v), TICKET_REF)
  .optional()
  .transform((v) => (v ? v : undefined));

const fields = {
  title: text('Title', MAX_ANNOUNCEMENT_TITLE),
  body: safeString()
    .trim()
    .max(MAX_ANNOUNCEMENT_BODY, `The text must be at most ${MAX_ANNOUNCEMENT_BODY.toLocaleString('en')} characters.`)
    .default(''),
  ticket: ticketRef,
};
const postSchema = z.object(fields);
const editSchema = z.object({ id: z.uuid('Announcement not found.'), ...fields });
const closeSchema = z.object({ id: z.uuid('Announcement not found.') });

/** The request an announcement is about, from the form's reference; a field error when there is none such. */
async function findTicket(tx: Db, ref: string | undefined): Promise<{ id: string; number: number } | null> {
  if (!ref) return null;
  const isCern = /^cern-/i.test(ref);
  const number = isCern ? NaN : Number(ref.replace(/^#/, ''));
  if (!isCern && (!Number.isInteger(number) || number < 1 || number > 2_147_483_647))
    fail('invalid', 'No such request.', { ticket: ['No request has this number.'] });
  const [ticket] = await tx
    .select({ id: tickets.id, number: tickets.number })
    .from(tickets)
    .where(isCern ? eq(tickets.cern, ref.toUpperCase()) : eq(tickets.number, number));
  if (!ticket)
    fail('invalid', 'No such request.', {
      ticket: [isCern ? 'No request has this CERN.' : 'No request has this number.'],
    });
  return ticket;
}

type Audited = { title: string; body: string; ticketId: string | null };
const audited = (a: Announcement): Audited => ({ title: a.title, body: a.body, ticketId: a.ticketId });

async function lockAnnouncement(tx: Db, id: string): Promise<Announcement> {
  const [row] = await tx.select().from(announcements).where(eq(announcements.id, id)).for('update');
  if (!row) fail('not_found', 'Announcement not found.');
  return row;
}

/** Posts a known problem: shown on every portal page at once, until closed. */
export function postAnnouncement(db: Db, actor: Actor, raw: unknown): Promise<Result<Announcement>> {
  return runUseCase(db, postSchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    const ticket = await findTicket(tx, input.ticket);
    const [row] = await tx
      .insert(announcements)
      .values({ title: input.title, body: input.body, ticketId: ticket?.id ?? null, createdBy: actor.userId })
      .returning();
    if (!row) throw new Error('announcement insert returned nothing');
    await recordAudit(tx, actor, {
      action: 'announcement.posted',
      entityType: 'announcement',
      entityId: row.id,
      entityLabel: row.title,
      after: audited(row),
    });
    return row;
  });
}

/** Corrects or updates an open announcement ("fixed for most customers, a few still affected"). */
export function editAnnouncement(db: Db, actor: Actor, raw: unknown): Promise<Result<Announcement>> {
  return runUseCase(db, editSchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    const before = await lockAnnouncement(tx, input.id);
    if (before.closedAt) fail('unprocessable', 'This announcement is closed; post a new one instead.');
    const ticket = await findTicket(tx, input.ticket);
    const next = { title: input.title, body: input.body, ticketId: ticket?.id ?? null };
    const changes = changedFields(audited(before), next);
    if (!changes) return before;
    const [row] = await tx
      .update(announcements)
      .set({ ...next, updatedAt: new Date() })
      .where(eq(announcements.id, before.id))
      .returning();
    if (!row) throw new Error('announcement update returned nothing');
    await recordAudit(tx, actor, {
      action: 'announcement.edited',
      entityType: 'announcement',
      entityId: row.id,
      entityLabel: row.title,
      ...changes,
    });
    return row;
  });
}

/** Takes a known problem off the portal. Closing a closed one changes nothing (a double click). */
export function closeAnnouncement(db: Db, actor: Actor, raw: unknown): Promise<Result<Announcement>> {
  return runUseCase(db, closeSchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    const before = await lockAnnouncement(tx, input.id);
    if (before.closedAt) return before;
    const now = new Date();
    const [row] = await tx
      .update(announcements)
      .set({ closedAt: now, closedBy: actor.userId, updatedAt: now })
      .where(eq(announcements.id, before.id))
      .returning();
    if (!row) throw new Error('announcement update returned nothing');
    await recordAudit(tx, actor, {
      action: 'announcement.closed',
      entityType: 'announcement',
      entityId: row.id,
      entityLabel: row.title,
      before: { closed: false },
      after: { closed: true },
    });
    return row;
  });
}

export interface OpenAnnouncement {
  id: string;
  title: string;
  body: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * What the portal's banner shows: the open announcements, newest first. One query on the
 * `(closed_at, created_at)` index; anyone may read them (signed out too): they are public notices.
 */
export async function listOpenAnnouncements(db: Db): Promise<OpenAnnouncement[]> {
  return db
    .select({
      id: announcements.id,
      title: announcements.title,
      body: announcements.body,
      createdAt: announcements.createdAt,
      updatedAt: announcements.updatedAt,
    })
    .from(announcements)
    .where(isNull(announcements.closedAt))
    .orderBy(desc(announcements.createdAt))
    .limit(MAX_OPEN_SHOWN);
}

export interface StaffAnnouncement extends OpenAnnouncement {
  closedAt: Date | null;
  ticketNumber: number | null;
  ticketCern: string | null;
  createdByName: string | null;
  closedByName: string | null;
}

/** /announcements: the open ones, then those closed in the last RECENTLY_CLOSED_DAYS days. */
export async function listAnnouncementsForStaff(
  db: Db,
  actor: Actor,
  now: Date = new Date(),
): Promise<StaffAnnouncement[]> {
  requirePermission(actor, 'ticket.work');
  const author = alias(users, 'author');
  const closer = alias(users, 'closer');
  const since = new Date(now.getTime() - RECENTLY_CLOSED_DAYS * 86_400_000);
  return db
    .select({
      id: announcements.id,
      title: announcements.title,
      body: announcements.body,
      createdAt: announcements.createdAt,
      updatedAt: announcements.updatedAt,
      closedAt: announcements.closedAt,
      ticketNumber: tickets.number,
      ticketCern: tickets.cern,
      createdByName: author.name,
      closedByName: closer.name,
    })
    .from(announcements)
    .leftJoin(tickets, eq(tickets.id, announcements.ticketId))
    .leftJoin(author, eq(author.id, announcements.createdBy))
    .leftJoin(closer, eq(closer.id, announcements.closedBy))
    .where(and(or(isNull(announcements.closedAt), gt(announcements.closedAt, since))))
    .orderBy(sql`${announcements.closedAt} is not null`, desc(announcements.createdAt))
    .limit(100);
}
