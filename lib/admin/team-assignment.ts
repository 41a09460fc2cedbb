import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { teamAssignment, teams, type AssignmentMode, type Availability } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { loadCandidates } from '@/lib/routing/assignment';
import { DEFAULT_MAX_OPEN, MAX_OPEN_LIMIT, MODE_LABELS, ringOrder } from '@/lib/routing/choose';
import { recordAudit } from './audit';

export interface TeamAssignmentView {
  mode: AssignmentMode;
  maxOpenPerAgent: number;
  /** Members in round-robin order, with availability and open requests (all teams) against the cap. */
  members: { id: string; name: string; active: boolean; availability: Availability; open: number; load: number }[];
}

/** A team's assignment settings and its members' availability (admins, and a lead for their team). */
export async function getTeamAssignment(db: Db, actor: Actor, teamId: string): Promise<TeamAssignmentView> {
  if (!z.uuid().safeParse(teamId).success) fail('not_found', 'Team not found.');
  const [team] = await db
    .select({ leadId: teams.leadId, mode: teamAssignment.mode, max: teamAssignment.maxOpenPerAgent })
    .from(teams)
    .leftJoin(teamAssignment, eq(teamAssignment.teamId, teams.id))
    .where(eq(teams.id, teamId));
  if (!team || !(actor.role === 'admin' || (actor.role === 'lead' && team.leadId === actor.userId)))
    fail('not_found', 'Team not found.');
  const members = ringOrder(await loadCandidates(db, teamId));
  return { mode: team.mode ?? 'manual', maxOpenPerAgent: team.max ?? DEFAULT_MAX_OPEN, members };
}

const schema = z.object({
  teamId: z.uuid('Team not found.'),
  mode: z.enum(['manual', 'round_robin', 'least_loaded'], { error: 'Choose how requests are assigned.' }),
  maxOpenPerAgent: z.coerce
    .number({ error: 'Enter a whole number.' })
    .int('Enter a whole number.')
    .min(1, 'At least 1.')
    .max(MAX_OPEN_LIMIT, `At most ${MAX_OPEN_LIMIT}.`),
});

/** How a team's new requests are assigned, and the per-agent cap (admins; audited). */
export function setTeamAssignment(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<{ team: string; mode: AssignmentMode; maxOpenPerAgent: number }>> {
  return runUseCase(db, schema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    const [team] = await tx.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, input.teamId));
    if (!team) fail('not_found', 'Team not found.');
    const [before] = await tx
      .select({ mode: teamAssignment.mode, maxOpenPerAgent: teamAssignment.maxOpenPerAgent })
      .from(teamAssignment)
      .where(eq(teamAssignment.teamId, team.id))
      .for('update');
    const previous = before ?? { mode: 'manual' as const, maxOpenPerAgent: DEFAULT_MAX_OPEN };
    const next = { mode: input.mode, maxOpenPerAgent: input.maxOpenPerAgent };
    if (previous.mode !== next.mode || previous.maxOpenPerAgent !== next.maxOpenPerAgent) {
      await tx
        .insert(teamAssignment)
        .values({ teamId: team.id, ...next })
        .onConflictDoUpdate({ target: teamAssignment.teamId, set: { ...next, updatedAt: new Date() } });
      await recordAudit(tx, actor, {
        action: 'team.assignment_changed',
        entityType: 'team',
        entityId: team.id,
        entityLabel: team.name,
        before: { assignment: MODE_LABELS[previous.mode], 'cap per agent': previous.maxOpenPerAgent },
        after: { assignment: MODE_LABELS[next.mode], 'cap per agent': next.maxOpenPerAgent },
      });
    }
    return { team: team.name, ...next };
  });
}
