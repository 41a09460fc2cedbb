import { inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { agentAvailability, teamAssignment, teams, users } from '@/db/schema';

/** The demo's automatic teams and the cap each gives its agents. */
const AUTOMATIC = [
  { team: 'Technical', mode: 'round_robin', maxOpenPerAgent: 20 },
  { team: 'Billing', mode: 'least_loaded', maxOpenPerAgent: 15 },
] as const;

/**
 * Assignment within a team (issue 14): Technical hands out new requests round-robin, Billing to
 * the least-loaded agent; Accounts and Returns stay manual. Alex and Sam (agent@, agent2@) are
 * available, Priya Patel is away (Technical skips her). Writes no events.
 */
export async function seedAssignment(tx: Db, now: Date): Promise<void> {
  const rows = await tx
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(
      inArray(
        teams.name,
        AUTOMATIC.map((a) => a.team),
      ),
    );
  const ids = new Map(rows.map((r) => [r.name, r.id]));
  const settings = AUTOMATIC.flatMap((a) => {
    const teamId = ids.get(a.team);
    return teamId ? [{ teamId, mode: a.mode, maxOpenPerAgent: a.maxOpenPerAgent, updatedAt: now }] : [];
  });
  if (settings.length > 0) await tx.insert(teamAssignment).values(settings);
  await tx.insert(agentAvailability).select(
    tx
      .select({
        userId: users.id,
        status: sql<
          'available' | 'away'
        >`(case when ${users.email} = 'priya.patel@demo.test' then 'away' else 'available' end)::availability`.as(
          'status',
        ),
        changedAt: sql<Date>`${now.toISOString()}::timestamptz`.as('changed_at'),
      })
      .from(users)
      .where(inArray(users.email, ['agent@demo.test', 'agent2@demo.test', 'priya.patel@demo.test'])),
  );
}
