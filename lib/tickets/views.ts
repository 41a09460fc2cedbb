import {
  and,
  asc,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lte,
  or,
  sql,
  type AnyColumn,
  type SQL,
} from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import {
  customers,
  savedViews,
  surveys,
  teamMembers,
  tickets,
  ticketTags,
  type SavedView,
  type Status,
} from '@/db/schema';
import { isFirstContact, isReopened, notMergedDuplicate, openAtEndOf, slaOutcomeSql } from '@/lib/metrics/sql';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { runUseCase } from '@/lib/core/run-use-case';
import { safeString } from '@/lib/core/fields';
import { fail, type Result } from '@/lib/core/result';
import { cursorTime, selectQueueRows, type QueueRow } from './queue';
import { ALL_STATUSES } from './transitions';

/** One value or many (a repeated query key); empty form choices ("Any") mean no filter. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => {
    const values = (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x) => x !== '');
    return values.length > 0 ? values : undefined;
  }, z.array(item).optional());
// A day PostgreSQL can hold (year 0000 failed the page); years past 9999 do not pass iso.date.
const day = z
  .union([z.iso.date().refine((d) => Number(d.slice(0, 4)) >= 1, 'Choose a real date.'), z.literal('')])
  .optional()
  .transform((v) => (v ? v : undefined));
const id = z
  .union([z.uuid(), z.literal('')])
  .optional()
  .transform((v) => (v ? v : undefined));

const yes = z
  .enum(['yes', ''])
  .optional()
  .transform((v) => (v ? v : undefined));

/** Everything a view can filter on; the same schema reads a URL's query and a saved view's JSON. */
export const viewFiltersSchema = z.object({
  status: list(z.enum(ALL_STATUSES as [Status, ...Status[]])),
  stage: list(z.enum(['inquiry', 'identification', 'resolution', 'follow_up'])),
  priority: list(z.coerce.number().int().min(1).max(4)),
  channel: list(z.enum(['web', 'email', 'phone', 'chat', 'social', 'api'])),
  teamId: id,
  assigneeId: z
    .union([z.uuid(), z.literal('none'), z.literal('me'), z.literal('')])
    .optional()
    .transform((v) => (v ? v : undefined)),
  categoryId: id,
  /** The customer's organization (the dashboard's key-accounts table). */
  organizationId: id,
  tag: safeString()
    .trim()
    .toLowerCase()
    .max(40)
    .optional()
    .transform((v) => (v ? v : undefined)),
  exception: z
    .enum(['yes', 'no', ''])
    .optional()
    .transform((v) => (v ? v : undefined)),
  dueBefore: day,
  createdFrom: day,
  createdTo: day,
  updatedFrom: day,
  updatedTo: day,
  // Dashboard drill-downs (lib/metrics/drill-down.ts): the tickets behind a figure.
  resolvedFrom: day,
  resolvedTo: day,
  respondedFrom: day,
  respondedTo: day,
  answeredFrom: day,
  answeredTo: day,
  fcr: yes,
  reopened: yes,
  /** In the backlog at the end of this UTC day (the dashboard's backlog-by-age series). */
  openAt: day,
  merged: z
    .enum(['yes', 'no', ''])
    .optional()
    .transform((v) => (v ? v : undefined)),
  sla: z
    .enum(['met', 'missed', 'fr_missed', 'res_missed', ''])
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** The moment running SLA targets are judged at (the rollups' refresh); default now. */
  slaAt: z
    .union([z.iso.datetime().refine((d) => Number(d.slice(0, 4)) >= 1, 'Choose a real moment.'), z.literal('')])
    .optional()
    .transform((v) => (v ? v : undefined)),
  sort: z.enum(['priority', 'age', 'due', 'updated']).catch('priority').default('priority'),
});
export type ViewFilters = z.output<typeof viewFiltersSchema>;

const endOfDay = (d: string) => new Date(`${d}T23:59:59.999Z`);

function where(f: ViewFilters, actor: Actor): SQL | undefined {
  const c: (SQL | undefined)[] = [];
  if (f.status) c.push(inArray(tickets.status, f.status));
  if (f.stage) c.push(inArray(tickets.stage, f.stage));
  if (f.priority) c.push(inArray(tickets.priority, f.priority));
  if (f.channel) c.push(inArray(tickets.channel, f.channel));
  if (f.teamId) c.push(eq(tickets.teamId, f.teamId));
  if (f.assigneeId === 'none') c.push(isNull(tickets.assigneeId));
  else if (f.assigneeId === 'me') c.push(eq(tickets.assigneeId, actor.userId));
  else if (f.assigneeId) c.push(eq(tickets.assigneeId, f.assigneeId));
  if (f.categoryId) c.push(eq(tickets.categoryId, f.categoryId));
  if (f.organizationId)
    c.push(
      sql`${tickets.customerId} in (select ${customers.id} from ${customers} where ${customers.organizationId} = ${f.organizationId})`,
    );
  if (f.openAt) c.push(openAtEndOf(f.openAt));
  if (f.tag)
    c.push(
      sql`exists (select 1 from ${ticketTags} where ${ticketTags.ticketId} = ${tickets.id} and ${ticketTags.tag} = ${f.tag})`,
    );
  if (f.exception === 'yes') c.push(isNotNull(tickets.cern));
  if (f.exception === 'no') c.push(isNull(tickets.cern));
  if (f.dueBefore) c.push(lte(tickets.resolutionDueAt, endOfDay(f.dueBefore)));
  if (f.createdFrom) c.push(gte(tickets.createdAt, new Date(f.createdFrom)));
  if (f.createdTo) c.push(lte(tickets.createdAt, endOfDay(f.createdTo)));
  if (f.updatedFrom) c.push(gte(tickets.updatedAt, new Date(f.updatedFrom)));
  if (f.updatedTo) c.push(lte(tickets.updatedAt, endOfDay(f.updatedTo)));
  if (f.resolvedFrom) c.push(gte(tickets.resolvedAt, new Date(f.resolvedFrom)));
  if (f.resolvedTo) c.push(lte(tickets.resolvedAt, endOfDay(f.resolvedTo)));
  if (f.respondedFrom) c.push(gte(tickets.firstResponseAt, new Date(f.respondedFrom)));
  if (f.respondedTo) c.push(lte(tickets.firstResponseAt, endOfDay(f.respondedTo)));
  if (f.answeredFrom || f.answeredTo) {
    const from = f.answeredFrom
      ? sql` and ${surveys.answeredAt} >= ${new Date(f.answeredFrom).toISOString()}::timestamptz`
      : sql``;
    const to = f.answeredTo
      ? sql` and ${surveys.answeredAt} <= ${endOfDay(f.answeredTo).toISOString()}::timestamptz`
      : sql``;
    // Driven from surveys_answered_idx: the surveys answered in the range, then their tickets by key.
    c.push(
      sql`${tickets.id} in (select ${surveys.ticketId} from ${surveys} where ${surveys.answeredAt} is not null${from}${to})`,
    );
  }
  if (f.fcr) c.push(sql`(${tickets.resolvedAt} is not null and ${isFirstContact})`);
  if (f.reopened) c.push(sql`${isReopened}`);
  if (f.merged === 'no') c.push(notMergedDuplicate);
  if (f.merged === 'yes') c.push(sql`not ${notMergedDuplicate}`);
  if (f.sla) {
    const at = f.slaAt ? new Date(f.slaAt) : new Date();
    const outcome = slaOutcomeSql(at);
    c.push(
      f.sla === 'met'
        ? outcome.met
        : f.sla === 'missed'
          ? outcome.missed
          : f.sla === 'fr_missed'
            ? outcome.frMissed
            : outcome.resMissed,
    );
  }
  return and(...c);
}

/**
 * Each sort is a keyset: the ordered columns, and how to continue after the last row. `order(false)`
 * writes the first key so that no index can serve it (`+ 0`): see listView.
 */
const noWalk = (walk: boolean, column: SQL | AnyColumn, zero: string) =>
  walk ? sql`${column}` : sql`${column} + ${sql.raw(zero)}`;
const SORTS = {
  priority: {
    order: (walk = true) => [asc(noWalk(walk, tickets.priority, '0')), asc(tickets.createdAt), asc(tickets.id)],
    key: (r: Row) => [r.priority, r.createdAt.toISOString(), r.id],
    cursor: z.tuple([z.number().int().min(0).max(9), cursorTime, z.uuid()]),
    after: (k: Key) =>
      sql`(${tickets.priority}, ${tickets.createdAt}, ${tickets.id}) > (${k[0]}, ${k[1]}::timestamptz, ${k[2]}::uuid)`,
  },
  age: {
    order: (walk = true) => [asc(noWalk(walk, tickets.createdAt, "interval '0 seconds'")), asc(tickets.id)],
    key: (r: Row) => [r.createdAt.toISOString(), r.id],
    cursor: z.tuple([cursorTime, z.uuid()]),
    after: (k: Key) => sql`(${tickets.createdAt}, ${tickets.id}) > (${k[0]}::timestamptz, ${k[1]}::uuid)`,
  },
  updated: {
    order: (walk = true) => [desc(noWalk(walk, tickets.updatedAt, "interval '0 seconds'")), desc(tickets.id)],
    key: (r: Row) => [r.updatedAt.toISOString(), r.id],
    cursor: z.tuple([cursorTime, z.uuid()]),
    after: (k: Key) => sql`(${tickets.updatedAt}, ${tickets.id}) < (${k[0]}::timestamptz, ${k[1]}::uuid)`,
  },
  due: {
    // Requests without a due time come last: coalesce to the far future so the keyset stays total.
    order: (walk = true) => [
      asc(noWalk(walk, sql`coalesce(${tickets.resolutionDueAt}, 'infinity'::timestamptz)`, "interval '0 seconds'")),
      asc(tickets.id),
    ],
    key: (r: Row) => [r.resolutionDueAt ? r.resolutionDueAt.toISOString() : 'infinity', r.id],
    cursor: z.tuple([z.union([cursorTime, z.literal('infinity')]), z.uuid()]),
    after: (k: Key) =>
      sql`(coalesce(${tickets.resolutionDueAt}, 'infinity'::timestamptz), ${tickets.id}) > (${k[0]}::timestamptz, ${k[1]}::uuid)`,
  },
} as const;
type Key = (string | number)[];
export type ViewRow = QueueRow;
type Row = ViewRow;

/**
 * A filtered, sorted page of requests (keyset-paginated, only the columns the queue shows), and how
 * many match (up to VIEW_COUNT_CAP + 1). The count comes first and picks the plan: when more than
 * the cap match, walking the sort's index finds a page at once; when fewer do, a walk can pass
 * hundreds of thousands of rows that do not match (new phone requests, oldest first, walked past
 * every closed ticket: 460 ms at 1M), so the sort is written so that no index serves it and
 * PostgreSQL reads the few matches through the filter indexes, then sorts them.
 */
export async function listView(
  db: Db,
  actor: Actor,
  filters: ViewFilters,
  after?: string,
  limit = 25,
  { countCap = VIEW_COUNT_CAP }: { countCap?: number } = {},
): Promise<{ rows: ViewRow[]; next: string | null; total: number }> {
  requirePermission(actor, 'ticket.work');
  const total = await countView(db, actor, filters, countCap);
  const sort = SORTS[filters.sort];
  const conditions = [where(filters, actor)];
  if (after) {
    let key: Key;
    try {
      key = sort.cursor.parse(JSON.parse(Buffer.from(after, 'base64url').toString()));
    } catch {
      fail('invalid', 'That page link is no longer valid; start from the first page.');
    }
    conditions.push(sort.after(key));
  }
  // The page's ids first, from tickets alone, then the joins for those rows only: planned together,
  // the joins' cost per matching row made PostgreSQL walk the sort index past 750,000 closed
  // tickets to find 26 on-hold exceptions (640 ms) instead of reading the 632 through two indexes.
  const pageIds = db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(...conditions))
    .orderBy(...sort.order(total > countCap))
    .limit(Math.min(limit, 100) + 1);
  const rows = await selectQueueRows(db)
    .where(inArray(tickets.id, pageIds))
    .orderBy(...sort.order());
  const page = rows.slice(0, Math.min(limit, 100));
  const last = page.at(-1);
  return {
    rows: page,
    next: rows.length > page.length && last ? Buffer.from(JSON.stringify(sort.key(last))).toString('base64url') : null,
    total,
  };
}

