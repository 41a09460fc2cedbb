import type { NotificationKind } from '@/db/schema';
import { formatNumber } from '@/lib/tickets/request-number';
import type { EventType } from '@/lib/tickets/event-types';

/** One appended ticket event, as `appendEventsMany` received it. */
export interface EventFact {
  ticketId: string;
  type: EventType;
  from: string | null;
  to: string | null;
  data: Record<string, unknown> | null;
}

/** The request as it stands after the change (read inside the same transaction). */
export interface TicketFact {
  number: number;
  subject: string;
  assigneeId: string | null;
  cern: string | null;
}

export interface NotifyFacts {
  actorUserId: string | null;
  tickets: ReadonlyMap<string, TicketFact>;
  /** Active staff members among the people involved: nobody else is ever notified. */
  staff: ReadonlyMap<string, { name: string }>;
  /** Internal notes (by message id): who they mention and a short excerpt. */
  notes: ReadonlyMap<string, { mentioned: string[]; excerpt: string }>;
}

export interface PlannedNotification {
  userId: string;
  ticketId: string;
  kind: NotificationKind;
  summary: string;
}

/** When one change gives a person several reasons about one request, the first kind here wins. */
const PRECEDENCE: readonly NotificationKind[] = ['assigned', 'mentioned', 'customer_replied', 'cern_changed'];

const STATUS_WORDS: Record<string, string> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  on_hold: 'on hold',
  resolved: 'resolved',
  closed: 'closed',
};

/** Events that can notify anyone; any other batch costs no query at all. */
export function mayNotify(event: Pick<EventFact, 'type' | 'to' | 'data'>): boolean {
  switch (event.type) {
    case 'assigned':
      return event.to !== null && event.data?.field !== 'team';
    case 'replied':
      return event.data?.by === 'customer';
    case 'noted':
    case 'exception_raised':
    case 'status_changed':
      return true;
    default:
      return false;
  }
}

/**
 * Who is told about which events — the one place this is decided:
 * - `assigned` to a person (not a team change) → that person;
 * - a customer's message (`replied`, by the customer) → the request's assignee;
 * - `exception_raised`, or a `status_changed` on a request with a CERN → its assignee (its owner);
 * - an internal note (`noted`) → every staff member it @mentions (public replies mention nobody);
 * never the actor, never anyone but an active staff member, and at most one notification per
 * person and request per change (`PRECEDENCE` picks the kind).
 */
export function planNotifications(events: readonly EventFact[], facts: NotifyFacts): PlannedNotification[] {
  const actor = facts.actorUserId ? facts.staff.get(facts.actorUserId) : undefined;
  const by = actor ? ` by ${actor.name}` : '';
  const planned = new Map<string, PlannedNotification>();
  const add = (userId: string | null | undefined, ticketId: string, kind: NotificationKind, summary: string) => {
    if (!userId || userId === facts.actorUserId || !facts.staff.has(userId)) return;
    const key = `${userId}/${ticketId}`;
    const existing = planned.get(key);
    if (existing && PRECEDENCE.indexOf(existing.kind) <= PRECEDENCE.indexOf(kind)) return;
    planned.set(key, { userId, ticketId, kind, summary });
  };

  for (const event of events) {
    if (!mayNotify(event)) continue;
    const ticket = facts.tickets.get(event.ticketId);
    if (!ticket) continue;
    switch (event.type) {
      case 'assigned':
        add(event.to, event.ticketId, 'assigned', `Assigned to you${by}`);
        break;
      case 'replied':
        add(ticket.assigneeId, event.ticketId, 'customer_replied', 'The customer replied');
        break;
      case 'exception_raised':
        add(
          ticket.assigneeId,
          event.ticketId,
          'cern_changed',
          `Exception ${event.to ?? ticket.cern ?? ''} raised${by}`,
        );
        break;
      case 'status_changed':
        if (ticket.cern) {
          const status = STATUS_WORDS[event.to ?? ''] ?? event.to ?? 'changed';
          add(ticket.assigneeId, event.ticketId, 'cern_changed', `${ticket.cern} is now ${status}${by}`);
        }
        break;
      case 'noted': {
        const note = typeof event.data?.messageId === 'string' ? facts.notes.get(event.data.messageId) : undefined;
        const who = actor?.name ?? 'Someone';
        for (const userId of note?.mentioned ?? [])
          add(userId, event.ticketId, 'mentioned', `${who} mentioned you: “${note!.excerpt}”`);
        break;
      }
      default:
        break;
    }
  }
  return [...planned.values()];
}

/** A note's first words for a summary: one line, at most `max` characters. */
export function excerpt(body: string, max = 120): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** "#1042 Printer on fire" — how a notification names its request in mail. */
export const ticketLabel = (t: Pick<TicketFact, 'number' | 'subject'>): string =>
  `${formatNumber(t.number)} ${t.subject}`;
