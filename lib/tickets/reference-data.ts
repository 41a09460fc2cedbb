import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { teamMembers, teams, users } from '@/db/schema';
import { listActiveCategories } from './categories';

export interface ReferenceData {
  categories: { id: string; name: string; defaultTeamId: string | null }[];
  /** With their escalation path (tier, next team): lib/escalation/paths.ts. */
  teams: { id: string; name: string; tier: number; escalatesToId: string | null }[];
  agents: { id: string; name: string; teamId: string }[];
}

/** The choices forms offer: active categories, teams and who is in which team. Small tables. */
export async function getReferenceData(db: Db): Promise<ReferenceData> {
  const [categoryRows, teamRows, agentRows] = await Promise.all([
    listActiveCategories(db),
    db
      .select({ id: teams.id, name: teams.name, tier: teams.tier, escalatesToId: teams.escalatesToId })
      .from(teams)
      .orderBy(asc(teams.name)),
    db
      .select({ id: users.id, name: users.name, teamId: teamMembers.teamId })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(eq(users.active, true))
      .orderBy(asc(users.name)),
  ]);
  return { categories: categoryRows, teams: teamRows, agents: agentRows };
}
