import type { Stage } from '@/db/schema';

/*
 * Cycle time per stage (issue 14), from the events: how long each request spent in inquiry,
 * identification, resolution and follow-up. A request starts in inquiry when it is created; the
 * events that move it name the stage they lead to (`opened`, `identified`, `resolved` and
 * `reopened` in `to`; `status_changed` in `data.stage`); closing it (status closed) ends the
 * stage it was in. A visit back to a stage (reopened → resolution again) is a span of its own,
 * so time is never counted twice and a reopened request shows its second resolution.
 */

export const STAGES: readonly Stage[] = ['inquiry', 'identification', 'resolution', 'follow_up'];

/** The event types that can move a request between stages (the trigger's filter uses the same list). */
export const STAGE_EVENT_TYPES = ['opened', 'identified', 'resolved', 'reopened', 'status_changed'] as const;

export interface StageEvent {
  type: string;
  toValue: string | null;
  data: unknown;
  createdAt: Date;
}

export interface StageSpan {
  stage: Stage;
  startedAt: Date;
  /** Null while the request is still in this stage. */
  endedAt: Date | null;
}

const isStage = (value: unknown): value is Stage => typeof value === 'string' && STAGES.includes(value as Stage);

/** Where an event leaves the request: a stage, `closed` (the current span ends), or nothing said. */
function destination(event: StageEvent): Stage | 'closed' | null {
  if (event.type === 'status_changed') {
    if (event.toValue === 'closed') return 'closed';
    const stage = (event.data as { stage?: unknown } | null)?.stage;
    return isStage(stage) ? stage : null;
  }
  if ((STAGE_EVENT_TYPES as readonly string[]).includes(event.type) && isStage(event.toValue)) return event.toValue;
  return null;
}

/** The request's stage spans from its creation and its events (in the order they happened). */
export function stageSpans(createdAt: Date, events: readonly StageEvent[]): StageSpan[] {
  const spans: StageSpan[] = [{ stage: 'inquiry', startedAt: createdAt, endedAt: null }];
  for (const event of events) {
    const current = spans[spans.length - 1]!;
    const to = destination(event);
    if (to === null) continue;
    if (current.endedAt !== null) {
      // Closed: a closed request is read-only; a later stage event (imported history) opens a new span.
      if (to !== 'closed') spans.push({ stage: to, startedAt: event.createdAt, endedAt: null });
      continue;
    }
    if (to === 'closed') {
      current.endedAt = event.createdAt;
    } else if (to !== current.stage) {
      current.endedAt = event.createdAt;
      spans.push({ stage: to, startedAt: event.createdAt, endedAt: null });
    }
  }
  return spans;
}
