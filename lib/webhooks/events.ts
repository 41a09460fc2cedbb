import type { EventType } from '@/lib/tickets/event-types';

/**
 * The event types a subscription can choose (docs/webhooks.md lists the payloads). Each comes from
 * the request's history (`ticket_events`): the one place every change is recorded.
 */
export const WEBHOOK_EVENT_TYPES = [
  'ticket.created',
  'ticket.updated',
  'ticket.replied',
  'ticket.resolved',
  'ticket.reopened',
  'ticket.closed',
  'ticket.merged',
  'cern.raised',
  'survey.answered',
  'sla.warning',
  'sla.breached',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent by "Send test event" to one subscription, whatever it chose. */
export const TEST_EVENT_TYPE = 'webhook.test';

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  'ticket.created': 'Request created',
  'ticket.updated': 'Request updated (assigned, identified, status, priority, tags, …)',
  'ticket.replied': 'Public reply (agent or customer)',
  'ticket.resolved': 'Request resolved',
  'ticket.reopened': 'Request reopened',
  'ticket.closed': 'Request closed',
  'ticket.merged': 'Request merged into another',
  'cern.raised': 'Exception raised (CERN given)',
  'survey.answered': 'Satisfaction survey answered',
  'sla.warning': 'SLA target about to be missed',
  'sla.breached': 'SLA target missed',
};

/** The checkboxes of the admin's form. */
export const WEBHOOK_EVENT_CHOICES = WEBHOOK_EVENT_TYPES.map((value) => ({
  value,
  label: WEBHOOK_EVENT_LABELS[value],
}));

/** History events that become their own webhook event. */
const OWN: Partial<Record<EventType, WebhookEventType>> = {
  created: 'ticket.created',
  replied: 'ticket.replied',
  resolved: 'ticket.resolved',
  reopened: 'ticket.reopened',
  closed: 'ticket.closed',
  merged: 'ticket.merged',
  exception_raised: 'cern.raised',
  survey_answered: 'survey.answered',
  sla_warning: 'sla.warning',
  sla_breached: 'sla.breached',
};

/** History events that are a change of the request's fields: one `ticket.updated` per change. */
const UPDATES: ReadonlySet<EventType> = new Set<EventType>([
  'opened',
  'identified',
  'assigned',
  'priority_overridden',
  'escalated',
  'status_changed',
  'tagged',
  'untagged',
  'linked',
  'cancelled',
  'rule_applied',
  'problem_linked',
  'problem_unlinked',
]);

export interface HistoryEvent {
  ticketId: string;
  type: string;
  from?: string | null;
  to?: string | null;
  data?: Record<string, unknown> | null;
}

export interface PlannedWebhookEvent {
  type: WebhookEventType;
  ticketId: string;
  /** What happened: the history events behind it (type, from, to, data). */
  changes: { type: string; from: string | null; to: string | null; data: Record<string, unknown> | null }[];
}

/**
 * The webhook events of one change (a pure function): each history event with its own type becomes
 * one event; the field changes of one request in one change are folded into one `ticket.updated`
 * (identifying a request assigns it and moves its status: one update, three changes). Internal
 * notes, mail bookkeeping and survey sending are not sent.
 */
export function planWebhookEvents(events: readonly HistoryEvent[]): PlannedWebhookEvent[] {
  const planned: PlannedWebhookEvent[] = [];
  const updates = new Map<string, PlannedWebhookEvent>();
  for (const e of events) {
    const change = { type: e.type, from: e.from ?? null, to: e.to ?? null, data: e.data ?? null };
    const own = OWN[e.type as EventType];
    if (own) {
      planned.push({ type: own, ticketId: e.ticketId, changes: [change] });
    } else if (UPDATES.has(e.type as EventType)) {
      let update = updates.get(e.ticketId);
      if (!update) {
        update = { type: 'ticket.updated', ticketId: e.ticketId, changes: [] };
        updates.set(e.ticketId, update);
        planned.push(update);
      }
      update.changes.push(change);
    }
  }
  return planned;
}
