import { Card } from '@/components/ui/card';
import type { BreakdownRow } from '@/lib/metrics/types';
import { formatCount, formatHours, formatPercent } from './format';

const HEAD_BASE = 'px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500';
const HEAD = `${HEAD_BASE} text-right`;
const CELL = 'px-3 py-2 text-right tabular-nums text-slate-700';

export type BreakdownLinks = (
  row: BreakdownRow,
) => Partial<Record<'created' | 'resolved' | 'csat' | 'fcr' | 'aht' | 'backlog', string>> | null;

const linked = (value: string, href: string | undefined, what: string) =>
  href ? (
    <a
      href={href}
      className="underline decoration-dotted underline-offset-2 hover:decoration-solid"
      aria-label={`${value} ${what}`}
    >
      {value}
    </a>
  ) : (
    value
  );

/** Period figures per team, category, agent or channel; the backlog column is as of now. Each number lists its tickets. */
export function BreakdownTable({
  title,
  nameLabel,
  rows,
  links,
}: {
  title: string;
  nameLabel: string;
  rows: BreakdownRow[];
  links?: BreakdownLinks;
}) {
  return (
    <Card title={title}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">No tickets in this period.</p>
      ) : (
        // Scrolls sideways at 390 px: focusable and named so a keyboard user can scroll it.
        <div className="-m-4 overflow-x-auto" tabIndex={0} role="region" aria-label={`${title} table`}>
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
              {rows.map((row) => {
                const href = links?.(row) ?? {};
                const of = `${row.name}:`;
                return (
                  <tr key={row.id ?? 'none'}>
                    <th
                      scope="row"
                      className={`px-3 py-2 text-left font-medium ${row.id === null ? 'text-slate-500 italic' : 'text-slate-900'}`}
                    >
                      {row.name}
                    </th>
                    <td className={CELL}>{linked(formatCount(row.created), href.created, `${of} created`)}</td>
                    <td className={CELL}>{linked(formatCount(row.resolved), href.resolved, `${of} resolved`)}</td>
                    <td className={CELL} title={`${row.csatAnswered} answered`}>
                      {linked(formatPercent(row.csatShare), href.csat, `${of} CSAT`)}
                    </td>
                    <td className={CELL}>{linked(formatPercent(row.fcrShare), href.fcr, `${of} FCR`)}</td>
                    <td className={CELL}>{linked(formatHours(row.ahtHours), href.aht, `${of} AHT`)}</td>
                    <td className={CELL}>{linked(formatCount(row.backlog), href.backlog, `${of} backlog`)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
