import Link from 'next/link';
import { formatAge, formatNumber } from '@/components/format';
import { SlaDueText } from '@/components/ui/local-time';
import type { QueueRow } from '@/lib/tickets/queue';
import { PriorityBadge, StatusBadge } from './badges';
import { SlaFlag } from './sla-flag';

export const TICKET_COLUMNS = [
  'Number',
  'Subject',
  'Customer',
  'Priority',
  'Status',
  'Due',
  'Assignee',
  'Age',
] as const;

/**
 * On a phone the table becomes a stack of cards: rows and cells are blocks and every cell shows
 * its column name (`data-label`), so nothing hides behind a sideways scroll.
 */
export const STACK = {
  table: 'min-w-full text-sm max-sm:block',
  head: 'bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase max-sm:sr-only',
  body: 'divide-y divide-slate-100 max-sm:block',
  row: 'max-sm:grid max-sm:grid-cols-2 max-sm:gap-x-3 max-sm:py-2',
  cell: 'px-3 py-2 max-sm:py-1 max-sm:before:block max-sm:before:text-xs max-sm:before:font-semibold max-sm:before:text-slate-600 max-sm:before:content-[attr(data-label)]',
} as const;

/** The cells of one request row, shared by the live queue and the views' table. Untrusted text renders as text. */
export function TicketRowCells({ row: r, now }: { row: QueueRow; now: Date }) {
  return (
    <>
      <td data-label="Number" className={`${STACK.cell} whitespace-nowrap`}>
        <Link href={`/tickets/${r.number}`} className="font-mono text-brand-700 underline">
          {formatNumber(r.number)}
        </Link>
        {r.cern ? <div className="font-mono text-xs text-red-700">{r.cern}</div> : null}
      </td>
      <td
        data-label="Subject"
        className={`${STACK.cell} max-w-md truncate max-sm:col-span-2 max-sm:max-w-none max-sm:whitespace-normal`}
      >
        <Link href={`/tickets/${r.number}`} className="hover:underline">
          {r.subject}
        </Link>
      </td>
      <td data-label="Customer" className={`${STACK.cell} whitespace-nowrap max-sm:whitespace-normal`}>
        {r.customerName}
      </td>
      <td data-label="Priority" className={STACK.cell}>
        <PriorityBadge priority={r.priority} />
      </td>
      <td data-label="Status" className={STACK.cell}>
        <StatusBadge status={r.status} />
      </td>
      <td data-label="Due" className={`${STACK.cell} whitespace-nowrap`}>
        <SlaDueText clock={r} /> <SlaFlag clock={r} />
      </td>
      <td data-label="Assignee" className={`${STACK.cell} whitespace-nowrap text-slate-600`}>
        {r.assigneeName ?? '—'}
      </td>
      {/* The age is computed on the server, then again in the browser a moment later. */}
      <td data-label="Age" className={`${STACK.cell} whitespace-nowrap text-slate-600`} suppressHydrationWarning>
        {formatAge(r.createdAt, now)}
      </td>
    </>
  );
}
