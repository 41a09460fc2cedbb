import type { Metadata } from 'next';
import Link from 'next/link';
import { loadOr404 } from '@/app/_auth/load';
import { LEADS, requireActor } from '@/app/_auth/session';
import { AdminShell } from '@/components/admin/admin-shell';
import { ButtonForm, ReassignForm, RoleForm } from '@/components/admin/person-forms';
import { formatNumber } from '@/components/format';
import { PriorityBadge, StatusBadge } from '@/components/tickets/badges';
import { STACK } from '@/components/tickets/ticket-table';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { getDb } from '@/db/client';
import { getPerson } from '@/lib/admin/list-people';
import { ROLE_LABELS, STAFF_ROLES } from '@/lib/admin/people-rules';
import { changeRoleAction, deactivateAction, reactivateAction, reassignAction } from '../actions';

export const metadata: Metadata = { title: 'Person' };

type Props = { params: Promise<{ id: string }> };

const ROLE_OPTIONS = STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** One person: role, active or not, their open requests (reassignable in bulk), the admin history. */
export default async function PersonPage({ params }: Props) {
  const actor = await requireActor(LEADS);
  const { id } = await params;
  const { person, openTickets, candidates, history, canManage } = await loadOr404(getPerson(getDb(), actor, id));
  const isStaffLogin = person.role !== 'customer';

  return (
    <AdminShell actor={actor} current="/admin/people" title={person.name}>
      <p className="text-sm">
        <Link href="/admin/people" className="text-brand-700 underline">
          All people
        </Link>
      </p>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <div className="space-y-4">
          <Card title="Details">
            <dl className="space-y-2 text-sm">
              <div>
                <dt className="text-slate-500">E-mail</dt>
                <dd className="break-all">{person.email}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Role</dt>
                <dd>{ROLE_LABELS[person.role]}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Teams</dt>
                <dd>{person.teams.length > 0 ? person.teams.join(', ') : '—'}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Status</dt>
                <dd>{person.active ? <Badge tone="green">Active</Badge> : <Badge tone="slate">Deactivated</Badge>}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Since</dt>
                <dd>
                  <LocalTime value={person.createdAt} dateOnly />
                </dd>
              </div>
            </dl>
          </Card>
          {canManage ? (
            <Card title="Manage">
              <div className="space-y-4">
                {isStaffLogin ? (
                  <RoleForm action={changeRoleAction} userId={person.id} role={person.role} roles={ROLE_OPTIONS} />
                ) : null}
                {person.active ? (
                  <ButtonForm
                    action={deactivateAction}
                    hidden={{ userId: person.id }}
                    submitLabel="Deactivate"
                    label={`Deactivate ${person.name}`}
                    variant="danger"
                  />
                ) : (
                  <ButtonForm
                    action={reactivateAction}
                    hidden={{ userId: person.id }}
                    submitLabel="Reactivate"
                    label={`Reactivate ${person.name}`}
                  />
                )}
                <p className="text-xs text-slate-500">
                  Deactivating signs them out everywhere at once and stops them signing in; their requests stay theirs
                  until you reassign them.
                </p>
              </div>
            </Card>
          ) : null}
        </div>
        <div className="min-w-0 space-y-4">
          <Card title={`Open requests (${openTickets.length})`}>
            {openTickets.length === 0 ? (
              <p className="text-sm text-slate-600">No open requests are assigned to {person.name}.</p>
            ) : (
              <div className="space-y-4">
                {canManage ? (
                  <ReassignForm
                    action={reassignAction}
                    userId={person.id}
                    candidates={candidates}
                    count={openTickets.length}
                  />
                ) : null}
                <table className={STACK.table} aria-label="Open requests">
                  <thead className={STACK.head}>
                    <tr>
                      <th className="px-3 py-2">Number</th>
                      <th className="px-3 py-2">Subject</th>
                      <th className="px-3 py-2">Team</th>
                      <th className="px-3 py-2">Priority</th>
                      <th className="px-3 py-2">Status</th>
                      <th className="px-3 py-2">Updated</th>
                    </tr>
                  </thead>
                  <tbody className={STACK.body}>
                    {openTickets.map((t) => (
                      <tr key={t.number} className={STACK.row}>
                        <td data-label="Number" className={STACK.cell}>
                          <Link href={`/tickets/${t.number}`} className="font-mono text-brand-700 underline">
                            {formatNumber(t.number)}
                          </Link>
                        </td>
                        <td data-label="Subject" className={`${STACK.cell} break-words`}>
                          {t.subject}
                        </td>
                        <td data-label="Team" className={STACK.cell}>
                          {t.team ?? '—'}
                        </td>
                        <td data-label="Priority" className={STACK.cell}>
                          <PriorityBadge priority={t.priority} />
                        </td>
                        <td data-label="Status" className={STACK.cell}>
                          <StatusBadge status={t.status} />
                        </td>
                        <td data-label="Updated" className={STACK.cell}>
                          <LocalTime value={t.updatedAt} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
          {canManage ? (
            <Card title="History">
              {history.length === 0 ? (
                <p className="text-sm text-slate-600">No administrative changes yet.</p>
              ) : (
                <ul className="space-y-1 text-sm">
                  {history.map((h) => (
                    <li key={h.id}>
                      <LocalTime value={h.createdAt} /> · <span className="font-mono text-xs">{h.action}</span> by{' '}
                      {h.actorName ?? 'the command line'}
                    </li>
                  ))}
                </ul>
              )}
              <p className="mt-2 text-sm">
                <Link
                  href={`/admin/audit?${new URLSearchParams({ entity: person.email })}`}
                  className="text-brand-700 underline"
                >
                  In the audit log
                </Link>
              </p>
            </Card>
          ) : null}
        </div>
      </div>
    </AdminShell>
  );
}
