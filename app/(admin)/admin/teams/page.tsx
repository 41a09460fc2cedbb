import type { Metadata } from 'next';
import Link from 'next/link';
import { LEADS, requireActor } from '@/app/_auth/session';
import { AdminShell } from '@/components/admin/admin-shell';
import { CreateTeamForm } from '@/components/admin/team-forms';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listTeams } from '@/lib/admin/teams';
import { listEscalationTeams } from '@/lib/escalation/paths';
import { createTeamAction } from './actions';

export const metadata: Metadata = { title: 'Teams' };

/** Admins manage every team; a lead sees the teams they lead, read-only. */
export default async function TeamsPage() {
  const actor = await requireActor(LEADS);
  const db = getDb();
  const [teams, paths] = await Promise.all([listTeams(db, actor), listEscalationTeams(db)]);
  const path = new Map(paths.map((t) => [t.id, t]));
  const admin = actor.role === 'admin';
  return (
    <AdminShell actor={actor} current="/admin/teams" title="Teams">
      {!admin ? <p className="text-sm text-slate-600">The teams you lead. Admins change teams.</p> : null}
      <Card title={admin ? 'All teams' : 'Your teams'}>
        {teams.length === 0 ? (
          <p className="text-sm text-slate-600">No teams yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Teams">
            {teams.map((t) => (
              <li key={t.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                <Link href={`/admin/teams/${t.id}`} className="font-medium text-brand-700 underline">
                  {t.name}
                </Link>
                <span className="text-sm text-slate-600">
                  {t.members} member{t.members === 1 ? '' : 's'} · lead: {t.leadName ?? 'none'} · tier{' '}
                  {path.get(t.id)?.tier ?? 1}
                  {path.get(t.id)?.escalatesToId
                    ? ` → ${path.get(path.get(t.id)?.escalatesToId ?? '')?.name ?? 'another team'}`
                    : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {admin ? (
        <Card title="New team">
          <CreateTeamForm action={createTeamAction} />
        </Card>
      ) : null}
    </AdminShell>
  );
}
