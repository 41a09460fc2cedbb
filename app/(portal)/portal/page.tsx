import type { Metadata } from 'next';
import Link from 'next/link';
import { requireActor } from '@/app/_auth/session';
import { formatNumber } from '@/components/format';
import { LocalTime } from '@/components/ui/local-time';
import { PortalShell } from '@/components/layout/portal-shell';
import { StatusBadge } from '@/components/tickets/badges';
import { getDb } from '@/db/client';
import { listMyRequests } from '@/lib/tickets/get-ticket';

export const metadata: Metadata = { title: 'My requests' };

export default async function PortalHome() {
  const actor = await requireActor(['customer']);
  const requests = await listMyRequests(getDb(), actor);
  return (
    <PortalShell actor={actor}>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">My requests</h1>
        <Link href="/portal/new" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700">
          New request
        </Link>
      </div>
      {requests.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          You have no requests yet. <Link href="/portal/new" className="text-brand-700 underline">Tell us what you need</Link>.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="My requests">
          {requests.map((r) => (
            <li key={r.number}>
              <Link href={`/portal/requests/${r.number}`} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 hover:bg-slate-50">
                <span className="font-mono text-sm text-slate-500">{formatNumber(r.number)}</span>
                <span className="min-w-0 flex-1 truncate font-medium text-slate-900">{r.subject}</span>
                {r.cern ? <span className="font-mono text-xs text-slate-500">{r.cern}</span> : null}
                <StatusBadge status={r.status} audience="customer" />
                <span className="text-xs text-slate-500"><LocalTime value={r.createdAt} dateOnly /></span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </PortalShell>
  );
}
