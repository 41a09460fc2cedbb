import type { Metadata } from 'next';
import Link from 'next/link';
import { loadOr404 } from '@/app/_auth/load';
import { requireActor, STAFF } from '@/app/_auth/session';
import { formatAge, formatNumber } from '@/components/format';
import { StaffShell } from '@/components/layout/staff-shell';
import { PriorityBadge, StatusBadge } from '@/components/tickets/badges';
import { getDb } from '@/db/client';
import { countQueues, listQueue, QUEUE_VIEWS, queueQuerySchema, type QueueView } from '@/lib/tickets/queue';

export const metadata: Metadata = { title: 'Queue' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function QueuePage({ searchParams }: Props) {
  const actor = await requireActor(STAFF);
  const { view, after } = queueQuerySchema.parse(await searchParams);
  const db = getDb();
  const [page, counts] = await Promise.all([loadOr404(listQueue(db, actor, { view, after })), countQueues(db, actor)]);
  const now = new Date();

  return (
    <StaffShell actor={actor}>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{QUEUE_VIEWS[view]}</h1>
        <Link href="/contacts/new" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700">
          Log a contact
        </Link>
      </div>
      <nav aria-label="Queues" className="mb-4 flex flex-wrap gap-2">
        {(Object.keys(QUEUE_VIEWS) as QueueView[]).map((v) => (
          <Link
            key={v}
            href={`/tickets?view=${v}`}
            aria-current={v === view ? 'page' : undefined}
            className={`rounded-full px-3 py-1 text-sm font-medium ${v === view ? 'bg-brand-600 text-white' : 'bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50'}`}
          >
            {QUEUE_VIEWS[v]} <span className="opacity-75">({counts[v]})</span>
          </Link>
        ))}
      </nav>

      {page.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">Nothing here. Nice work.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full text-sm">
            <caption className="sr-only">{QUEUE_VIEWS[view]}: sorted by priority, then oldest first</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-3 py-2">Number</th>
                <th scope="col" className="px-3 py-2">Subject</th>
                <th scope="col" className="px-3 py-2">Customer</th>
                <th scope="col" className="px-3 py-2">Priority</th>
                <th scope="col" className="px-3 py-2">Status</th>
                <th scope="col" className="px-3 py-2">Assignee</th>
                <th scope="col" className="px-3 py-2">Age</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((r) => (
                <tr key={r.id} className="hover:bg-slate-50">
                  <td className="px-3 py-2 whitespace-nowrap">
                    <Link href={`/tickets/${r.number}`} className="font-mono text-brand-700 underline">
                      {formatNumber(r.number)}
                    </Link>
                    {r.cern ? <div className="font-mono text-xs text-red-700">{r.cern}</div> : null}
                  </td>
                  <td className="max-w-md truncate px-3 py-2">
                    <Link href={`/tickets/${r.number}`} className="hover:underline">
                      {r.subject}
                    </Link>
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">{r.customerName}</td>
                  <td className="px-3 py-2">
                    <PriorityBadge priority={r.priority} />
                  </td>
                  <td className="px-3 py-2">
                    <StatusBadge status={r.status} />
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap text-slate-600">{r.assigneeName ?? '—'}</td>
                  <td className="px-3 py-2 whitespace-nowrap text-slate-600">{formatAge(r.createdAt, now)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="mt-4 flex gap-3">
        {after ? (
          <Link href={`/tickets?view=${view}`} className="rounded-md px-3 py-1.5 text-sm font-medium text-brand-700 ring-1 ring-slate-300">
            First page
          </Link>
        ) : null}
        {page.next ? (
          <Link href={`/tickets?view=${view}&after=${page.next}`} className="rounded-md px-3 py-1.5 text-sm font-medium text-brand-700 ring-1 ring-slate-300">
            Next page
          </Link>
        ) : null}
      </div>
    </StaffShell>
  );
}
