import { and, asc, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import {
  categories,
  customers,
  inboundEmails,
  businessCalendars,
  messageColumns,
  messages,
  organizations,
  slaPolicies,
  surveys,
  teams,
  ticketColumns,
  ticketEvents,
  tickets,
  users,
  type Customer,
  type Survey,
  type Ticket,
} from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { fail } from '@/lib/core/result';
import { requestOutlook } from '@/lib/progress/request-outlook';
import type { RequestOutlook } from '@/lib/progress/outlook';
import { linksOf, type LinkedTicket } from './links';
import { requestNumber } from './request-number';
import { formatNumber } from './store';
import { tagsOf } from './tags';

export interface TimelineMessage {
  kind: 'message';
  id: string;
  at: Date;
  authorKind: 'agent' | 'customer' | 'system';
  authorName: string;
  body: string;
  visibility: 'public' | 'internal';
  channel: string;
  /** Staff only: the e-mail this message came in as, whose original can be read (lib/mail/inbound). */
  emailId?: string;
}

export interface TimelineEvent {
  kind: 'event';
  id: string;
  at: Date;
  type: string;
  actorName: string | null;
  from: string | null;
  to: string | null;
  data: Record<string, unknown> | null;
}

export type TimelineEntry = TimelineMessage | TimelineEvent;

export interface TicketView {
  /** Staff only (see StaffTicketView). */
  descriptionEmailId?: string | null;
  ticket: Ticket;
  customer: Pick<Customer, 'id' | 'name' | 'email' | 'phone'> & { organization: string | null };
  categoryName: string | null;
  /** The request keeps a category that was retired since (shown with "(retired)"). */
  categoryRetired: boolean;
  teamName: string | null;
  assigneeName: string | null;
  followUpOfNumber: number | null;
  survey: Survey | null;
  timeline: TimelineEntry[];
}

export interface StaffTicketView extends TicketView {
  tags: string[];
  links: LinkedTicket[];
  /** The e-mail that opened the request (its description), whose original can be read. */
  descriptionEmailId: string | null;
  /** The SLA policy its due times come from (lib/sla), with its calendar; null: the built-in targets. */
  slaPolicy: { name: string; calendarName: string | null } | null;
}

const NO_ID = '00000000-0000-0000-0000-000000000000';
const assignee = alias(users, 'assignee');
const followUpOf = alias(tickets, 'follow_up_of');

async function loadView(db: Db, ticket: Ticket, includeInternal: boolean): Promise<TicketView> {
  // One row: the customer and what the ticket's ids name (category, team, assignee, the request
  // it follows up, its survey).
  const [header] = await db
    .select({
      customer: { id: customers.id, name: customers.name, email: customers.email, phone: customers.phone },
      organization: organizations.name,
      categoryName: categories.name,
      categoryRetiredAt: categories.retiredAt,
      teamName: teams.name,
      assigneeName: assignee.name,
      followUpOfNumber: followUpOf.number,
      survey: getTableColumns(surveys),
    })
    .from(customers)
    .leftJoin(organizations, eq(organizations.id, customers.organizationId))
    .leftJoin(categories, eq(categories.id, ticket.categoryId ?? NO_ID))
    .leftJoin(teams, eq(teams.id, ticket.teamId ?? NO_ID))
    .leftJoin(assignee, eq(assignee.id, ticket.assigneeId ?? NO_ID))
    .leftJoin(followUpOf, eq(followUpOf.id, ticket.followUpOfId ?? NO_ID))
    .leftJoin(surveys, eq(surveys.ticketId, ticket.id))
    .where(eq(customers.id, ticket.customerId));
  if (!header) throw new Error(`ticket ${ticket.number} has no customer`);

  const messageRows = await db
    .select({ message: messageColumns, authorName: users.name })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorUserId))
    .where(
      includeInternal
        ? eq(messages.ticketId, ticket.id)
        : and(eq(messages.ticketId, ticket.id), eq(messages.visibility, 'public')),
    )
    .orderBy(asc(messages.createdAt));

  const eventRows = includeInternal
    ? await db
        .select({ event: ticketEvents, actorName: users.name })
        .from(ticketEvents)
        .leftJoin(users, eq(users.id, ticketEvents.actorUserId))
        .where(eq(ticketEvents.ticketId, ticket.id))
        .orderBy(asc(ticketEvents.createdAt), asc(ticketEvents.id))
    : [];

  // Staff read the original of what came in by e-mail: one row per message, by the ticket's index.
  const emails = includeInternal
    ? await db
        .select({ id: inboundEmails.id, messageId: inboundEmails.ticketMessageId })
        .from(inboundEmails)
        .where(and(eq(inboundEmails.ticketId, ticket.id), eq(inboundEmails.status, 'accepted')))
        .orderBy(asc(inboundEmails.receivedAt))
    : [];
  const emailOf = new Map(emails.flatMap((e) => (e.messageId ? [[e.messageId, e.id] as const] : [])));

  const timeline: TimelineEntry[] = [
    ...messageRows.map(({ message: m, authorName }): TimelineMessage => ({
      kind: 'message',
      id: m.id,
      at: m.createdAt,
      authorKind: m.authorKind,
      authorName:
        m.authorKind === 'customer'
          ? header.customer.name
          : m.authorKind === 'system'
            ? 'Cairn'
            : (authorName ?? 'Agent'),
      body: m.body,
      visibility: m.visibility,
      channel: m.channel,
      ...(emailOf.has(m.id) ? { emailId: emailOf.get(m.id) } : {}),
    })),
    ...eventRows.map(({ event: e, actorName }): TimelineEvent => ({
      kind: 'event',
      id: String(e.id),
      at: e.createdAt,
      type: e.type,
      actorName,
      from: e.fromValue,
      to: e.toValue,
      data: e.data ?? null,
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.kind === b.kind ? 0 : a.kind === 'event' ? -1 : 1));

  return {
    ticket,
    customer: { ...header.customer, organization: header.organization },
    categoryName: header.categoryName,
    categoryRetired: header.categoryRetiredAt !== null,
    teamName: header.teamName,
    assigneeName: header.assigneeName,
    followUpOfNumber: header.followUpOfNumber,
    survey: header.survey,
    timeline,
    descriptionEmailId: emails.find((e) => e.messageId === null)?.id ?? null,
  };
}

async function slaPolicyOf(db: Db, policyId: string | null): Promise<StaffTicketView['slaPolicy']> {
  if (!policyId) return null;
  const [row] = await db
    .select({ name: slaPolicies.name, calendarName: businessCalendars.name })
    .from(slaPolicies)
    .leftJoin(businessCalendars, eq(businessCalendars.id, slaPolicies.calendarId))
    .where(eq(slaPolicies.id, policyId));
  return row ?? null;
}

/** The agent's ticket page: everything, internal notes and history included. */
export async function getTicketForStaff(db: Db, actor: Actor, rawNumber: unknown): Promise<StaffTicketView> {
  requirePermission(actor, 'ticket.read_any');
  const number = requestNumber(rawNumber);
  const [ticket] = await db.select(ticketColumns).from(tickets).where(eq(tickets.number, number));
  if (!ticket) fail('not_found', `Request ${formatNumber(number)} was not found.`);
  const [view, tags, links, slaPolicy] = await Promise.all([
    loadView(db, ticket, true),
    tagsOf(db, ticket.id),
    linksOf(db, ticket.id),
    slaPolicyOf(db, ticket.slaPolicyId),
  ]);
  return { ...view, tags, links, descriptionEmailId: view.descriptionEmailId ?? null, slaPolicy };
}

/**
 * The customer's request page: only their own requests (anyone else's is "not found", never
 * "forbidden", so numbers cannot be probed) and only public messages.
 */
export async function getTicketForCustomer(db: Db, actor: Actor, rawNumber: unknown): Promise<CustomerTicketView> {
  const number = requestNumber(rawNumber);
  if (actor.role !== 'customer' || !actor.customerId)
    fail('not_found', `Request ${formatNumber(number)} was not found.`);
  const [ticket] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.number, number), eq(tickets.customerId, actor.customerId)));
  if (!ticket) fail('not_found', `Request ${formatNumber(number)} was not found.`);
  return customerViewOf(db, ticket);
}

