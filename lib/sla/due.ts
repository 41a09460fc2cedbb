/**
 * When the next SLA target of a request falls due (ARCHITECTURE: the clock pauses while pending).
 */
import type { Status } from '@/db/schema';
import { isOpenStatus } from '@/lib/tickets/transitions';

export interface SlaClock {
  status: Status;
  firstResponseAt: Date | string | null;
  firstResponseDueAt: Date | string | null;
  resolutionDueAt: Date | string | null;
}

export type SlaDue =
  | { kind: 'none' }
  | { kind: 'paused'; target: 'first response' | 'resolution' }
  | { kind: 'due' | 'overdue'; target: 'first response' | 'resolution'; at: Date; minutes: number };

/**
 * The next SLA target of a request: the first response until there is one, then the resolution.
 * Pending requests have their clock paused (the due times move when they leave pending);
 * resolved and closed ones have nothing due.
 */
export function slaDue(t: SlaClock, now: Date = new Date()): SlaDue {
  if (!isOpenStatus(t.status)) return { kind: 'none' };
  const target = t.firstResponseAt === null && t.firstResponseDueAt !== null ? 'first response' : 'resolution';
  const due = target === 'first response' ? t.firstResponseDueAt : t.resolutionDueAt;
  if (!due) return { kind: 'none' };
  if (t.status === 'pending') return { kind: 'paused', target };
  const at = new Date(due);
  const minutes = (at.getTime() - now.getTime()) / 60_000;
  return minutes >= 0 ? { kind: 'due', target, at, minutes } : { kind: 'overdue', target, at, minutes: -minutes };
}
