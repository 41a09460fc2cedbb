import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { teams, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { recordAudit } from '@/lib/admin/audit';

/**
 * Escalation paths (issue 14): every team has a tier (1, 2, 3…) and may name the team its requests
 * escalate to next (tier 1 → tier 2 → a named specialist team). The next team's tier is always
 * higher, so a path never loops back. Manual escalation offers the next tier first; an SLA breach
 * escalates to it when the policy says so (lib/pipeline/escalate-ticket.ts does both).
 */

export const MAX_TIER = 9;

export interface EscalationTeam {
  id: string;
  name: string;
  tier: number;
  escalatesToId: string | null;
}

/**
 * Why a path is refused, or null: the next team must be another team of a higher tier, and the
 * teams escalating to this one must stay below it. Pure (the use case loads the teams).
 */
export function pathProblem(
  team: Pick<EscalationTeam, 'id'>,
  tier: number,
  next: Pick<EscalationTeam, 'id' | 'name' | 'tier'> | null,
  incoming: readonly Pick<EscalationTeam, 'name' | 'tier'>[],
): { field: 'escalatesToId' | 'tier'; message: string } | null {
  if (next && next.id === team.id) return { field: 'escalatesToId', message: 'A team cannot escalate to itself.' };
  if (next && next.tier <= tier)
    return {
      field: 'escalatesToId',
      message: `${next.name} is tier ${next.tier}: the next team must be of a higher tier than ${tier}.`,
    };
  const below = incoming.find((t) => t.tier >= tier);
  if (below)
    return {
      field: 'tier',
      message: `${below.name} (tier ${below.tier}) escalates to this team: its tier must stay above ${below.tier}.`,
    };
  return null;
}

const pathSchema = z.object({
  teamId: z.uuid('Team not found.'),
  tier: z.coerce
    .number('Tier must be a whole number from 1 to 9.')
    .int('Tier must be a whole number from 1 to 9.')
    .min(1, 'Tier must be a whole number from 1 to 9.')
    .max(MAX_TIER, 'Tier must be a whole number from 1 to 9.'),
  escalatesToId: z
    .union([z.uuid('Choose a team.'), z.literal('')])
    .optional()
    .transform((v) => v || null),
});

/** Sets a team's tier and next team (admins). The teams are locked in id order: no deadlock, no loop. */
export function setEscalationPath(db: Db, actor: Actor, raw: unknown): Promise<Result<EscalationTeam>> {
  return runUseCase(db, pathSchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    // A handful of rows: all of them, so two admins changing two teams of one path see each other.
    // NO KEY UPDATE: FOR UPDATE would also wait on the KEY SHARE a ticket insert or team change
    // holds on its team (the foreign key), and deadlock with a save that touches two teams.
    const all = await tx
      .select({ id: teams.id, name: teams.name, tier: teams.tier, escalatesToId: teams.escalatesToId })
      .from(teams)
      .orderBy(asc(teams.id))
      .for('no key update');
    const team = all.find((t) => t.id === input.teamId);
    if (!team) fail('not_found', 'Team not found.');
    const next = input.escalatesToId ? all.find((t) => t.id === input.escalatesToId) : null;
    if (next === undefined) fail('invalid', 'Choose a team.', { escalatesToId: ['Choose a team.'] });
    const problem = pathProblem(
      team,
      input.tier,
      next,
      all.filter((t) => t.escalatesToId === team.id),
    );
    if (problem) fail('invalid', problem.message, { [problem.field]: [problem.message] });
    if (team.tier === input.tier && team.escalatesToId === input.escalatesToId) return team;
    const [updated] = await tx
      .update(teams)
      .set({ tier: input.tier, escalatesToId: input.escalatesToId })
      .where(eq(teams.id, team.id))
      .returning({ id: teams.id, name: teams.name, tier: teams.tier, escalatesToId: teams.escalatesToId });
    if (!updated) throw new Error('team update returned nothing');
    const nameOf = (id: string | null) => (id ? (all.find((t) => t.id === id)?.name ?? null) : null);
    await recordAudit(tx, actor, {
      action: 'team.escalation_changed',
      entityType: 'team',
      entityId: team.id,
      entityLabel: team.name,
      before: { tier: team.tier, escalatesTo: nameOf(team.escalatesToId) },
      after: { tier: updated.tier, escalatesTo: nameOf(updated.escalatesToId) },
    });
    return updated;
  });
}

/** Every team with its path, by tier then name (the escalate dialog, /admin/teams). */
export function listEscalationTeams(db: Db): Promise<EscalationTeam[]> {
  return db
    .select({ id: teams.id, name: teams.name, tier: teams.tier, escalatesToId: teams.escalatesToId })
    .from(teams)
    .orderBy(asc(teams.tier), asc(teams.name));
}

/** The team a request of `teamId` escalates to next, or null (no team, or the last tier). */
export async function nextTierTeam(tx: Db, teamId: string | null): Promise<EscalationTeam | null> {
  if (!teamId) return null;
  const [row] = await tx.select({ escalatesToId: teams.escalatesToId }).from(teams).where(eq(teams.id, teamId));
  if (!row?.escalatesToId) return null;
  const [next] = await tx
    .select({ id: teams.id, name: teams.name, tier: teams.tier, escalatesToId: teams.escalatesToId })
    .from(teams)
    .where(eq(teams.id, row.escalatesToId));
  return next ?? null;
}

/**
 * Who hears about a team's SLA warnings and breaches besides the assignee: the team's lead; a
 * request without a team, or a team without a lead, tells every active lead (as detractors do).
 * One query per distinct answer, keyed by team id ('' for none).
 */
export async function teamLeads(tx: Db, teamIds: readonly (string | null)[]): Promise<Map<string, string[]>> {
  const ids = [...new Set(teamIds.filter((id): id is string => id !== null))];
  const rows =
    ids.length === 0
      ? []
      : await tx
          .select({ id: teams.id, leadId: teams.leadId })
          .from(teams)
          .innerJoin(users, eq(users.id, teams.leadId))
          .where(and(inArray(teams.id, ids), eq(users.active, true)));
  const led = new Map(rows.map((r) => [r.id, r.leadId!]));
  const needAll = teamIds.some((id) => id === null || !led.has(id));
  const allLeads = needAll
    ? (
        await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.role, 'lead'), eq(users.active, true)))
      ).map((u) => u.id)
    : [];
  const result = new Map<string, string[]>();
  for (const id of teamIds) result.set(id ?? '', id && led.has(id) ? [led.get(id)!] : allLeads);
  return result;
}
