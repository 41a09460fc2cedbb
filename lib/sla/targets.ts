import type { Status, Ticket } from '@/db/schema';
import type { Priority } from '@/lib/priority/priority';
import { addBusinessMs, businessMsBetween, type Calendar } from './business-hours';

/** Built-in SLA targets per priority, in calendar hours (round the clock): used when no policy applies. */
export const SLA_TARGETS: Record<Priority, { firstResponseHours: number; resolutionHours: number }> = {
  1: { firstResponseHours: 1, resolutionHours: 8 },
  2: { firstResponseHours: 4, resolutionHours: 24 },
  3: { firstResponseHours: 8, resolutionHours: 72 },
  4: { firstResponseHours: 24, resolutionHours: 120 },
};

/** The targets a request is judged against (lib/sla/policies.ts picks them). */
export interface SlaTargets {
  /** The policy they come from; null: the built-in defaults. */
  policyId: string | null;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  /** A warning is due when this share of a target has elapsed; null: none. */
  warnAtPercent: number | null;
  /** Business hours the targets count in; null: round the clock. */
  calendar: Calendar | null;
}

export interface SlaDueTimes {
  slaPolicyId: string | null;
  /** Null when the calendar has no business time to reach the target (lib/sla/business-hours.ts). */
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstResponseWarnAt: Date | null;
  resolutionWarnAt: Date | null;
}

/**
 * Due times (and warning moments) from creation: each target in business minutes of the calendar,
 * pushed back by the business time the request has already spent paused (pending). A target its
 * calendar cannot reach has no due time (and no warning): nothing falls due, nothing breaches.
 */
export function slaDueTimes(createdAt: Date, targets: SlaTargets, pausedBusinessMs = 0): SlaDueTimes {
  const due = (minutes: number) => addBusinessMs(targets.calendar, createdAt, minutes * 60_000 + pausedBusinessMs);
  const target = (minutes: number) => {
    const at = due(minutes);
    const warnAt =
      at === null || targets.warnAtPercent === null
        ? null
        : due(Math.max(1, Math.floor((minutes * targets.warnAtPercent) / 100)));
    return { at, warnAt };
  };
  const fr = target(targets.firstResponseMinutes);
  const res = target(targets.resolutionMinutes);
  return {
    slaPolicyId: targets.policyId,
    firstResponseDueAt: fr.at,
    resolutionDueAt: res.at,
    firstResponseWarnAt: fr.warnAt,
    resolutionWarnAt: res.warnAt,
  };
}

export type SlaTicket = Pick<
  Ticket,
  | 'createdAt'
  | 'status'
  | 'slaPolicyId'
  | 'slaPausedAt'
  | 'slaPausedMs'
  | 'slaPausedBusinessMs'
  | 'firstResponseAt'
  | 'resolvedAt'
  | 'firstResponseDueAt'
  | 'resolutionDueAt'
  | 'firstResponseWarnAt'
  | 'resolutionWarnAt'
  | 'firstResponseWarnedAt'
  | 'resolutionWarnedAt'
  | 'firstResponseBreachedAt'
  | 'resolutionBreachedAt'
>;

type SlaPatch = Partial<
  Pick<
    Ticket,
    | 'slaPolicyId'
    | 'slaPausedAt'
    | 'slaPausedMs'
    | 'slaPausedBusinessMs'
    | 'firstResponseDueAt'
    | 'resolutionDueAt'
    | 'firstResponseWarnAt'
    | 'resolutionWarnAt'
    | 'firstResponseWarnedAt'
    | 'resolutionWarnedAt'
    | 'firstResponseBreachedAt'
    | 'resolutionBreachedAt'
    | 'firstResponseBusinessMs'
    | 'resolutionBusinessMs'
  >
>;

const later = (d: Date | null, now: Date) => d !== null && d.getTime() > now.getTime();

/**
 * The pauses so far in business time of `calendar`: round the clock that is the wall time
 * (`slaPausedMs`), exact whatever calendar measured them; with a calendar, the business total
 * kept by the clock (measured in the calendar of the policy then).
 */
export function pausedFor(
  ticket: Pick<SlaTicket, 'slaPausedMs' | 'slaPausedBusinessMs'>,
  calendar: Calendar | null,
): number {
  return calendar === null ? ticket.slaPausedMs : ticket.slaPausedBusinessMs;
}

/**
 * Due times after a change of the targets (priority, category, customer organization, or the
 * policy / calendar itself): from creation with the pauses so far excluded. A target already
 * reached keeps the due time it was judged against: a first response given (or a resolution made)
 * under P3 does not become late because the request is P1 now — otherwise a change would rewrite
 * history on the dashboard. A warned / breached stamp is cleared when its moment moves past `now`
 * (the new target has not been missed yet, so the watch job may warn or record the breach again);
 * it is kept otherwise.
 */
export function slaRecompute(ticket: SlaTicket, targets: SlaTargets, now: Date): SlaPatch {
  const fresh = slaDueTimes(ticket.createdAt, targets, pausedFor(ticket, targets.calendar));
  const out: SlaPatch = {};
  if (!ticket.resolvedAt) out.slaPolicyId = fresh.slaPolicyId;
  if (!ticket.firstResponseAt) {
    out.firstResponseDueAt = fresh.firstResponseDueAt;
    out.firstResponseWarnAt = fresh.firstResponseWarnAt;
    if (ticket.firstResponseBreachedAt && later(fresh.firstResponseDueAt, now)) out.firstResponseBreachedAt = null;
    if (ticket.firstResponseWarnedAt && later(fresh.firstResponseWarnAt, now)) out.firstResponseWarnedAt = null;
  }
  if (!ticket.resolvedAt) {
    out.resolutionDueAt = fresh.resolutionDueAt;
    out.resolutionWarnAt = fresh.resolutionWarnAt;
    if (ticket.resolutionBreachedAt && later(fresh.resolutionDueAt, now)) out.resolutionBreachedAt = null;
    if (ticket.resolutionWarnedAt && later(fresh.resolutionWarnAt, now)) out.resolutionWarnedAt = null;
  }
  return out;
}

