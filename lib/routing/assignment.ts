import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  agentAvailability,
  teamAssignment,
  teamMembers,
  tickets,
  ticketColumns,
  users,
  type AssignmentMode,
  type Ticket,
} from '@/db/schema';
import { STAFF_ROLES } from '@/lib/auth/permissions';
import { ACTIVE_STATUSES, isOpenStatus } from '@/lib/tickets/transitions';
import { appendEventsMany, saveTickets } from '@/lib/tickets/store';
import { chooseAssignee, PRIORITY_WEIGHTS, type Candidate, type NoPick } from './choose';

/** How many waiting requests an agent coming back picks up for a team at once (oldest first). */
export const PICK_UP_LIMIT = 50;

type AutoMode = Exclude<AssignmentMode, 'manual'>;

/**
 * Locks the team's assignment row when the team assigns automatically: every pick for one team
 * runs inside this lock, one at a time, so loads and the round-robin pointer are read after the
 * previous pick committed. Manual teams (no row, or mode manual) answer null and lock nothing.
 */
async function lockAutomaticTeam(
  tx: Db,
  teamId: string,
): Promise<{ mode: AutoMode; maxOpen: number; lastAssigneeId: string | null } | null> {
  const [row] = await tx
    .select({
      mode: teamAssignment.mode,
      maxOpen: teamAssignment.maxOpenPerAgent,
      lastAssigneeId: teamAssignment.lastAssigneeId,
    })
    .from(teamAssignment)
    .where(and(eq(teamAssignment.teamId, teamId), ne(teamAssignment.mode, 'manual')))
    .for('update');
  return row ? { ...row, mode: row.mode as AutoMode } : null;
}

const WEIGHT = sql.raw(
  `case t.priority ${Object.entries(PRIORITY_WEIGHTS)
    .map(([p, w]) => `when ${Number(p)} then ${Number(w)}`)
    .join(' ')} else 0 end`,
);
const OPEN = sql.raw(ACTIVE_STATUSES.map((s) => `'${s}'`).join(', '));

/**
 * The team's staff members with availability and their open requests (any team), counted and
 * weighted: one statement, run inside the team's lock (a fresh snapshot in READ COMMITTED, so the
 * previous pick's commit is seen). The counts ride the (assignee, status, priority) index.
 */
