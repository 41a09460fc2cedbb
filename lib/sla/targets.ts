import type { Status } from '@/db/schema';
import type { Priority } from '@/lib/priority/priority';

const HOUR = 3_600_000;

/** Default SLA targets per priority, in calendar hours (business hours and policies come later). */
export const SLA_TARGETS: Record<Priority, { firstResponseHours: number; resolutionHours: number }> = {
  1: { firstResponseHours: 1, resolutionHours: 8 },
  2: { firstResponseHours: 4, resolutionHours: 24 },
  3: { firstResponseHours: 8, resolutionHours: 72 },
  4: { firstResponseHours: 24, resolutionHours: 120 },
};

/** Due times from creation, pushed back by the time the request spent waiting on the customer. */
export function slaDueTimes(
  createdAt: Date,
  priority: Priority,
  pausedMs = 0,
): { firstResponseDueAt: Date; resolutionDueAt: Date } {
  const target = SLA_TARGETS[priority];
  return {
    firstResponseDueAt: new Date(createdAt.getTime() + target.firstResponseHours * HOUR + pausedMs),
    resolutionDueAt: new Date(createdAt.getTime() + target.resolutionHours * HOUR + pausedMs),
  };
}

interface SlaClock {
  status: Status;
  slaPausedAt: Date | null;
  slaPausedMs: number;
  firstResponseAt: Date | null;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

/**
 * The SLA clock stops while a request is pending (waiting on the customer) and runs otherwise.
 * Given a status change, returns the columns to write: entering pending stamps the pause;
 * leaving it adds the pause to the total and pushes the open due times back by it.
 */
export function slaClockChange(
  ticket: SlaClock,
  nextStatus: Status,
  now: Date,
): Partial<Pick<SlaClock, 'slaPausedAt' | 'slaPausedMs' | 'firstResponseDueAt' | 'resolutionDueAt'>> {
  const wasPaused = ticket.status === 'pending';
  const paused = nextStatus === 'pending';
  if (!wasPaused && paused) return { slaPausedAt: now };
  if (wasPaused && !paused) {
    const pause = Math.max(0, now.getTime() - (ticket.slaPausedAt ?? now).getTime());
    const shift = (d: Date | null) => (d ? new Date(d.getTime() + pause) : null);
    return {
      slaPausedAt: null,
      slaPausedMs: ticket.slaPausedMs + pause,
      firstResponseDueAt: ticket.firstResponseAt ? ticket.firstResponseDueAt : shift(ticket.firstResponseDueAt),
      resolutionDueAt: shift(ticket.resolutionDueAt),
    };
  }
  return {};
}

/**
 * Due times after a priority change: the new priority's targets from creation, pushed back by the
 * pauses already over. A pause still running (pending) is added when the request leaves pending,
 * as for any due time. A target already reached keeps the due time it was judged against: a first
 * response given (or a resolution made) under P3 does not become late because the request is P1
 * now — otherwise a priority change would rewrite history on the dashboard.
 */
export function slaDueAfterPriorityChange(
  ticket: Pick<SlaClock, 'slaPausedMs' | 'firstResponseAt' | 'firstResponseDueAt' | 'resolutionDueAt'> & {
    createdAt: Date;
    resolvedAt: Date | null;
  },
  priority: Priority,
): Pick<SlaClock, 'firstResponseDueAt' | 'resolutionDueAt'> {
  const fresh = slaDueTimes(ticket.createdAt, priority, ticket.slaPausedMs);
  return {
    firstResponseDueAt: ticket.firstResponseAt ? ticket.firstResponseDueAt : fresh.firstResponseDueAt,
    resolutionDueAt: ticket.resolvedAt ? ticket.resolutionDueAt : fresh.resolutionDueAt,
  };
}
