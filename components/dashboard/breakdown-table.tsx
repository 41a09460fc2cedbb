import { Card } from '@/components/ui/card';
import type { BreakdownRow } from '@/lib/metrics/types';
import { formatCount, formatHours, formatPercent } from './format';

const HEAD_BASE = 'px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500';
const HEAD = `${HEAD_BASE} text-right`;
const CELL = 'px-3 py-2 text-right tabular-nums text-slate-700';

/** Period figures per team or category; the backlog column is as of now. */
export function BreakdownTable({ title, nameLabel, rows }: { title: string; nameLabel: string; rows: BreakdownRow[] }) {
  return (
    <Card title={title}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">No tickets in this period.</p>
      ) : (
        <div className="-m-4 overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-100 text-sm">
            <caption className="sr-only">
              {title}: tickets created and resolved in the period (merged duplicates left out of resolved, FCR and AHT),
              satisfaction, first-contact resolution, handling time and open backlog
            </caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={`${HEAD_BASE} text-left`}>
                  {nameLabel}
                </th>
                <th scope="col" className={HEAD}>
                  Created
                </th>
                <th scope="col" className={HEAD}>
                  Resolved
                </th>
                <th scope="col" className={HEAD}>
                  CSAT
                </th>
                <th scope="col" className={HEAD}>
                  FCR
                </th>
                <th scope="col" className={HEAD}>
                  AHT
                </th>
                <th scope="col" className={HEAD}>
                  Backlog
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.id ?? 'none'}>
                  <th
                    scope="row"
                    className={`px-3 py-2 text-left font-medium ${row.id === null ? 'text-slate-500 italic' : 'text-slate-900'}`}
                  >
                    {row.name}
                  </th>
                  <td className={CELL}>{formatCount(row.created)}</td>
                  <td className={CELL}>{formatCount(row.resolved)}</td>
                  <td className={CELL} title={`${row.csatAnswered} answered`}>
                    {formatPercent(row.csatShare)}
                  </td>
                  <td className={CELL}>{formatPercent(row.fcrShare)}</td>
                  <td className={CELL}>{formatHours(row.ahtHours)}</td>
                  <td className={CELL}>{formatCount(row.backlog)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
