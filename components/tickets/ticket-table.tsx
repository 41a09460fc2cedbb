import Link from 'next/link';
import { formatAge, formatNumber } from '@/components/format';
import type { QueueRow } from '@/lib/tickets/queue';
import { PriorityBadge, StatusBadge } from './badges';

export const TICKET_COLUMNS = ['Number', 'Subject', 'Customer', 'Priority', 'Status', 'Assignee', 'Age'] as const;

/** The cells of one request row, shared by the live queue and the views' table. Untrusted text renders as text. */
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
      {/* The age is computed on the server, then again in the browser a moment later. */}
      <td className="px-3 py-2 whitespace-nowrap text-slate-600" suppressHydrationWarning>
        {formatAge(r.createdAt, now)}
      </td>
    </>
  );
}
