import { and, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { categories, customers, teams, tickets, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { isStaff } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { csvFileName, csvStream, type CsvValue } from '@/lib/export/csv';
import { fromZod, type Result } from '@/lib/core/result';
import type { QueueRow } from './queue';
import { viewFiltersSchema, viewQueryParts, type ViewFilters } from './views';

/** Rows per query: enough to keep the round trips few, small enough to hold (~1 MB). */
export const EXPORT_BATCH = 1000;

export const EXPORT_HEADER = [
  'Number',
  'Exception (CERN)',
  'Subject',
  'Status',
  'Stage',
  'Priority',
  'Channel',
  'Team',
  'Assignee',
  'Category',
  'Customer',
  'Customer e-mail',
  'Created',
  'Updated',
  'First response',
  'Resolved',
  'Resolution due',
] as const;

const assignee = alias(users, 'assignee');

function selectExportRows(db: Db) {
  return db
    .select({
      id: tickets.id,
      number: tickets.number,
      cern: tickets.cern,
      subject: tickets.subject,
      status: tickets.status,
      stage: tickets.stage,
      priority: tickets.priority,
      channel: tickets.channel,
      team: teams.name,
      assignee: assignee.name,
      category: categories.name,
      customer: customers.name,
      customerEmail: customers.email,
      createdAt: tickets.createdAt,
      updatedAt: tickets.updatedAt,
      firstResponseAt: tickets.firstResponseAt,
      resolvedAt: tickets.resolvedAt,
      resolutionDueAt: tickets.resolutionDueAt,
    })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .leftJoin(teams, eq(teams.id, tickets.teamId))
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
    .leftJoin(categories, eq(categories.id, tickets.categoryId))
    .$dynamic();
}
export type ExportRow = Awaited<ReturnType<ReturnType<typeof selectExportRows>['execute']>>[number];

export const exportRow = (r: ExportRow): CsvValue[] => [
  r.number,
  r.cern,
  r.subject,
  r.status,
  r.stage,
  `P${r.priority}`,
  r.channel,
  r.team,
  r.assignee,
  r.category,
  r.customer,
  r.customerEmail,
  r.createdAt,
  r.updatedAt,
  r.firstResponseAt,
  r.resolvedAt,
  r.resolutionDueAt,
];

/** How many requests the export will hold (exact, no cap: the progress bar's total). Staff only. */
export async function countExport(db: Db, actor: Actor, filters: ViewFilters): Promise<number> {
  requirePermission(actor, 'ticket.work');
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(tickets)
    .where(viewQueryParts.where(filters, actor));
  return row?.n ?? 0;
}

/**
 * Every request of a view, in the view's order, one batch at a time: a keyset on the view's sort
 * (the same one its pages use), so each batch is a fresh indexed query and nothing but the batch
 * in hand is held — 1M rows cost what 1,000 do, times a thousand. The batch's ids come from
 * tickets alone, then the joins for those rows only (as listView does).
 */
export async function* exportBatches(
  db: Db,
  actor: Actor,
  filters: ViewFilters,
  batchSize = EXPORT_BATCH,
): AsyncGenerator<ExportRow[]> {
  requirePermission(actor, 'ticket.work');
  const sort = viewQueryParts.sorts[filters.sort];
  const base = viewQueryParts.where(filters, actor);
  let after: ReturnType<typeof sort.after> | undefined;
  for (;;) {
    const ids = db
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(base, after))
      .orderBy(...sort.order(true))
      .limit(batchSize);
    const rows = await selectExportRows(db)
      .where(inArray(tickets.id, ids))
      .orderBy(...sort.order());
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    const last = rows.at(-1)!;
    after = sort.after(sort.key(last as unknown as QueueRow));
  }
}

export interface TicketExport {
  total: number;
  fileName: string;
  body: ReadableStream<Uint8Array>;
}

/**
 * The CSV export of a ticket list: the same filters as the views page (its URL's query), the same
 * access (staff; a customer gets "not found", as for every staff page). Counts first (the progress
 * total), then streams.
 */
export async function exportTickets(db: Db, actor: Actor, query: URLSearchParams): Promise<Result<TicketExport>> {
  if (!isStaff(actor)) return { ok: false, code: 'not_found', message: 'Not found.' };
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    raw[key] = values.length === 1 ? values[0]! : values;
  }
  const parsed = viewFiltersSchema.safeParse(raw);
  if (!parsed.success) return fromZod(parsed.error, 'The filters are not valid.');
  const filters = parsed.data;
  const total = await countExport(db, actor, filters);
  const body = csvStream(EXPORT_HEADER, exportBatches(db, actor, filters), exportRow);
  return { ok: true, data: { total, fileName: csvFileName('tickets'), body } };
}