export async function loadCandidates(tx: Db, teamId: string): Promise<Candidate[]> {
  const rows = await tx
    .select({
      id: users.id,
      name: users.name,
      active: users.active,
      availability: sql<'available' | 'away'>`coalesce(${agentAvailability.status}, 'available')`,
      open: sql<number>`(select count(*) from tickets t where t.assignee_id = ${users.id} and t.status in (${OPEN}))`.mapWith(
        Number,
      ),
      load: sql<number>`(select coalesce(sum(${WEIGHT}), 0) from tickets t where t.assignee_id = ${users.id} and t.status in (${OPEN}))`.mapWith(
        Number,
      ),
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .leftJoin(agentAvailability, eq(agentAvailability.userId, users.id))
    .where(and(eq(teamMembers.teamId, teamId), inArray(users.role, STAFF_ROLES)));
  return rows;
}

/**
 * Assigns these unassigned open requests of one team by the team's mode, in the order given,
 * through the one save path (one batched save, one events insert): each an `assigned` event
 * `{by: mode, assignee: name}`, read "Assigned to Ana by round-robin". Nobody eligible (everyone
 * away or at the cap): the rest stay unassigned in the queue, with no event. Manual teams: nothing.
 */
export async function distribute(
  tx: Db,
  teamId: string,
  waiting: Ticket[],
  now: Date = new Date(),
): Promise<Map<string, Ticket>> {
  const assigned = new Map<string, Ticket>();
  const todo = waiting.filter((t) => t.teamId === teamId && !t.assigneeId && isOpenStatus(t.status));
  if (todo.length === 0) return assigned;
  const team = await lockAutomaticTeam(tx, teamId);
  if (!team) return assigned;
  const candidates = await loadCandidates(tx, teamId);
  let last = team.lastAssigneeId;
  const changes: { ticket: Ticket; patch: { assigneeId: string }; pick: Candidate }[] = [];
  for (const ticket of todo) {
    const choice = chooseAssignee(team.mode, candidates, team.maxOpen, last);
    if (!choice.ok) break;
    const { pick } = choice;
    pick.open += 1;
    pick.load += PRIORITY_WEIGHTS[ticket.priority as 1 | 2 | 3 | 4] ?? 0;
    last = pick.id;
    changes.push({ ticket, patch: { assigneeId: pick.id }, pick });
  }
  if (changes.length === 0) return assigned;
  const saved = await saveTickets(
    tx,
    changes.map(({ ticket, patch }) => ({ ticket, patch })),
    null,
    now,
  );
  await appendEventsMany(
    tx,
    null,
    changes.map(({ ticket, pick }) => ({
      ticket,
      events: [{ type: 'assigned', from: null, to: pick.id, data: { by: team.mode, assignee: pick.name }, at: now }],
    })),
  );
  await tx
    .update(teamAssignment)
    .set({ lastAssigneeId: last, updatedAt: now })
    .where(eq(teamAssignment.teamId, teamId));
  for (const t of saved) assigned.set(t.id, t);
  return assigned;
}

/**
 * Assignment within a team (issue 14) for one request: a new request routed to a team that
 * assigns automatically, with no assignee yet, gets one by the team's mode. Called by routing on
 * creation and by the save path when an unassigned request moves into another team.
 */
export async function assignWithinTeam(tx: Db, ticket: Ticket, now: Date = new Date()): Promise<Ticket> {
  if (ticket.assigneeId || !ticket.teamId || !isOpenStatus(ticket.status)) return ticket;
  const assigned = await distribute(tx, ticket.teamId, [ticket], now);
  return assigned.get(ticket.id) ?? ticket;
}

/**
 * After a save: requests that moved into another team without an assignee (a team change, an
 * escalation, an assignee let go because they are not in the new team) are assigned there when
 * that team assigns automatically. One lock and one load per team involved.
 */
export async function assignMoved(
  tx: Db,
  before: Ticket[],
  saved: Ticket[],
  now: Date = new Date(),
): Promise<Map<string, Ticket>> {
  const previousTeam = new Map(before.map((t) => [t.id, t.teamId]));
  const byTeam = new Map<string, Ticket[]>();
  for (const t of saved) {
    if (!t.teamId || t.assigneeId || !isOpenStatus(t.status) || previousTeam.get(t.id) === t.teamId) continue;
    byTeam.set(t.teamId, [...(byTeam.get(t.teamId) ?? []), t]);
  }
  const assigned = new Map<string, Ticket>();
  for (const [teamId, moved] of [...byTeam].sort(([a], [b]) => (a < b ? -1 : 1)))
    for (const [id, t] of await distribute(tx, teamId, moved, now)) assigned.set(id, t);
  return assigned;
}

/**
 * Capacity came back (an agent set themselves available): each automatic team of theirs hands
 * out its waiting unassigned open requests, oldest first, up to PICK_UP_LIMIT per team and the
 * caps. Requests someone else holds locked right now are skipped (SKIP LOCKED: no waiting, no
 * lock-order deadlock with a save that locks the request before the team).
 */
export async function pickUpWaiting(tx: Db, userId: string): Promise<number> {
  const teamsOf = await tx
    .select({ teamId: teamAssignment.teamId })
    .from(teamAssignment)
    .innerJoin(teamMembers, eq(teamMembers.teamId, teamAssignment.teamId))
    .where(and(eq(teamMembers.userId, userId), ne(teamAssignment.mode, 'manual')))
    .orderBy(asc(teamAssignment.teamId));
  let count = 0;
  for (const { teamId } of teamsOf) {
    if (!(await lockAutomaticTeam(tx, teamId))) continue;
    const waiting = await tx
      .select(ticketColumns)
      .from(tickets)
      .where(and(eq(tickets.teamId, teamId), isNull(tickets.assigneeId), inArray(tickets.status, [...ACTIVE_STATUSES])))
      .orderBy(asc(tickets.priority), asc(tickets.createdAt), asc(tickets.id))
      .limit(PICK_UP_LIMIT)
      .for('update', { skipLocked: true });
    count += (await distribute(tx, teamId, waiting)).size;
  }
  return count;
}

export type { NoPick };
