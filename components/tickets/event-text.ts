import type { TimelineEvent } from '@/lib/tickets/get-ticket';
import type { EventType } from '@/lib/tickets/event-types';
import { followUpRecordedText } from '@/lib/follow-up/outcomes';
import { autoAssignedText } from '@/lib/routing/choose';
import { alertWords } from '@/lib/sla/breach';
import { formatDateTime, type Zone } from '@/components/format';

/** Words for every event type (a Record over all of them, so a new type without words does not compile). */
const EVENT_TEXT: Record<EventType, (e: TimelineEvent, zone: Zone) => string> = {
  created: (e) => `Request created via ${e.to}`,
  acknowledged: () => 'Acknowledgement sent to the customer',
  opened: () => 'Opened for identification',
  identified: (e) =>
    `Identified: ${String(e.data?.category ?? '')}, severity ${String(e.data?.severity ?? '')}, impact ${String(e.data?.impact ?? '')} → P${String(e.data?.priority ?? '')}`,
  priority_overridden: (e) => `Priority overridden from P${e.from} to P${e.to}: ${String(e.data?.reason ?? '')}`,
  assigned: (e) =>
    e.data?.field === 'team'
      ? 'Owning team changed'
      : e.data?.by
        ? autoAssignedText(e.data)
        : e.to
          ? 'Assigned'
          : 'Unassigned',
  escalated: (e) => `Escalated to ${String(e.data?.team ?? 'another team')}: ${String(e.data?.reason ?? '')}`,
  exception_raised: (e) => `Exception raised: ${e.to}`,
  replied: (e) => (e.data?.by === 'customer' ? 'Customer replied' : 'Public reply sent'),
  noted: () => 'Internal note added',
  status_changed: (e) =>
    `Status ${e.from} → ${e.to}${e.data?.reason === 'follow_up_window' ? ' (follow-up window passed)' : ''}`,
  resolved: (e) => (e.data?.problem ? `Resolved with problem ${String(e.data.problem)}` : 'Resolved'),
  reopened: (e) =>
    e.data?.via === 'survey' ? 'Reopened: the customer answered the survey "not fixed"' : 'Reopened by the customer',
  confirmed: () => 'Customer confirmed the fix',
  closed: (e) => (e.data?.reason ? `Closed by an agent: ${String(e.data.reason)}` : 'Closed by an agent'),
  survey_sent: () => 'Satisfaction survey sent',
  survey_answered: (e) =>
    `Survey answered: ${
      [
        e.data?.csat != null ? `CSAT ${String(e.data.csat)}` : null,
        e.data?.nps != null ? `NPS ${String(e.data.nps)}` : null,
        e.data?.fixed === true ? 'fixed' : e.data?.fixed === false ? 'not fixed' : null,
      ]
        .filter(Boolean)
        .join(', ') || 'comment only'
    }`,
  follow_up_created: (e) => `Follow-up request #${e.to} opened`,
  tagged: (e) => `Tagged ${e.to}`,
  untagged: (e) => `Tag removed: ${e.from}`,
  merged: (e) => `Request #${e.from} merged into #${e.to}`,
  linked: (e) => `Linked with request #${e.to}`,
  attached: (e) => `File attached: ${e.to}`,
  customer_merged: () => 'Customer records merged; this request moved to the kept record',
  survey_skipped: (e) =>
    e.data?.reason === 'recently_surveyed'
      ? `Survey not sent: the customer had one in the last ${String(e.data?.days ?? '')} days`
      : 'Survey not sent: the customer has no e-mail address',
  survey_reminded: () => 'Survey reminder sent',
  cancelled: () => 'Cancelled by the customer: no longer needed',
  follow_up_call_requested: (e) =>
    `Marked for a follow-up call${typeof e.data?.note === 'string' && e.data.note ? `: ${e.data.note}` : ''}`,
  follow_up_recorded: (e) => followUpRecordedText(e.data),
  customer_updated: (e) => customerUpdatedText(e.data?.via),
  sla_warning: (e, zone) => slaText('warning', e, zone),
  sla_breached: (e, zone) => slaText('breach', e, zone),
  rule_applied: (e) => ruleEventText(e) ?? 'Changed by a routing rule',
  problem_linked: (e) => `Linked to problem ${String(e.data?.cern ?? '')}: ${String(e.data?.title ?? '')}`,
  problem_unlinked: (e) => `Unlinked from problem ${String(e.data?.cern ?? '')}`,
  imported: (e) => `Imported from ${String(e.data?.source ?? 'another helpdesk')} (its number there: ${e.to ?? '?'})`,
};

/**
 * "First response target breached (due 30 Nov 2026, 11:00 CET); escalated to Tier 2": the event
 * keeps the due instant (`dueAt`, ISO), written here in the viewer's zone like every timeline time.
 */
function slaText(kind: 'warning' | 'breach', e: TimelineEvent, zone: Zone): string {
  const due = typeof e.data?.dueAt === 'string' ? formatDateTime(e.data.dueAt, zone) : 'unknown';
  const words = alertWords(kind, String(e.data?.target ?? e.to ?? ''), due);
  if (e.data?.escalation === 'escalated') return `${words}; escalated to ${String(e.data?.team ?? 'the next tier')}`;
  if (e.data?.escalation === 'no_next_tier') return `${words}; not escalated: the team has no next tier`;
  if (e.data?.escalation === 'not_allowed') return `${words}; not escalated: the request cannot be escalated now`;
  return words;
}

const CUSTOMER_UPDATED_VIA: Record<string, string> = {
  progress_mail: 'by a progress e-mail',
  reply: 'by a public reply',
  exception_raised: 'that it is an exception',
  resolution: 'of the resolution',
  closure: 'that it is closed',
};
const customerUpdatedText = (via: unknown): string =>
  `Customer told ${(typeof via === 'string' && CUSTOMER_UPDATED_VIA[via]) || 'of the progress'}`;

/**
 * The timeline line for one event, times in `zone` (the viewer's: components/tickets/event-line.tsx);
 * an unknown type (an old row) still reads as words.
 */
export function eventText(e: TimelineEvent, zone: Zone = 'UTC'): string {
  const byRule = ruleEventText(e);
  if (byRule) return byRule;
  const text = EVENT_TEXT[e.type as EventType];
  return text ? text(e, zone) : e.type.replaceAll('_', ' ');
}

/** A routing rule's change (lib/routing/rules.ts): "Rule 'VIP customers' set priority P1". */
function ruleEventText(e: TimelineEvent): string | null {
  if (typeof e.data?.rule !== 'string') return null;
  const rule = `Rule '${e.data.rule}'`;
  const name = (key: string) => (typeof e.data?.[key] === 'string' ? String(e.data[key]) : 'another one');
  if (e.type === 'assigned')
    return e.data.field === 'team' ? `${rule} set team ${name('team')}` : `${rule} assigned ${name('assignee')}`;
  if (e.type === 'tagged') return `${rule} added tag${e.to?.includes(',') ? 's' : ''} ${e.to}`;
  if (e.data.action === 'priority') return `${rule} set priority P${e.to}`;
  if (e.data.action === 'category') return `${rule} set category ${name('category')}`;
  if (e.data.action === 'exception_candidate') return `${rule} marked this request as an exception candidate`;
  return `${rule} changed this request`;
}
