import { and, desc, eq, ilike, inArray, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { tickets, type Status } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { searchText } from '@/lib/core/fields';
import { fail } from '@/lib/core/result';
import type { MyRequestRow } from '@/lib/tickets/get-ticket';

/**
 * The portal's "my requests" (issue 13): the signed-in customer's own requests, searched by words
 * in the subject and description or by number (#1042, 1042), filtered by where they stand, newest
 * first (by request number, which only grows), a page at a time (keyset on the number). The customer scope is here, not in
 * the page: no query of this file can reach another customer's request. Words match what the
 * customer can read (their subject and description), never staff-only text.
 */
export const MY_REQUEST_FILTERS = {
  open: { label: 'Open', statuses: ['new', 'open', 'on_hold'] },
  waiting: { label: 'Waiting for you', statuses: ['pending'] },
  resolved: { label: 'Resolved', statuses: ['resolved'] },
  closed: { label: 'Closed', statuses: ['closed'] },
} as const satisfies Record<string, { label: string; statuses: readonly Status[] }>;
export type MyRequestFilter = keyof typeof MY_REQUEST_FILTERS;

export const PAGE_SIZE = 20;

const filterKey = z.enum(Object.keys(MY_REQUEST_FILTERS) as [MyRequestFilter, ...MyRequestFilter[]]);

/** What the URL says; anything unreadable is ignored (a bad link still lists, it never fails). */
export const myRequestsQuery = z.object({
  q: searchText(200).catch(''),
  status: filterKey.optional().catch(undefined),
  /** The number of the last row of the previous page. */
  after: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
});
export type MyRequestsQuery = z.input<typeof myRequestsQuery>;

export interface MyRequestsPage {
  rows: MyRequestRow[];
  /** The `after` of the next page, or null on the last one. */
  next: string | null;
  query: { q: string; status: MyRequestFilter | undefined };
}

const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function searchMyRequests(db: Db, actor: Actor, raw: unknown): Promise<MyRequestsPage> {
  if (actor.role !== 'customer' || !actor.customerId) fail('forbidden', 'Only customers have requests in the portal.');
  const { q, status, after } = myRequestsQuery.parse(raw ?? {});
  const conditions: (SQL | undefined)[] = [eq(tickets.customerId, actor.customerId)];
  if (status) conditions.push(inArray(tickets.status, [...MY_REQUEST_FILTERS[status].statuses]));
  if (q) {
    const number = /^#?\s*(\d{1,10})$/.exec(q)?.[1];
    const pattern = `%${likeEscape(q)}%`;
    conditions.push(
      or(
        number && Number(number) <= 2_147_483_647 ? eq(tickets.number, Number(number)) : undefined,
        ilike(tickets.subject, pattern),
        ilike(tickets.description, pattern),
      ),
    );
  }
  if (after) conditions.push(lt(tickets.number, after));
  const rows = await db
    .select({
      number: tickets.number,
      cern: tickets.cern,
      subject: tickets.subject,
      status: tickets.status,
      stage: tickets.stage,
      updatedAt: tickets.updatedAt,
      createdAt: tickets.createdAt,
    })
    .from(tickets)
    .where(and(...conditions))
    .orderBy(desc(tickets.number))
    .limit(PAGE_SIZE + 1);
  const page = rows.slice(0, PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    rows: page,
    next: rows.length > PAGE_SIZE && last ? String(last.number) : null,
    query: { q, status },
  };
}
