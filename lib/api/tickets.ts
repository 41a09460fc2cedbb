import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { tickets } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import type { Result } from '@/lib/core/result';
import { logContact } from '@/lib/pipeline/log-contact';
import { mergeTickets } from '@/lib/pipeline/merge-tickets';
import { resolveTicket } from '@/lib/pipeline/resolve-ticket';
import { saveProperties } from '@/lib/pipeline/save-properties';
import { sendReply } from '@/lib/pipeline/send-reply';
import { getTicketForStaff, type TimelineEntry } from '@/lib/tickets/get-ticket';
import { listView } from '@/lib/tickets/views';
import { ApiError, errorReply, etagOf, parseVersionTag, replyOf, type Reply } from './handler';
import {
  messageOut,
  postedMessageOut,
  ticketOut,
  ticketRowOut,
  updateTicketInput,
  type listTickets,
  type mergeBody,
  type noteBody,
  type replyBody,
  type resolveBody,
  type updateTicketBody,
} from './resources/tickets';

/**
 * The ticket resources of the public API: each calls the same lib/ use case as the browser and
 * maps its result to the API's representation (lib/api/resources/tickets.ts). Nothing here decides
 * who may do what: the use cases do.
 */

type ListQuery = z.output<NonNullable<(typeof listTickets)['query']>>;

export async function apiListTickets(db: Db, actor: Actor, query: ListQuery): Promise<Reply> {
  const { after, limit, ...filters } = query;
  const page = await listView(db, actor, filters, after, limit);
  return { status: 200, body: { items: page.rows.map(ticketRowOut), next: page.next, total: page.total } };
}

export async function apiCreateTicket(
  db: Db,
  actor: Actor,
  json: unknown,
  idempotencyKey: string | null,
): Promise<Reply> {
  const input = { ...(json as object), ...(idempotencyKey ? { idempotencyKey } : {}) };
  return mapped(await logContact(db, actor, input), (d) => ({
    status: 201,
    headers: { ETag: etagOf(d.ticket.version), Location: `/api/v1/tickets/${d.ticket.number}` },
    body: { ticket: ticketOut(d.ticket), customerCreated: d.customerCreated },
  }));
}

export async function apiGetTicket(db: Db, actor: Actor, number: number): Promise<Reply> {
  const view = await getTicketForStaff(db, actor, number);
  const t = view.ticket;
  return {
    status: 200,
    headers: { ETag: etagOf(t.version) },
    body: {
      ...ticketOut(t),
      customer: view.customer,
      categoryName: view.categoryName,
      teamName: view.teamName,
      assigneeName: view.assigneeName,
      tags: view.tags,
    },
  };
}

export async function apiUpdateTicket(
  db: Db,
  actor: Actor,
  number: number,
  version: number,
  body: z.output<typeof updateTicketBody>,
): Promise<Reply> {
  const result = await saveProperties(db, actor, updateTicketInput(number, version, body));
  return versioned(db, number, version, result, (d) => ({
    status: 200,
    headers: { ETag: etagOf(d.ticket.version) },
    body: { ticket: ticketOut(d.ticket), tags: d.tags, changed: d.changed },
  }));
}

const isMessage = (e: TimelineEntry): e is Extract<TimelineEntry, { kind: 'message' }> => e.kind === 'message';

export async function apiListMessages(db: Db, actor: Actor, number: number): Promise<Reply> {
  const view = await getTicketForStaff(db, actor, number);
  return { status: 200, body: { items: view.timeline.filter(isMessage).map(messageOut) } };
}

export async function apiTimeline(db: Db, actor: Actor, number: number): Promise<Reply> {
  const view = await getTicketForStaff(db, actor, number);
  return {
    status: 200,
    headers: { ETag: etagOf(view.ticket.version) },
    body: { version: view.ticket.version, status: view.ticket.status, timeline: view.timeline },
  };
}

/** A reply; with `then` (pending, on hold, resolve) the status change is checked against If-Match. */
export async function apiReply(
  db: Db,
  actor: Actor,
  number: number,
  body: z.output<typeof replyBody>,
  ifMatch: string | null,
): Promise<Reply> {
  let version: number | undefined;
  if (body.then) {
    if (ifMatch === null)
      throw new ApiError(428, 'precondition_required', 'Changing the status with a reply needs If-Match.');
    version = parseVersionTag(ifMatch) ?? undefined;
    if (version === undefined)
      throw new ApiError(412, 'precondition_failed', 'If-Match must be an ETag this API gave you.');
  }
  const result = await sendReply(db, actor, { number, visibility: 'public', ...body, version });
  const map = (d: { message: Parameters<typeof postedMessageOut>[0]; ticket: Parameters<typeof ticketOut>[0] }) => ({
    status: 201,
    headers: { ETag: etagOf(d.ticket.version) },
    body: { message: postedMessageOut(d.message, actor.name), ticket: ticketOut(d.ticket) },
  });
  return version === undefined ? mapped(result, map) : versioned(db, number, version, result, map);
}

export async function apiNote(db: Db, actor: Actor, number: number, body: z.output<typeof noteBody>): Promise<Reply> {
  const result = await sendReply(db, actor, { number, visibility: 'internal', body: body.body });
  return mapped(result, (d) => ({
    status: 201,
    body: { message: postedMessageOut(d.message, actor.name), ticket: ticketOut(d.ticket) },
  }));
}

export async function apiResolve(
  db: Db,
  actor: Actor,
  number: number,
  version: number,
  body: z.output<typeof resolveBody>,
): Promise<Reply> {
  const result = await resolveTicket(db, actor, { number, version, summary: body.summary });
  return versioned(db, number, version, result, (t) => ({
    status: 200,
    headers: { ETag: etagOf(t.version) },
    body: { ticket: ticketOut(t) },
  }));
}

export async function apiMerge(db: Db, actor: Actor, number: number, body: z.output<typeof mergeBody>): Promise<Reply> {
  return replyOf(await mergeTickets(db, actor, { number, into: body.into }), 200, (t) => ({ ticket: ticketOut(t) }));
}

function mapped<T>(result: Result<T>, map: (data: T) => Reply): Reply {
  return result.ok ? map(result.data) : replyOf(result);
}

/**
 * A versioned change's answer: a conflict because the ticket moved past If-Match is 412 with the
 * current ETag (the use case's own version check decided, under its row lock); other conflicts stay 409.
 */
async function versioned<T>(
  db: Db,
  number: number,
  version: number,
  result: Result<T>,
  map: (data: T) => Reply,
): Promise<Reply> {
  if (result.ok) return map(result.data);
  if (result.code === 'conflict') {
    const [row] = await db.select({ version: tickets.version }).from(tickets).where(eq(tickets.number, number));
    if (row && row.version !== version)
      return errorReply(
        412,
        'precondition_failed',
        `The ticket is at version ${row.version}, not ${version}: read it again, then retry.`,
        undefined,
        { ETag: etagOf(row.version) },
      );
  }
  return replyOf(result);
}
