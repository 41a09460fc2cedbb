/** Every kind of event a request's history holds (`ticket_events.type`); the timeline words each one. */
export const EVENT_TYPES = [
  'created',
  'acknowledged',
  'opened',
  'identified',
  'assigned',
  'priority_overridden',
  'escalated',
  'exception_raised',
  'replied',
  'noted',
  'status_changed',
  'resolved',
  'reopened',
  'confirmed',
  'closed',
  'survey_sent',
  'survey_answered',
  'follow_up_created',
  'tagged',
  'untagged',
  'merged',
  'linked',
  'attached',
  'customer_merged',
  // Issue 13, survey rules: not sent (the per-customer cap, no address), and the one reminder.
  'survey_skipped',
  'survey_reminded',
  'cancelled',
  // Follow-up queues (lib/follow-up): a call asked for on a resolved request; an outcome recorded.
  'follow_up_call_requested',
  'follow_up_recorded',
  /** An exception's customer was told where it stands (a progress mail or a public reply): lib/progress. */
  'customer_updated',
  /** Issue 14, the SLA watch (lib/sla/watch.ts): a target about to be missed; a target missed. */
  'sla_warning',
  'sla_breached',
  /** A routing rule set a category or priority, or marked an exception candidate (lib/routing/rules.ts). */
  'rule_applied',
  /** Recurring issues (lib/problems): the request was linked to / unlinked from a problem. */
  'problem_linked',
  'problem_unlinked',
  /** Moving in (lib/import): the request came from another helpdesk; `to` is its number there. */
  'imported',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