/** Whether recomputing would change anything (the recompute job writes only those tickets). */
export function slaPatchChanges(ticket: SlaTicket, patch: SlaPatch): boolean {
  return (Object.keys(patch) as (keyof SlaPatch)[]).some((k) => {
    const a = ticket[k as keyof SlaTicket] as Date | string | number | null;
    const b = patch[k] as Date | string | number | null;
    const v = (x: typeof a) => (x instanceof Date ? x.getTime() : x);
    return v(a) !== v(b);
  });
}

/**
 * The SLA clock stops while a request is pending (waiting on the customer) and while it is resolved
 * (the customer has a solution), and runs otherwise. Given a status change, returns the columns to
 * write: entering pending stamps the pause; leaving pending — or leaving resolved other than to
 * closed (a reopen), the pause counted from the resolution — adds the pause to the totals (wall and
 * business time of `calendar`, the clock's calendar) and pushes the open due times and warning
 * moments back by its business time: the same as computing them again from creation with all
 * pauses excluded, since business time adds up.
 *
 * A reopen therefore keeps the original target, less the time it spent resolved: a P1 resolved
 * after 7 of its 8 hours and reopened days later has 1 hour left, not 8 again (a restart would
 * reward resolving early and reopening) and not none (the resolved days were not the agent's to
 * use). One resolved late stays breached, as it was (its breach stamp is kept).
 */
export function slaClockChange(
  ticket: Pick<
    SlaTicket,
    | 'status'
    | 'slaPausedAt'
    | 'slaPausedMs'
    | 'slaPausedBusinessMs'
    | 'firstResponseAt'
    | 'resolvedAt'
    | 'firstResponseDueAt'
    | 'resolutionDueAt'
    | 'firstResponseWarnAt'
    | 'resolutionWarnAt'
  >,
  nextStatus: Status,
  now: Date,
  calendar: Calendar | null = null,
): SlaPatch {
  if (nextStatus === ticket.status) return {};
  const entersPending = nextStatus === 'pending';
  const since =
    ticket.status === 'pending'
      ? (ticket.slaPausedAt ?? now)
      : ticket.status === 'resolved' && nextStatus !== 'closed'
        ? (ticket.resolvedAt ?? now)
        : null;
  if (since === null) return entersPending ? { slaPausedAt: now } : {};
  const pause = Math.max(0, now.getTime() - since.getTime());
  const business = businessMsBetween(calendar, since, now);
  const shift = (d: Date | null) => (d ? addBusinessMs(calendar, d, business) : null);
  const open = !ticket.firstResponseAt;
  return {
    slaPausedAt: entersPending ? now : null,
    slaPausedMs: ticket.slaPausedMs + pause,
    slaPausedBusinessMs: ticket.slaPausedBusinessMs + business,
    firstResponseDueAt: open ? shift(ticket.firstResponseDueAt) : ticket.firstResponseDueAt,
    firstResponseWarnAt: open ? shift(ticket.firstResponseWarnAt) : ticket.firstResponseWarnAt,
    resolutionDueAt: shift(ticket.resolutionDueAt),
    resolutionWarnAt: shift(ticket.resolutionWarnAt),
  };
}

/** Business time from creation to `at`, pauses (the one running too) excluded. */
export function businessElapsed(
  ticket: Pick<SlaTicket, 'createdAt' | 'slaPausedAt' | 'slaPausedMs' | 'slaPausedBusinessMs'>,
  at: Date,
  calendar: Calendar | null,
): number {
  const running = ticket.slaPausedAt ? businessMsBetween(calendar, ticket.slaPausedAt, at) : 0;
  return Math.max(0, businessMsBetween(calendar, ticket.createdAt, at) - pausedFor(ticket, calendar) - running);
}

/**
 * First response time and resolution time in business hours (FRT and AHT "in business hours"):
 * stamped when the first response / resolution happens, from the ticket as it will be saved.
 * A reopened request loses its resolution time (stamped again at the next resolution).
 */
export function slaReachedStamps(
  before: Pick<SlaTicket, 'firstResponseAt' | 'resolvedAt'>,
  after: Pick<
    SlaTicket,
    'createdAt' | 'slaPausedAt' | 'slaPausedMs' | 'slaPausedBusinessMs' | 'firstResponseAt' | 'resolvedAt'
  >,
  calendar: Calendar | null,
): SlaPatch {
  const out: SlaPatch = {};
  if (after.firstResponseAt && !before.firstResponseAt)
    out.firstResponseBusinessMs = businessElapsed(after, after.firstResponseAt, calendar);
  if (after.resolvedAt && before.resolvedAt?.getTime() !== after.resolvedAt.getTime())
    out.resolutionBusinessMs = businessElapsed(after, after.resolvedAt, calendar);
  if (!after.resolvedAt && before.resolvedAt) out.resolutionBusinessMs = null;
  return out;
}
