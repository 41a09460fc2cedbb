import type { Metadata } from 'next';
import Link from 'next/link';
import { loadOr404 } from '@/app/_auth/load';
import { LEADS, requireActor } from '@/app/_auth/session';
import { AdminShell } from '@/components/admin/admin-shell';
import { EscalationPathForm } from '@/components/admin/escalation-form';
import { AddMemberForm, RemoveMemberForm, RenameTeamForm, TeamLeadForm } from '@/components/admin/team-forms';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getTeamPage } from '@/lib/admin/team-page';
import { TeamAssignmentCard } from '@/components/routing/team-assignment-card';
import {
  addMemberAction,
  removeMemberAction,
  renameTeamAction,
  setAssignmentAction,
  setEscalationPathAction,
  setLeadAction,
} from '../actions';

export const metadata: Metadata = { title: 'Team' };

type Props = { params: Promise<{ id: string }> };

/** One team: its name, members and lead. A lead sees their own team read-only. */
export default async function TeamPage({ params }: Props) {
  const actor = await requireActor(LEADS);
  const { id } = await params;
  const { team, members, candidates, assignment, path, otherTeams, nextTeamName, eligibleLeads } = await loadOr404(
    getTeamPage(getDb(), actor, id),
  );
  const admin = actor.role === 'admin';
  return (
    <AdminShell actor={actor} current="/admin/teams" title={team.name}>
      <p className="text-sm">
        <Link href="/admin/teams" className="text-brand-700 underline">
          ← All teams
        </Link>
      </p>
      <Card title="Members">
        {members.length === 0 ? <p className="text-sm text-slate-600">No members yet.</p> : null}
        <ul className="divide-y divide-slate-100" aria-label="Members">
          {members.map((m) => (
            <li key={m.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
              <div className="min-w-0">
                <p className="font-medium break-words text-slate-900">
                  {m.name}
                  {m.id === team.leadId ? ' (lead)' : ''}
                  {!m.active ? ' (deactivated)' : ''}
                </p>
                <p className="text-sm break-all text-slate-600">
                  {m.email} · {m.role} · {m.openAssigned} open request{m.openAssigned === 1 ? '' : 's'} assigned
                </p>
              </div>
              {admin ? <RemoveMemberForm action={removeMemberAction} teamId={team.id} member={m} /> : null}
            </li>
          ))}
        </ul>
      </Card>
      <TeamAssignmentCard teamId={team.id} assignment={assignment} action={admin ? setAssignmentAction : null} />
      {admin ? (
        <>
          <Card title="Add a member">
            <AddMemberForm action={addMemberAction} teamId={team.id} candidates={candidates} />
          </Card>
          <Card title="Team lead">
            <TeamLeadForm
              action={setLeadAction}
              teamId={team.id}
              current={team.leadId ? { id: team.leadId, name: team.leadName ?? 'Current lead' } : null}
              eligible={eligibleLeads}
            />
          </Card>
          <Card title="Escalation path">
            <EscalationPathForm action={setEscalationPathAction} team={path} others={otherTeams} />
          </Card>
          <Card title="Name">
            <RenameTeamForm action={renameTeamAction} team={team} />
          </Card>
        </>
      ) : (
        <p className="text-sm text-slate-600">
          Lead: {team.leadName ?? 'none'}. Tier {path.tier}; escalates to {nextTeamName ?? 'nobody (last tier)'}. Admins
          change the team.
        </p>
      )}
    </AdminShell>
  );
}
