import { eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { followUps, teams, type FollowUpKind } from '@/db/schema';
import { isStaff, type Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { fail } from '@/lib/core/result';

export const FOLLOW_UP_NOT_FOUND = 'Follow-up not found.';

/**
 * Who works which queue (the one owner of the rule):
 * - calls: every staff member (`follow_up.calls`), whatever the team, as anyone may pick up a phone;
 * - detractors: leads and admins (`follow_up.detractors`). An admin sees all; a lead sees the
 *   teams they lead now, plus detractors of requests without a team or of a team without a lead
 *   (nobody else would call them back). Agents do not see detractors: the answers are often about
 *   them, and winning the customer back is the lead's conversation.
 * Customers get "not found", as on every staff page. Returns the row filter (undefined: all rows).
 */
export async function followUpScope(db: Db, actor: Actor, kind: FollowUpKind): Promise<SQL | undefined> {
  if (!isStaff(actor)) fail('not_found', FOLLOW_UP_NOT_FOUND);
  if (kind === 'call') {
    if (!can(actor, 'follow_up.calls')) fail('forbidden', 'You do not work the follow-up calls.');
    return undefined;
  }
  if (!can(actor, 'follow_up.detractors')) fail('forbidden', 'Detractor follow-ups are for team leads.');
  if (actor.role === 'admin') return undefined;
  const teamIds = await leadTeamIds(db, actor.userId);
  return or(isNull(followUps.teamId), teamIds.length > 0 ? inArray(followUps.teamId, teamIds) : undefined);
}

/** The teams whose detractors this lead calls back: those they lead and those nobody leads. */
export async function leadTeamIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: teams.id })
    .from(teams)
    .where(or(eq(teams.leadId, userId), isNull(teams.leadId)));
  return rows.map((r) => r.id);
}

/** May this actor see (and work) this follow-up? Same rule as the queue, for one row. */
export async function canSeeFollowUp(
  db: Db,
  actor: Actor,
  row: { kind: FollowUpKind; teamId: string | null },
): Promise<boolean> {
  if (!isStaff(actor)) return false;
  if (row.kind === 'call') return can(actor, 'follow_up.calls');
  if (!can(actor, 'follow_up.detractors')) return false;
  if (actor.role === 'admin' || row.teamId === null) return true;
  return (await leadTeamIds(db, actor.userId)).includes(row.teamId);
}
