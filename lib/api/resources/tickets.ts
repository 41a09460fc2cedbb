import { z } from 'zod';
import type { Message, Ticket } from '@/db/schema';
import { MAX_BODY, ticketNumber } from '@/lib/core/fields';
import { logContactSchema, severity, impact } from '@/lib/pipeline/schemas';
import { SEND_THEN } from '@/lib/pipeline/send-reply';
import type { TimelineEntry } from '@/lib/tickets/get-ticket';
import type { QueueRow } from '@/lib/tickets/queue';
import { viewFiltersSchema } from '@/lib/tickets/views';
import { safeString, text } from '@/lib/core/fields';
import { defineOperation } from '../operation';
import { dateTime, nullableDate, numberParams, uuid } from './common';

const status = z.enum(['new', 'open', 'pending', 'on_hold', 'resolved', 'closed']);
const stage = z.enum(['inquiry', 'identification', 'resolution', 'follow_up']);
const channel = z.enum(['web', 'email', 'phone', 'chat', 'social', 'api']);

export const ticketSchema = z
  .object({
    number: z.int(),
    cern: z.string().nullable().describe('The Customer Exception Reference Number, once an exception is raised.'),
    subject: z.string(),
    description: z.string(),
    channel,
    stage,
    status,
    priority: z.int().min(1).max(4),
    severity: z.int().nullable(),
    impact: z.enum(['single', 'several', 'many']).nullable(),
    categoryId: uuid.nullable(),
    teamId: uuid.nullable(),
    assigneeId: uuid.nullable(),
    customerId: uuid,
    resolutionSummary: z.string().nullable(),
    firstResponseDueAt: nullableDate,
    resolutionDueAt: nullableDate,
    firstResponseAt: nullableDate,
    resolvedAt: nullableDate,
    closedAt: nullableDate,
    createdAt: dateTime,
    updatedAt: dateTime,
    version: z.int().describe('Also the ETag: send it back in If-Match to update.'),
  })
  .meta({ id: 'Ticket' });