/** Counts stop here: beyond it the sidebar says "10,000+" (counting 170,000 closed tickets took 190 ms at 1M). */
export const VIEW_COUNT_CAP = 10_000;

/** How many requests match, up to VIEW_COUNT_CAP + 1 (more than the cap reads as "10,000+"). */
export async function countView(db: Db, actor: Actor, filters: ViewFilters, cap = VIEW_COUNT_CAP): Promise<number> {
  requirePermission(actor, 'ticket.work');
  const matching = db
    .select({ one: sql`1` })
    .from(tickets)
    .where(where(filters, actor))
    .limit(cap + 1)
    .as('matching');
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(matching);
  return row?.n ?? 0;
}

/** The dashboard drill-down filters in words ("resolved 2026-11-01 – 2026-11-30 · first-contact resolutions"), or null. */
export function describeDrillFilters(f: ViewFilters): string | null {
  const range = (what: string, from?: string, to?: string) =>
    from || to ? [`${what} ${from ?? '…'} – ${to ?? '…'}`] : [];
  const parts = [
    ...(f.openAt ? [`in the backlog at the end of ${f.openAt}`] : []),
    ...range('resolved', f.resolvedFrom, f.resolvedTo),
    ...range('first answered', f.respondedFrom, f.respondedTo),
    ...range('survey answered', f.answeredFrom, f.answeredTo),
    ...(f.fcr ? ['first-contact resolutions'] : []),
    ...(f.reopened ? ['reopened'] : []),
    ...(f.merged === 'no' ? ['merged duplicates left out'] : f.merged === 'yes' ? ['merged duplicates only'] : []),
    ...(f.sla
      ? [
          `SLA ${{ met: 'met', missed: 'missed', fr_missed: 'first response missed', res_missed: 'resolution missed' }[f.sla]}${f.slaAt ? ` (as of ${f.slaAt.slice(0, 16).replace('T', ' ')} UTC)` : ''}`,
        ]
      : []),
  ];
  return parts.length > 0 ? parts.join(' · ') : null;
}

