import type { Metadata } from 'next';
import Link from 'next/link';
import { loadOr404 } from '@/app/_auth/load';
import { requireActor, STAFF } from '@/app/_auth/session';
import { formatNumber } from '@/components/format';
import { LocalTime } from '@/components/ui/local-time';
import { EditCustomerForm, EraseCustomerForm, MergeCustomerForm } from '@/components/agent/customer-forms';
import { StaffShell } from '@/components/layout/staff-shell';
import { PriorityBadge, StatusBadge } from '@/components/tickets/badges';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getCustomerProfile } from '@/lib/customers/get-profile';
import { isOpenStatus } from '@/lib/tickets/transitions';
import { ERASE_CONFIRMATION } from '@/lib/customers/anonymize-customer';
import { eraseCustomerAction, mergeCustomersAction, updateCustomerAction } from './actions';

export const metadata: Metadata = { title: 'Customer' };

type Props = { params: Promise<{ id: string }> };

export default async function CustomerPage({ params }: Props) {
  const actor = await requireActor(STAFF);
  const { id } = await params;
  const profile = await loadOr404(getCustomerProfile(getDb(), actor, id));
  const { customer } = profile;
  const exceptions = profile.tickets.filter((t) => t.cern !== null);
  const open = profile.tickets.filter((t) => isOpenStatus(t.status));
  const logHref = `/contacts/new?${new URLSearchParams({ name: customer.name, email: customer.email ?? '', phone: customer.phone ?? '' })}`;

  return (
    <StaffShell actor={actor}>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{customer.name}</h1>
          <p className="text-sm text-slate-600">
            Customer since <LocalTime value={customer.createdAt} dateOnly /> · {profile.tickets.length} requests ·{' '}
            {open.length} open
          </p>
        </div>
        <Link
          href={logHref}
          className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
        >
          Log a contact for this customer
        </Link>
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
        <div className="space-y-6">
          <Card title="Contact details">
            <dl className="space-y-2 text-sm">
              <div>
                <dt className="text-slate-500">E-mail</dt>
                <dd>{customer.email ?? '—'}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Phone</dt>
                <dd>{customer.phone ?? '—'}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Organization</dt>
                <dd>{customer.organization ?? '—'}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Preferred channel</dt>
                <dd>{customer.preferredChannel ?? '—'}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Channels used</dt>
                <dd>{profile.channels.join(', ') || '—'}</dd>
              </div>
              {customer.tags.length > 0 ? (
                <div>
                  <dt className="text-slate-500">Tags</dt>
                  <dd>{customer.tags.join(', ')}</dd>
                </div>
              ) : null}
            </dl>
          </Card>
          <Card title="Notes">
            <p className="text-sm whitespace-pre-wrap text-slate-700">{customer.notes || 'No notes.'}</p>
          </Card>
          <Card title="Exceptions raised">
            {exceptions.length === 0 ? (
              <p className="text-sm text-slate-600">None.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {exceptions.map((t) => (
                  <li key={t.number}>
                    <Link href={`/tickets/${t.number}`} className="font-mono text-red-700 underline">
                      {t.cern}
                    </Link>{' '}
                    {t.subject}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Satisfaction">
            {profile.surveys.length === 0 ? (
              <p className="text-sm text-slate-600">No survey answered yet.</p>
            ) : (
              <ul className="space-y-2 text-sm" aria-label="Survey history">
                {profile.surveys.map((s) => (
                  <li key={`${s.number}`}>
                    <span className="font-mono text-slate-500">{formatNumber(s.number)}</span> CSAT {s.csat}/5 · NPS{' '}
                    {s.nps}/10
                    {s.comment ? <p className="text-slate-600 italic">“{s.comment}”</p> : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
        <div className="space-y-6">
          <Card title="Contact history (all channels)">
            {profile.tickets.length === 0 ? (
              <p className="text-sm text-slate-600">No requests yet.</p>
            ) : (
              <ul className="divide-y divide-slate-100" aria-label="Contact history">
                {profile.tickets.map((t) => (
                  <li key={t.number} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
                    <Link href={`/tickets/${t.number}`} className="font-mono text-brand-700 underline">
                      {formatNumber(t.number)}
                    </Link>
                    <span className="min-w-0 flex-1 truncate">{t.subject}</span>
                    {t.cern ? <span className="font-mono text-xs text-red-700">{t.cern}</span> : null}
                    <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{t.channel}</span>
                    <PriorityBadge priority={t.priority} />
                    <StatusBadge status={t.status} />
                    <time className="text-xs text-slate-500" dateTime={t.createdAt.toISOString()}>
                      <LocalTime value={t.createdAt} />
                    </time>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
            <Card title="Edit customer">
              <EditCustomerForm
                updateCustomerAction={updateCustomerAction}
                customer={{
                  id: customer.id,
                  version: customer.version,
                  name: customer.name,
                  email: customer.email,
                  phone: customer.phone,
                  organization: customer.organization,
                  preferredChannel: customer.preferredChannel,
                  notes: customer.notes,
                  tags: customer.tags,
                }}
              />
            </Card>
            <Card title="Merge a duplicate">
              <MergeCustomerForm mergeCustomersAction={mergeCustomersAction} customerId={customer.id} />
            </Card>
          </div>
          {actor.role === 'admin' ? (
            <Card title="Data protection">
              <div className="space-y-4">
                <p className="text-sm text-slate-700">
                  <a
                    href={`/api/v1/customers/${customer.id}/export`}
                    download
                    className="font-medium text-brand-700 underline"
                  >
                    Download everything about this customer (JSON)
                  </a>{' '}
                  — profile, login, requests with messages and internal notes, attachment details, surveys and events.
                </p>
                <EraseCustomerForm
                  eraseCustomerAction={eraseCustomerAction}
                  customerId={customer.id}
                  confirmation={ERASE_CONFIRMATION}
                />
              </div>
            </Card>
          ) : null}
        </div>
      </div>
    </StaffShell>
  );
}