/** What the customer sees of a request the caller proved is theirs (a portal login, or a guest link: lib/guest). */
export async function customerViewOf(db: Db, ticket: Ticket): Promise<CustomerTicketView> {
  const view = await loadView(db, ticket, false);
  // An explicit list: routing, priority, SLA and exception details are staff-only.
  const t = view.ticket;
  return {
    ticket: {
      number: t.number,
      cern: t.cern,
      subject: t.subject,
      description: t.description,
      channel: t.channel,
      stage: t.stage,
      status: t.status,
      createdAt: t.createdAt,
      resolvedAt: t.resolvedAt,
      closedAt: t.closedAt,
      resolutionSummary: t.resolutionSummary,
    },
    followUpOfNumber: view.followUpOfNumber,
    survey: view.survey
      ? {
          csat: view.survey.csat,
          nps: view.survey.nps,
          confirmed: view.survey.confirmed,
          answeredAt: view.survey.answeredAt,
        }
      : null,
    timeline: view.timeline.filter((e): e is TimelineMessage => e.kind === 'message'),
    outlook: await requestOutlook(db, t),
  };
}

export interface CustomerTicketView {
  ticket: Pick<
    Ticket,
    | 'number'
    | 'cern'
    | 'subject'
    | 'description'
    | 'channel'
    | 'stage'
    | 'status'
    | 'createdAt'
    | 'resolvedAt'
    | 'closedAt'
    | 'resolutionSummary'
  >;
  followUpOfNumber: number | null;
  survey: Pick<Survey, 'csat' | 'nps' | 'confirmed' | 'answeredAt'> | null;
  timeline: TimelineMessage[];
  /** Where it stands, what happens next, when to expect an answer (lib/progress). */
  outlook: RequestOutlook;
}

export interface MyRequestRow {
  number: number;
  cern: string | null;
  subject: string;
  status: Ticket['status'];
  stage: Ticket['stage'];
  updatedAt: Date;
  createdAt: Date;
}

/** The portal's "my requests": open ones first, then the newest. */
export async function listMyRequests(db: Db, actor: Actor): Promise<MyRequestRow[]> {
  if (actor.role !== 'customer' || !actor.customerId) fail('forbidden', 'Only customers have requests in the portal.');
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
    .where(eq(tickets.customerId, actor.customerId))
    .orderBy(sql`${tickets.status} = 'closed'`, desc(tickets.createdAt))
    .limit(200);
  return rows;
}