export function ticketOut(t: Ticket): z.input<typeof ticketSchema> {
  return {
    number: t.number,
    cern: t.cern,
    subject: t.subject,
    description: t.description,
    channel: t.channel,
    stage: t.stage,
    status: t.status,
    priority: t.priority,
    severity: t.severity,
    impact: t.impact,
    categoryId: t.categoryId,
    teamId: t.teamId,
    assigneeId: t.assigneeId,
    customerId: t.customerId,
    resolutionSummary: t.resolutionSummary,
    firstResponseDueAt: iso(t.firstResponseDueAt),
    resolutionDueAt: iso(t.resolutionDueAt),
    firstResponseAt: iso(t.firstResponseAt),
    resolvedAt: iso(t.resolvedAt),
    closedAt: iso(t.closedAt),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    version: t.version,
  };
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const ticketDetailSchema = ticketSchema
  .extend({
    customer: z.object({
      id: uuid,
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      organization: z.string().nullable(),
    }),
    categoryName: z.string().nullable(),
    teamName: z.string().nullable(),
    assigneeName: z.string().nullable(),
    tags: z.array(z.string()),
  })
  .meta({ id: 'TicketDetail' });

export const ticketRowSchema = z
  .object({
    number: z.int(),
    cern: z.string().nullable(),
    subject: z.string(),
    customerName: z.string(),
    priority: z.int(),
    status,
    stage,
    channel,
    assigneeName: z.string().nullable(),
    teamId: uuid.nullable(),
    createdAt: dateTime,
    updatedAt: dateTime,
    firstResponseDueAt: nullableDate,
    resolutionDueAt: nullableDate,
    resolvedAt: nullableDate,
  })
  .meta({ id: 'TicketRow' });

export function ticketRowOut(r: QueueRow): z.input<typeof ticketRowSchema> {
  return {
    number: r.number,
    cern: r.cern,
    subject: r.subject,
    customerName: r.customerName,
    priority: r.priority,
    status: r.status,
    stage: r.stage,
    channel: r.channel,
    assigneeName: r.assigneeName,
    teamId: r.teamId,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    firstResponseDueAt: iso(r.firstResponseDueAt),
    resolutionDueAt: iso(r.resolutionDueAt),
    resolvedAt: iso(r.resolvedAt),
  };
}

export const messageSchema = z
  .object({
    id: uuid,
    at: dateTime,
    authorKind: z.enum(['agent', 'customer', 'system']),
    authorName: z.string(),
    body: z.string(),
    visibility: z.enum(['public', 'internal']),
    channel: z.string(),
  })
  .meta({ id: 'Message' });

export const timelineEntrySchema = z
  .discriminatedUnion('kind', [
    messageSchema.extend({ kind: z.literal('message'), emailId: uuid.optional() }),
    z.object({
      kind: z.literal('event'),
      id: z.string().describe('Events are numbered in order (a bigint as a string).'),
      at: dateTime,
      type: z.string(),
      actorName: z.string().nullable(),
      from: z.string().nullable(),
      to: z.string().nullable(),
      data: z.record(z.string(), z.unknown()).nullable(),
    }),
  ])
  .meta({ id: 'TimelineEntry' });

export function messageOut(m: Extract<TimelineEntry, { kind: 'message' }>): z.input<typeof messageSchema> {
  return {
    id: m.id,
    at: m.at.toISOString(),
    authorKind: m.authorKind,
    authorName: m.authorName,
    body: m.body,
    visibility: m.visibility,
    channel: m.channel,
  };
}

export function postedMessageOut(m: Message, authorName: string): z.input<typeof messageSchema> {
  return {
    id: m.id,
    at: m.createdAt.toISOString(),
    authorKind: m.authorKind,
    authorName,
    body: m.body,
    visibility: m.visibility,
    channel: m.channel,
  };
}

// ---------------------------------------------------------------- operations

const pageQuery = viewFiltersSchema.extend({
  after: z.string().max(400).optional().describe('The `next` cursor of the previous page.'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const listTickets = defineOperation({
  id: 'listTickets',
  method: 'GET',
  path: '/tickets',
  tag: 'Tickets',
  summary: 'List tickets',
  description:
    "The views' filters (repeat a key for several values: `status=open&status=pending`), sorted by `sort`, a page at a time: pass `next` as `after`. `total` counts up to 10,001.",
  scope: 'read',
  query: pageQuery,
  responses: {
    200: {
      description: 'A page of tickets.',
      schema: z
        .object({ items: z.array(ticketRowSchema), next: z.string().nullable(), total: z.int() })
        .meta({ id: 'TicketPage' }),
    },
  },
});

export const createTicket = defineOperation({
  id: 'createTicket',
  method: 'POST',
  path: '/tickets',
  tag: 'Tickets',
  summary: 'Create a ticket for a customer',
  description:
    'As an agent logs a contact: the customer is found by e-mail or phone, or created. Send an Idempotency-Key to make retries safe.',
  scope: 'write',
  body: logContactSchema,
  responses: {
    201: {
      description: 'Created.',
      schema: z.object({ ticket: ticketSchema, customerCreated: z.boolean() }).meta({ id: 'CreatedTicket' }),
    },
  },
});

export const getTicket = defineOperation({
  id: 'getTicket',
  method: 'GET',
  path: '/tickets/{number}',
  tag: 'Tickets',
  summary: 'Read a ticket',
  description: 'The ETag header is the ticket version; send it as If-Match to update.',
  scope: 'read',
  params: numberParams,
  responses: {
    200: { description: 'The ticket.', schema: ticketDetailSchema },
    404: { description: 'No such ticket.' },
  },
});

/** The fields an API client may change: identification, waiting status and tags (the properties panel's parts). */
export const updateTicketBody = z
  .object({
    identification: z
      .object({
        categoryId: z.uuid('Choose a category.'),
        severity,
        impact,
        teamId: z.uuid().optional(),
        assigneeId: z.uuid().nullable().optional().describe('null unassigns; absent keeps the assignee.'),
        priorityOverride: z.int().min(1).max(4).optional(),
        overrideReason: safeString().max(500).optional(),
      })
      .optional(),
    status: z.enum(['open', 'pending', 'on_hold']).optional(),
    tagsAdd: z.array(safeString()).max(20).optional(),
    tagsRemove: z.array(safeString()).max(20).optional(),
  })
  .meta({ id: 'TicketUpdate' });

export const updateTicket = defineOperation({
  id: 'updateTicket',
  method: 'PATCH',
  path: '/tickets/{number}',
  tag: 'Tickets',
  summary: 'Update fields',
  description:
    'Identification (category, severity, impact, team, assignee, priority override), the waiting status and tags, in one change. Requires If-Match.',
  scope: 'write',
  params: numberParams,
  body: updateTicketBody,
  ifMatch: true,
  responses: {
    200: {
      description: 'Saved (or nothing changed).',
      schema: z.object({ ticket: ticketSchema, tags: z.array(z.string()), changed: z.array(z.string()) }),
    },
    404: { description: 'No such ticket.' },
    412: { description: 'If-Match is not the current version.' },
    428: { description: 'If-Match is missing.' },
  },
});

/** The use case's raw input for a PATCH (saveProperties reads the panel's form fields). */
export function updateTicketInput(number: number, version: number, body: z.output<typeof updateTicketBody>) {
  const id = body.identification;
  return {
    number,
    version,
    ...(id
      ? {
          identify: '1',
          categoryId: id.categoryId,
          severity: id.severity,
          impact: id.impact,
          teamId: id.teamId,
          assigneeId: id.assigneeId === null ? '' : id.assigneeId,
          priorityOverride: id.priorityOverride,
          overrideReason: id.overrideReason,
        }
      : {}),
    status: body.status,
    tagsAdd: body.tagsAdd,
    tagsRemove: body.tagsRemove,
  };
}

export const listMessages = defineOperation({
  id: 'listMessages',
  method: 'GET',
  path: '/tickets/{number}/messages',
  tag: 'Tickets',
  summary: "The ticket's messages",
  description: 'Oldest first; internal notes included (the API is for staff).',
  scope: 'read',
  params: numberParams,
  responses: {
    200: { description: 'The messages.', schema: z.object({ items: z.array(messageSchema) }) },
    404: { description: 'No such ticket.' },
  },
});

export const replyBody = z
  .object({
    body: text('Message', MAX_BODY),
    then: z.enum(SEND_THEN).default('').describe('Afterwards: nothing, pending, on_hold or resolve.'),
    summary: safeString().max(5000).optional().describe('The resolution summary with then=resolve.'),
  })
  .meta({ id: 'Reply' });

export const postReply = defineOperation({
  id: 'replyToTicket',
  method: 'POST',
  path: '/tickets/{number}/messages',
  tag: 'Tickets',
  summary: 'Reply to the customer',
  description: 'A public reply, e-mailed to the customer as from the agent. With `then`, send If-Match too.',
  scope: 'write',
  params: numberParams,
  body: replyBody,
  responses: {
    201: {
      description: 'Sent.',
      schema: z.object({ message: messageSchema, ticket: ticketSchema }).meta({ id: 'PostedMessage' }),
    },
    404: { description: 'No such ticket.' },
    409: { description: 'The ticket is closed, or the change is not allowed now.' },
  },
});

export const noteBody = z.object({ body: text('Note', MAX_BODY) }).meta({ id: 'Note' });

export const postNote = defineOperation({
  id: 'addInternalNote',
  method: 'POST',
  path: '/tickets/{number}/notes',
  tag: 'Tickets',
  summary: 'Add an internal note',
  description: 'Seen by staff only.',
  scope: 'write',
  params: numberParams,
  body: noteBody,
  responses: {
    201: { description: 'Added.', schema: z.object({ message: messageSchema, ticket: ticketSchema }) },
    404: { description: 'No such ticket.' },
  },
});

export const resolveBody = z.object({ summary: text('Resolution summary', 5000) }).meta({ id: 'Resolution' });

export const resolveTicketOp = defineOperation({
  id: 'resolveTicket',
  method: 'POST',
  path: '/tickets/{number}/resolve',
  tag: 'Tickets',
  summary: 'Resolve',
  description: 'The customer is asked to confirm and rate. Requires If-Match.',
  scope: 'write',
  params: numberParams,
  body: resolveBody,
  ifMatch: true,
  responses: {
    200: { description: 'Resolved.', schema: z.object({ ticket: ticketSchema }) },
    404: { description: 'No such ticket.' },
    409: { description: 'Not allowed in its state (e.g. not identified yet).' },
    412: { description: 'If-Match is not the current version.' },
    428: { description: 'If-Match is missing.' },
  },
});

export const mergeBody = z.object({ into: ticketNumber.describe('The ticket that stays.') }).meta({ id: 'Merge' });

export const mergeTicketOp = defineOperation({
  id: 'mergeTicket',
  method: 'POST',
  path: '/tickets/{number}/merge',
  tag: 'Tickets',
  summary: 'Merge into another ticket',
  description: 'This ticket (the duplicate) is closed and its conversation moves to `into`.',
  scope: 'write',
  params: numberParams,
  body: mergeBody,
  responses: {
    200: { description: 'Merged: the ticket that stays.', schema: z.object({ ticket: ticketSchema }) },
    404: { description: 'No such ticket.' },
    409: { description: 'These tickets cannot be merged.' },
  },
});

export const getTimeline = defineOperation({
  id: 'getTimeline',
  method: 'GET',
  path: '/tickets/{number}/timeline',
  tag: 'Tickets',
  summary: "The ticket's timeline",
  description: 'Messages and events (status changes, assignments, escalations…) in order.',
  scope: 'read',
  params: numberParams,
  responses: {
    200: {
      description: 'The timeline and the version it is at.',
      schema: z.object({ version: z.int(), status, timeline: z.array(timelineEntrySchema) }).meta({ id: 'Timeline' }),
    },
    404: { description: 'No such ticket.' },
  },
});

export const TICKET_OPERATIONS = [
  listTickets,
  createTicket,
  getTicket,
  updateTicket,
  listMessages,
  postReply,
  postNote,
  resolveTicketOp,
  mergeTicketOp,
  getTimeline,
];
