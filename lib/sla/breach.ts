/**
 * SLA warnings and breaches (issue 14): which target of a request is about to be missed or was
 * missed, and when. The one owner of the rule; the watch job (lib/sla/watch.ts) runs it on the rows
 * its SQL found, and the SQL there asks the same question so the partial indexes can answer it.
 */
import type { Status } from '@/db/schema';

export type SlaTarget = 'first_response' | 'resolution';

export const SLA_TARGET_LABELS: Record<SlaTarget, string> = {
  first_response: 'First response',
  resolution: 'Resolution',
};

/** Statuses whose SLA clock runs: pending pauses it; resolved and closed have nothing due. */
export const CLOCK_RUNNING: readonly Status[] = ['new', 'open', 'on_hold'];

export interface WatchedClock {
  status: Status;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  firstResponseWarnAt: Date | null;
  resolutionWarnAt: Date | null;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstResponseWarnedAt: Date | null;
  resolutionWarnedAt: Date | null;
  firstResponseBreachedAt: Date | null;
  resolutionBreachedAt: Date | null;
}

export interface SlaAlert {
  kind: 'warning' | 'breach';
  target: SlaTarget;
  dueAt: Date;
}

function targetFields(t: WatchedClock, target: SlaTarget) {
  return target === 'first_response'
    ? {
        met: t.firstResponseAt !== null,
        warnAt: t.firstResponseWarnAt,
        dueAt: t.firstResponseDueAt,
        warnedAt: t.firstResponseWarnedAt,
        breachedAt: t.firstResponseBreachedAt,
      }
    : {
        met: t.resolvedAt !== null,
        warnAt: t.resolutionWarnAt,
        dueAt: t.resolutionDueAt,
        warnedAt: t.resolutionWarnedAt,
        breachedAt: t.resolutionBreachedAt,
      };
}

/**
 * What is due now, per target (first response, then resolution):
 * - nothing while the clock is paused (pending) or stopped (resolved, closed), or once the target is
 *   met (a first response given, the request resolved);
 * - a breach once the due time has passed, once (the breach stamp);
 * - otherwise a warning once the warning moment has passed, once (the warning stamp). A request
 *   whose due time passed before any warning went out gets the breach only: a warning then says
 *   nothing the breach does not.
 */
export function slaAlerts(t: WatchedClock, now: Date): SlaAlert[] {
  if (!CLOCK_RUNNING.includes(t.status)) return [];
  const alerts: SlaAlert[] = [];
  for (const target of ['first_response', 'resolution'] as const) {
    const f = targetFields(t, target);
    if (f.met || f.breachedAt !== null || f.dueAt === null) continue;
    if (f.dueAt.getTime() <= now.getTime()) alerts.push({ kind: 'breach', target, dueAt: f.dueAt });
    else if (f.warnAt !== null && f.warnedAt === null && f.warnAt.getTime() <= now.getTime())
      alerts.push({ kind: 'warning', target, dueAt: f.dueAt });
  }
  return alerts;
}

/** The stamps an alert writes, so it never happens twice. */
export function alertStamp(alert: SlaAlert, now: Date) {
  if (alert.target === 'first_response')
    return alert.kind === 'breach' ? { firstResponseBreachedAt: now } : { firstResponseWarnedAt: now };
  return alert.kind === 'breach' ? { resolutionBreachedAt: now } : { resolutionWarnedAt: now };
}

/**
 * "First response target breached (due …)" / "Resolution target at risk": the words of an SLA event
 * (with its due time, written in the viewer's zone by the timeline) and of the stored texts — the
 * notification summary and the escalation reason — which carry no time: stored text cannot know
 * who reads it in which zone, and the request's timeline shows the instant in the reader's.
 */
export function alertWords(kind: SlaAlert['kind'], target: SlaTarget | string, due?: string): string {
  const label = SLA_TARGET_LABELS[target as SlaTarget] ?? 'SLA';
  return `${label} target ${kind === 'breach' ? 'breached' : 'at risk'}${due ? ` (due ${due})` : ''}`;
}

/**
 * The badge beside a request's due time: "SLA breached" once any target was missed (and is still
 * unmet), "SLA at risk" once a warning went out for a target still running. Words, not colour only.
 */
export function slaFlag(
  t: Pick<
    WatchedClock,
    | 'status'
    | 'firstResponseAt'
    | 'resolvedAt'
    | 'firstResponseWarnedAt'
    | 'resolutionWarnedAt'
    | 'firstResponseBreachedAt'
    | 'resolutionBreachedAt'
  >,
): 'breached' | 'at_risk' | null {
  if (t.status === 'resolved' || t.status === 'closed') return null;
  const frOpen = t.firstResponseAt === null;
  const resOpen = t.resolvedAt === null;
  if ((frOpen && t.firstResponseBreachedAt) || (resOpen && t.resolutionBreachedAt)) return 'breached';
  if ((frOpen && t.firstResponseWarnedAt) || (resOpen && t.resolutionWarnedAt)) return 'at_risk';
  return null;
}