export const formatViewCount = (count: number): string =>
  count > VIEW_COUNT_CAP ? `${VIEW_COUNT_CAP.toLocaleString('en')}+` : count.toLocaleString('en');

const saveSchema = z.object({
  name: safeString({ error: 'Name the view.' }).trim().min(1, 'Name the view.').max(60, 'At most 60 characters.'),
  teamId: id,
  filters: viewFiltersSchema,
});

/** Saves the current filters as a personal view, or a team view (for that team's members). */
export function saveView(db: Db, actor: Actor, raw: unknown): Promise<Result<SavedView>> {
  return runUseCase(db, saveSchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    if (input.teamId) {
      const [member] = await tx
        .select()
        .from(teamMembers)
        .where(and(eq(teamMembers.teamId, input.teamId), eq(teamMembers.userId, actor.userId)));
      if (!member && actor.role === 'agent')
        fail('forbidden', 'Only members of a team save views for it.', {
          teamId: ['Only members of a team save views for it.'],
        });
    }
    const [view] = await tx
      .insert(savedViews)
      .values({
        name: input.name,
        ownerId: input.teamId ? null : actor.userId,
        teamId: input.teamId ?? null,
        filters: input.filters as Record<string, unknown>,
      })
      .returning();
    if (!view) throw new Error('view insert returned nothing');
    return view;
  });
}

/** The agent's own views and their teams' views, each with its current count (for the sidebar). */
export async function listSavedViews(
  db: Db,
  actor: Actor,
): Promise<{ id: string; name: string; team: boolean; filters: ViewFilters; count: number }[]> {
  requirePermission(actor, 'ticket.work');
  const myTeams = db.select({ id: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, actor.userId));
  const views = await db
    .select()
    .from(savedViews)
    .where(or(eq(savedViews.ownerId, actor.userId), inArray(savedViews.teamId, myTeams)))
    .orderBy(asc(savedViews.name))
    .limit(50);
  return Promise.all(
    views.map(async (v) => {
      const filters = viewFiltersSchema.parse(v.filters);
      return { id: v.id, name: v.name, team: v.teamId !== null, filters, count: await countView(db, actor, filters) };
    }),
  );
}

/** A view's filter and keyset sorts, for the streamed CSV export (lib/tickets/export.ts). */
export const viewQueryParts = { where, sorts: SORTS };
