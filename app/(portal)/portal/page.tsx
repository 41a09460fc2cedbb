import type { Metadata } from 'next';
import Link from 'next/link';
import { requireActor } from '@/app/_auth/session';
import { formatNumber } from '@/components/format';
import { LocalTime } from '@/components/ui/local-time';
import { PortalShell } from '@/components/layout/portal-shell';
import { StatusBadge } from '@/components/tickets/badges';
import { getDb } from '@/db/client';
import { MY_REQUEST_FILTERS, searchMyRequests } from '@/lib/portal/my-requests';
import { MyRequestsSearch } from '@/components/portal/my-requests-search';

export const metadata: Metadata = { title: 'My requests' };

const FILTERS = Object.entries(MY_REQUEST_FILTERS).map(([value, f]) => ({ value, label: f.label }));

export default async function PortalHome({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor(['customer']);
  const page = await searchMyRequests(getDb(), actor, await searchParams);
  const { rows: requests, query } = page;
  const filtered = query.q !== '' || query.status !== undefined;
  const nextHref = page.next
    ? `/portal?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(query.status ? { status: query.status } : {}), after: page.next })}`
    : null;
  return (
    <PortalShell actor={actor}>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">My requests</h1>
        <Link
          href="/portal/new"
          className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
        >
          New request
        </Link>
      </div>
      <MyRequestsSearch q={query.q} status={query.status} filters={FILTERS} />
      {requests.length === 0 && filtered ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          No requests match.{' '}
          <Link href="/portal" className="text-brand-700 underline">
            Show all my requests
          </Link>
          .
        </p>
      ) : requests.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          You have no requests yet.{' '}
          <Link href="/portal/new" className="text-brand-700 underline">
            Tell us what you need
          </Link>
          .
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="My requests">
          {requests.map((r) => (
            <li key={r.number}>
              {/* On a phone the subject has its own line; from sm up, one row with the subject cut to fit. */}
              <Link
                href={`/portal/requests/${r.number}`}
                className="block px-4 py-3 hover:bg-slate-50 sm:flex sm:items-center sm:gap-4"
              >
                <span className="flex min-w-0 items-baseline gap-3 sm:flex-1">
                  <span className="font-mono text-sm text-slate-600">{formatNumber(r.number)}</span>
                  <span className="min-w-0 flex-1 font-medium break-words text-slate-900 sm:truncate">{r.subject}</span>
                </span>
                <span className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 sm:mt-0">
                  {r.cern ? <span className="font-mono text-xs text-slate-600">{r.cern}</span> : null}
                  <StatusBadge status={r.status} audience="customer" />
                  <span className="text-xs text-slate-600">
                    <LocalTime value={r.createdAt} dateOnly />
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {nextHref ? (
        <p className="mt-4 text-sm">
          {/* Not prefetched: a prefetch of this same page with other parameters stayed open in Next 16, so the page never went idle. */}
          <Link href={nextHref} prefetch={false} className="text-brand-700 underline">
            Older requests →
          </Link>
        </p>
      ) : null}
    </PortalShell>
  );
}
