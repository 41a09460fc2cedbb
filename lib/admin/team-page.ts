import type { Db } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { LEAD_ROLES } from '@/lib/auth/permissions';
import { listEscalationTeams, type EscalationTeam } from '@/lib/escalation/paths';
import { getTeamAssignment, type TeamAssignmentView } from './team-assignment';
import { getTeam, type TeamDetail } from './teams';

export interface TeamPage extends TeamDetail {
  assignment: TeamAssignmentView;
  /** This team's place in the escalation paths (tier 1, no next team, when not set). */
  path: Pick<EscalationTeam, 'id' | 'tier' | 'escalatesToId'>;
  /** The other teams, for the escalation-path form. */
  otherTeams: EscalationTeam[];
  /** The next tier's name; null on the last tier. */
  nextTeamName: string | null;
  /** Active members who may lead the team. */
  eligibleLeads: TeamDetail['members'];
}

/**
 * Everything the team page (`/admin/teams/[id]`) shows, in one use case: members and candidates,
 * assignment settings, escalation path and the members who may lead. A lead only their own team's
 * (getTeam decides first), everyone else "not found".
 */
export async function getTeamPage(db: Db, actor: Actor, id: string): Promise<TeamPage> {
  const detail = await getTeam(db, actor, id);
  const [assignment, teams] = await Promise.all([getTeamAssignment(db, actor, id), listEscalationTeams(db)]);
  const path = teams.find((t) => t.id === detail.team.id) ?? { id: detail.team.id, tier: 1, escalatesToId: null };
  return {
    ...detail,
    assignment,
    path,
    otherTeams: teams.filter((t) => t.id !== detail.team.id),
    nextTeamName: teams.find((t) => t.id === path.escalatesToId)?.name ?? null,
    eligibleLeads: detail.members.filter((m) => m.active && (LEAD_ROLES as readonly string[]).includes(m.role)),
  };
}
