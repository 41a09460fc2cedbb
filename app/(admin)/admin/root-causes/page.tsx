import type { Metadata } from 'next';
import { LEADS, requireActor } from '@/app/_auth/session';
import { AdminShell } from '@/components/admin/admin-shell';
import { RetireRootCauseForm, RootCauseForm } from '@/components/follow-up/root-cause-forms';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { getDb } from '@/db/client';
import { listRootCauses } from '@/lib/follow-up/root-causes';
import { createRootCauseAction, renameRootCauseAction, retireRootCauseAction } from './actions';

export const metadata: Metadata = { title: 'Root causes' };

/**
 * The short list a lead picks from when recording a detractor's outcome. Retiring one keeps it on
 * the follow-ups recorded with it and takes it out of the select. Leads read; admins change.
 */
export default async function RootCausesPage() {
  const actor = await requireActor(LEADS);
  const causes = await listRootCauses(getDb(), actor);
  const admin = actor.role === 'admin';
  return (
    <AdminShell actor={actor} current="/admin/root-causes" title="Root causes">
      <Card title="All root causes">
        {causes.length === 0 ? (
          <p className="text-sm text-slate-600">No root cause yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Root causes">
            {causes.map((c) => (
              <li key={c.id} className="space-y-2 py-3">
                <p className="font-medium break-words text-slate-900">
                  {c.name} {c.retiredAt ? <Badge>retired</Badge> : null}
                  <span className="ml-2 text-sm font-normal text-slate-600">
                    position {c.sort}
                    {c.retiredAt ? (
                      <>
                        {' '}
                        · retired <LocalTime value={c.retiredAt} />
                      </>
                    ) : null}
                  </span>
                </p>
                {admin ? (
                  <div className="flex flex-wrap items-start gap-3">
                    <details className="min-w-0 flex-1">
                      <summary className="cursor-pointer text-sm font-medium text-brand-700">Edit {c.name}</summary>
                      <div className="mt-2">
                        <RootCauseForm action={renameRootCauseAction} cause={c} />
                      </div>
                    </details>
                    <RetireRootCauseForm
                      action={retireRootCauseAction}
                      cause={{ id: c.id, name: c.name, retired: c.retiredAt !== null }}
                    />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {admin ? (
        <Card title="New root cause">
          <RootCauseForm action={createRootCauseAction} />
        </Card>
      ) : null}
    </AdminShell>
  );
}
