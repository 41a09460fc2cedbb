import Link from 'next/link';
import { formatAge, formatNumber } from '@/components/format';
import type { QueueRow } from '@/lib/tickets/queue';
import { PriorityBadge, StatusBadge } from './badges';

export const TICKET_COLUMNS = ['Number', 'Subject', 'Customer', 'Priority', 'Status', 'Assignee', 'Age'] as const;

/** The cells of one request row, shared by the live queue and the read-only tables. Untrusted text renders as text. */
export function TicketRowCells({ row: r, now }: { row: QueueRow; now: Date }) {
  return (
    <>
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
    </>
  );
}

/** A read-only list of requests (views, search-like pages). The live queue has its own, with selection. */
export function TicketTable({ rows, label }: { rows: QueueRow[]; label: string }) {
  const now = new Date();
  if (rows.length === 0) return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No request matches.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-sm" aria-label={label}>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            {TICKET_COLUMNS.map((h) => (
              <th key={h} scope="col" className="px-3 py-2">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id} className="hover:bg-slate-50">
              <TicketRowCells row={r} now={now} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
