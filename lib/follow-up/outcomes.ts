import type { FollowUpKind, FollowUpOutcome, Status } from '@/db/schema';

/** The outcomes each queue offers, in the order the form lists them. */
export const OUTCOMES: Record<FollowUpKind, readonly FollowUpOutcome[]> = {
  detractor: ['recovered', 'called_back', 'not_reachable'],
  call: ['confirmed_fixed', 'reopened', 'no_answer'],
};

export const OUTCOME_LABELS: Record<FollowUpOutcome, string> = {
  called_back: 'Called back',
  recovered: 'Recovered',
  not_reachable: 'Not reachable',
  confirmed_fixed: 'Confirmed fixed',
  reopened: 'Reopened',
  no_answer: 'No answer',
};

export const KIND_LABELS: Record<FollowUpKind, string> = { detractor: 'Detractor', call: 'Follow-up call' };

/** Detractor outcomes that need a root cause: the lead spoke to the customer, so knows why. */
export const NEEDS_ROOT_CAUSE: readonly FollowUpOutcome[] = ['called_back', 'recovered'];

/** A call answered "no answer" stays open for another try until this many tries, then it is closed. */
export const MAX_CALL_ATTEMPTS = 3;

export const MAX_FOLLOW_UP_NOTE = 2000;

export const isOutcome = (value: unknown): value is FollowUpOutcome =>
  typeof value === 'string' && Object.hasOwn(OUTCOME_LABELS, value);

/** The timeline's words for a `follow_up_recorded` event (components/tickets/event-text.ts). */
export function followUpRecordedText(data: Record<string, unknown> | null | undefined): string {
  const kind = data?.kind === 'detractor' ? 'Detractor follow-up' : 'Follow-up call';
  const outcome = isOutcome(data?.outcome) ? OUTCOME_LABELS[data.outcome].toLowerCase() : 'recorded';
  const attempt =
    data?.outcome === 'no_answer' && typeof data.attempt === 'number' ? ` (try ${String(data.attempt)})` : '';
  const cause = typeof data?.rootCause === 'string' ? ` · root cause: ${data.rootCause}` : '';
  return `${kind}: ${outcome}${attempt}${cause}`;
}

/** Only a resolved request is marked for a follow-up call: closed is done, open is still being worked on. */
export const callMayBeRequested = (status: Status): boolean => status === 'resolved';
