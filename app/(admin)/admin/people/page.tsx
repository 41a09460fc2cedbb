import type { Metadata } from 'next';
import Link from 'next/link';
import { LEADS, requireActor } from '@/app/_auth/session';
import { AdminShell } from '@/components/admin/admin-shell';
import { InviteForm } from '@/components/admin/invite-form';
import { ButtonForm } from '@/components/admin/person-forms';
import { STACK } from '@/components/tickets/ticket-table';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { getDb } from '@/db/client';
import { listInvitations } from '@/lib/admin/invitations';
import { listPeople, peopleFilterSchema } from '@/lib/admin/list-people';
import { ROLE_LABELS, STAFF_ROLES } from '@/lib/admin/people-rules';
import { can } from '@/lib/auth/permissions';
import { getReferenceData } from '@/lib/tickets/reference-data';
import { cancelInvitationAction, inviteAction, resendInvitationAction } from './actions';

export const metadata: Metadata = { title: 'People' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
const ROLE_OPTIONS = STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** Staff and their roles; admins invite and manage, leads read the members of their teams. */
export default async function PeoplePage({ searchParams }: Props) {
  const actor = await requireActor(LEADS);
  const raw = await searchParams;
  const filter = peopleFilterSchema.parse({
    q: first(raw.q),
    role: first(raw.role),
    status: first(raw.status) || 'active',
    after: first(raw.after),
  });
  const db = getDb();
  const isAdmin = can(actor, 'admin');
  const [people, invitations, reference] = await Promise.all([
    listPeople(db, actor, filter),
    isAdmin ? listInvitations(db, actor) : Promise.resolve([]),
    isAdmin ? getReferenceData(db) : Promise.resolve(null),
  ]);
  const nextHref = people.next
    ? `/admin/people?${new URLSearchParams({ q: filter.q, role: filter.role, status: filter.status, after: people.next })}`
    : null;

  return (
    <AdminShell actor={actor} current="/admin/people" title="People">
      {isAdmin ? (
        <Card title="Invite staff">
          <InviteForm action={inviteAction} roles={ROLE_OPTIONS} teams={reference?.teams ?? []} />
        </Card>
      ) : (
        <p className="text-sm text-slate-600">The members of the teams you lead. Only admins change people.</p>
      )}
      {isAdmin && invitations.length > 0 ? (
        <Card title="Pending invitations">
          <ul className="divide-y divide-slate-100" aria-label="Pending invitations">
            {invitations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                <div className="min-w-0 text-sm">
                  <p className="font-medium break-words text-slate-800">
                    {i.name} · {i.email}
                  </p>
                  <p className="text-slate-600">
                    {ROLE_LABELS[i.role]}
                    {i.teams.length > 0 ? ` · ${i.teams.join(', ')}` : ''} · invited by{' '}
                    {i.invitedBy ?? 'the command line'} <LocalTime value={i.createdAt} /> ·{' '}
                    {i.state === 'expired' ? (
                      <Badge tone="amber">Expired</Badge>
                    ) : (
                      <>
                        expires <LocalTime value={i.expiresAt} />
                      </>
                    )}
                  </p>
                </div>
                <div className="flex gap-2">
                  <ButtonForm
                    action={resendInvitationAction}
                    hidden={{ invitationId: i.id }}
                    submitLabel="Resend"
                    label={`Resend the invitation to ${i.email}`}
                  />
                  <ButtonForm
                    action={cancelInvitationAction}
                    hidden={{ invitationId: i.id }}
                    submitLabel="Cancel invitation"
                    label={`Cancel the invitation to ${i.email}`}
                  />
                </div>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title="Staff">
        <form method="get" className="mb-4 grid gap-3 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end" role="search">
          <div className="space-y-1">
            <label htmlFor="people-q" className="block text-sm font-medium text-slate-700">
              Search name or e-mail
            </label>
            <input
              id="people-q"
              name="q"
              type="search"
              defaultValue={filter.q}
              className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
          </div>
          <div className="space-y-1">
            <label htmlFor="people-role" className="block text-sm font-medium text-slate-700">
              Role
            </label>
            <select
              id="people-role"
              name="role"
              defaultValue={filter.role}
              className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            >
              <option value="">All staff</option>
              {ROLE_OPTIONS.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
              {isAdmin ? <option value="customer">Portal logins</option> : null}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="people-status" className="block text-sm font-medium text-slate-700">
              Status
            </label>
            <select
              id="people-status"
              name="status"
              defaultValue={filter.status}
              className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            >
              <option value="active">Active</option>
              <option value="deactivated">Deactivated</option>
              <option value="all">All</option>
            </select>
          </div>
          <button
            type="submit"
            className="rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
          >
            Filter
          </button>
        </form>
        {people.rows.length === 0 ? (
          <p className="text-sm text-slate-600">Nobody matches these filters.</p>
        ) : (
          <table className={STACK.table} aria-label="People">
            <thead className={STACK.head}>
              <tr>
                <th className="px-3 py-2">Name</th>
                <th className="px-3 py-2">E-mail</th>
                <th className="px-3 py-2">Role</th>
                <th className="px-3 py-2">Teams</th>
                <th className="px-3 py-2">Open requests</th>
                <th className="px-3 py-2">Status</th>
              </tr>
            </thead>
            <tbody className={STACK.body}>
              {people.rows.map((p) => (
                <tr key={p.id} className={STACK.row}>
                  <td data-label="Name" className={STACK.cell}>
                    <Link href={`/admin/people/${p.id}`} className="font-medium text-brand-700 underline">
                      {p.name}
                    </Link>
                  </td>
                  <td data-label="E-mail" className={`${STACK.cell} break-all`}>
                    {p.email}
                  </td>
                  <td data-label="Role" className={STACK.cell}>
                    {ROLE_LABELS[p.role]}
                  </td>
                  <td data-label="Teams" className={STACK.cell}>
                    {p.teams.length > 0 ? p.teams.join(', ') : '—'}
                  </td>
                  <td data-label="Open requests" className={STACK.cell}>
                    {p.openTickets}
                  </td>
                  <td data-label="Status" className={STACK.cell}>
                    {p.active ? <Badge tone="green">Active</Badge> : <Badge tone="slate">Deactivated</Badge>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {nextHref ? (
          <p className="mt-4 text-sm">
            <Link href={nextHref} className="font-medium text-brand-700 underline">
              Next page
            </Link>
          </p>
        ) : null}
      </Card>
    </AdminShell>
  );
}
