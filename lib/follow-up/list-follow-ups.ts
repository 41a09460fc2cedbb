import { aliasedTable, and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import {
  customers,
  followUpKindEnum,
  followUps,
  rootCauses,
  teams,
  tickets,
  users,
  type FollowUpKind,
  type FollowUpOutcome,
  type FollowUpStatus,
} from '@/db/schema';
import { isStaff, type Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { attempt, fail, fromZod, type Result } from '@/lib/core/result';
import { cursorTime } from '@/lib/tickets/queue';
import { canSeeFollowUp, followUpScope } from './access';

/** One line of a follow-up queue: what the caller needs on the phone, and what was recorded. */
export interface FollowUpItem {
  id: string;
  kind: FollowUpKind;
  status: FollowUpStatus;
  number: number;
  subject: string;
  ticketStatus: string;
  customerName: string;
  phone: string | null;
  email: string | null;
  teamId: string | null;
  teamName: string | null;
  ownerName: string | null;
  csat: number | null;
  nps: number | null;
  comment: string | null;
  requestedByName: string | null;
  requestNote: string | null;
  outcome: FollowUpOutcome | null;
  rootCause: string | null;
  note: string | null;
  attempts: number;
  lastAttemptAt: Date | null;
  createdAt: Date;
  doneAt: Date | null;
  doneByName: string | null;
}

export interface FollowUpPage {
  items: FollowUpItem[];
  /** Cursor of the next page, or null on the last. */
  next: string | null;
}

export const FOLLOW_UP_PAGE_SIZE = 25;
export const FOLLOW_UP_STATUS_FILTERS = ['open', 'done', 'all'] as const;

export const listFollowUpsSchema = z.object({
  kind: z.enum(followUpKindEnum.enumValues, { error: 'Unknown follow-up queue.' }),
  status: z.enum(FOLLOW_UP_STATUS_FILTERS).default('open'),
  teamId: z
    .union([z.uuid('Unknown team.'), z.literal('')])
    .optional()
    .transform((v) => v || undefined),
  after: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

const cursorSchema = z.tuple([z.enum(['open', 'done']), cursorTime, z.uuid()]);
const encodeCursor = (r: { status: FollowUpStatus; createdAt: Date; id: string }) =>
  Buffer.from(JSON.stringify([r.status, r.createdAt.toISOString(), r.id])).toString('base64url');
function decodeCursor(cursor: string): [FollowUpStatus, string, string] {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown);
  } catch {
    fail('invalid', 'That page link is no longer valid; start from the first page.');
  }
}

const owner = aliasedTable(users, 'owner');
const requester = aliasedTable(users, 'requester');
const closer = aliasedTable(users, 'closer');

const ITEM_COLUMNS = {
  id: followUps.id,
  kind: followUps.kind,
  status: followUps.status,
  number: tickets.number,
  subject: tickets.subject,
  ticketStatus: tickets.status,
  customerName: customers.name,
  phone: customers.phone,
  email: customers.email,
  teamId: followUps.teamId,
  teamName: teams.name,
  ownerName: owner.name,
  csat: followUps.csat,
  nps: followUps.nps,
  comment: followUps.comment,
  requestedByName: requester.name,
  requestNote: followUps.requestNote,
  outcome: followUps.outcome,
  rootCause: rootCauses.name,
  note: followUps.note,
  attempts: followUps.attempts,
  lastAttemptAt: followUps.lastAttemptAt,
  createdAt: followUps.createdAt,
  doneAt: followUps.doneAt,
  doneByName: closer.name,
};

function itemQuery(db: Db) {
  return db
    .select(ITEM_COLUMNS)
    .from(followUps)
    .innerJoin(tickets, eq(tickets.id, followUps.ticketId))
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .leftJoin(teams, eq(teams.id, followUps.teamId))
    .leftJoin(owner, eq(owner.id, followUps.ownerId))
    .leftJoin(requester, eq(requester.id, followUps.requestedBy))
    .leftJoin(closer, eq(closer.id, followUps.doneBy))
    .leftJoin(rootCauses, eq(rootCauses.id, followUps.rootCauseId));
}

/**
 * A follow-up queue, open first, oldest first, by keyset on (status, created_at, id) — the enum
 * declares open before done — over follow_ups_queue_idx, or follow_ups_team_queue_idx with a team.
 * Who sees which rows: `followUpScope` (lib/follow-up/access.ts).
 */
export async function listFollowUps(db: Db, actor: Actor, raw: unknown): Promise<Result<FollowUpPage>> {
  const parsed = listFollowUpsSchema.safeParse(raw);
  if (!parsed.success) return fromZod(parsed.error, 'The queue has invalid filters.');
  return attempt(async () => {
    const input = parsed.data;
    const scope = await followUpScope(db, actor, input.kind);
    const limit = input.limit ?? FOLLOW_UP_PAGE_SIZE;
    const cursor = input.after ? decodeCursor(input.after) : null;
    const rows = await itemQuery(db)
      .where(
        and(
          eq(followUps.kind, input.kind),
          input.status === 'all' ? undefined : eq(followUps.status, input.status),
          input.teamId ? eq(followUps.teamId, input.teamId) : undefined,
          scope,
          cursor
            ? sql`(${followUps.status}, ${followUps.createdAt}, ${followUps.id}) > (${cursor[0]}::follow_up_status, ${cursor[1]}::timestamptz, ${cursor[2]}::uuid)`
            : undefined,
        ),
      )
      .orderBy(asc(followUps.status), asc(followUps.createdAt), asc(followUps.id))
      .limit(limit + 1);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, next: rows.length > limit && last ? encodeCursor(last) : null };
  });
}

/** The follow-ups of one request the actor may see, newest first (the ticket page's note). */
export async function listTicketFollowUps(db: Db, actor: Actor, ticketId: string): Promise<FollowUpItem[]> {
  if (!isStaff(actor)) return [];
  const rows = await itemQuery(db)
    .where(eq(followUps.ticketId, ticketId))
    .orderBy(desc(followUps.createdAt), desc(followUps.id));
  const visible: FollowUpItem[] = [];
  for (const row of rows) if (await canSeeFollowUp(db, actor, row)) visible.push(row);
  return visible;
}

/** Which queues this actor works: the /follow-ups page shows a section for each. */
export function followUpQueues(actor: Actor): FollowUpKind[] {
  if (!isStaff(actor)) return [];
  return followUpKindEnum.enumValues.filter((kind) =>
    can(actor, kind === 'call' ? 'follow_up.calls' : 'follow_up.detractors'),
  );
}
