import type { AssignmentMode, Availability } from '@/db/schema';

/**
 * The choice rule of automatic assignment (issue 14), pure: who among a team's members gets the
 * next request. lib/routing/assignment.ts loads the facts under the team's lock and saves the pick.
 */

/**
 * Least-loaded weights: an open request counts by its priority, so an agent holding two urgent
 * requests (2 × 4 = 8) is busier than one holding five low ones (5 × 1 = 5).
 */
export const PRIORITY_WEIGHTS: Record<1 | 2 | 3 | 4, number> = { 1: 4, 2: 3, 3: 2, 4: 1 };

/** The per-agent cap a team starts with (the admin changes it on the team's page). */
export const DEFAULT_MAX_OPEN = 20;
export const MAX_OPEN_LIMIT = 1000;

export const MODE_LABELS: Record<AssignmentMode, string> = {
  manual: 'Manual',
  round_robin: 'Round-robin',
  least_loaded: 'Least-loaded',
};

/** How the timeline names an automatic pick: "Assigned to Ana by round-robin". */
export const MODE_PHRASES: Record<Exclude<AssignmentMode, 'manual'>, string> = {
  round_robin: 'round-robin',
  least_loaded: 'least-loaded',
};

export interface Candidate {
  id: string;
  name: string;
  /** An active staff member (a deactivated member never gets requests). */
  active: boolean;
  availability: Availability;
  /** Open requests assigned to them, in any team. */
  open: number;
  /** The same requests weighted by priority (PRIORITY_WEIGHTS). */
  load: number;
}

export type NoPick = 'no_members' | 'nobody_available' | 'all_at_cap';

export type Choice = { ok: true; pick: Candidate } | { ok: false; reason: NoPick };

/** Round-robin order: by name, then id, so the rotation reads alphabetically on the team's page. */
export function ringOrder(candidates: readonly Candidate[]): Candidate[] {
  return [...candidates].sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The eligible members (active, available, under the cap) in round-robin order starting after
 * `lastAssigneeId` (the member who got the team's previous request); from the top when the
 * pointer is unset or no longer a member.
 */
export function rotation(
  candidates: readonly Candidate[],
  maxOpen: number,
  lastAssigneeId: string | null,
): { eligible: Candidate[]; reason?: NoPick } {
  const ring = ringOrder(candidates);
  const at = lastAssigneeId ? ring.findIndex((c) => c.id === lastAssigneeId) : -1;
  const rotated = [...ring.slice(at + 1), ...ring.slice(0, at + 1)];
  const present = rotated.filter((c) => c.active && c.availability === 'available');
  const eligible = present.filter((c) => c.open < maxOpen);
  if (eligible.length > 0) return { eligible };
  return {
    eligible,
    reason:
      ring.filter((c) => c.active).length === 0
        ? 'no_members'
        : present.length === 0
          ? 'nobody_available'
          : 'all_at_cap',
  };
}

/**
 * Round-robin: the next eligible member after the last one picked. Least-loaded: the eligible
 * member with the lowest weighted load; ties go to fewer open requests, then to round-robin order
 * (so equal agents still take turns). Nobody eligible: no pick, with the reason.
 */
export function chooseAssignee(
  mode: Exclude<AssignmentMode, 'manual'>,
  candidates: readonly Candidate[],
  maxOpen: number,
  lastAssigneeId: string | null,
): Choice {
  const { eligible, reason } = rotation(candidates, maxOpen, lastAssigneeId);
  if (eligible.length === 0) return { ok: false, reason: reason ?? 'no_members' };
  if (mode === 'round_robin') return { ok: true, pick: eligible[0]! };
  let best = eligible[0]!;
  for (const c of eligible.slice(1)) if (c.load < best.load || (c.load === best.load && c.open < best.open)) best = c;
  return { ok: true, pick: best };
}

/** The weighted load of open requests of these priorities. */
export function weightedLoad(priorities: readonly number[]): number {
  return priorities.reduce((sum, p) => sum + (PRIORITY_WEIGHTS[p as 1 | 2 | 3 | 4] ?? 0), 0);
}

/** The timeline's words for an `assigned` event written by automatic assignment. */
export function autoAssignedText(data: Record<string, unknown>): string {
  const phrase = MODE_PHRASES[data.by as keyof typeof MODE_PHRASES] ?? String(data.by);
  return `Assigned to ${typeof data.assignee === 'string' ? data.assignee : 'an agent'} by ${phrase}`;
}
