import { TableScroll } from '@/components/ui/table-scroll';
import { Card } from '@/components/ui/card';
import type { CsvLinkData } from '@/lib/metrics/dashboard-export';
import type { BreakdownRow } from '@/lib/metrics/types';
import { CsvLink } from './csv-link';
import { formatCount, formatHours, formatPercent } from './format';

const HEAD_BASE = 'px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500';
const HEAD = `${HEAD_BASE} text-right`;
const CELL = 'px-3 py-2 text-right tabular-nums text-slate-700';

export type OrganizationLinks = (
  row: BreakdownRow,
) => Partial<Record<'created' | 'resolved' | 'csat' | 'fcr' | 'aht' | 'sla' | 'backlog', string>> | null;

/** How many organizations the table lists (the busiest by volume); the rest are counted below it. */
export const KEY_ACCOUNTS_SHOWN = 15;

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

/**
 * Key accounts: the period's figures per customer organization (the busiest first, then tickets of
 * customers without one), under every dashboard filter. Each number lists its tickets.
 */
export function OrganizationTable({
  rows,
  links,
  csv,
}: {
  rows: BreakdownRow[];
  links?: OrganizationLinks;
  csv?: CsvLinkData;
}) {
  const named = rows
    .filter((r) => r.id !== null)
    .sort((a, b) => b.created - a.created || b.backlog - a.backlog || a.name.localeCompare(b.name));
  const none = rows.find((r) => r.id === null);
  const shown = [...named.slice(0, KEY_ACCOUNTS_SHOWN), ...(none ? [none] : [])];
  const title = 'By organization (key accounts)';
  return (
    <Card title={title} actions={<CsvLink link={csv} />}>
      {shown.length === 0 ? (
        <p className="text-sm text-slate-500">No tickets in this period.</p>
      ) : (
        <>
          <TableScroll className="-m-4" label={`${title} table`}>
            <table className="min-w-full divide-y divide-slate-100 text-sm">
              <caption className="sr-only">
                {title}: tickets created and resolved in the period, satisfaction, first-contact resolution, handling
                time, SLA compliance of the tickets created in the period and open backlog, per customer organization
              </caption>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className={`${HEAD_BASE} text-left`}>
                    Organization
                  </th>
                  {['Created', 'Resolved', 'CSAT', 'FCR', 'AHT', 'SLA', 'Backlog'].map((c) => (
                    <th key={c} scope="col" className={HEAD}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {shown.map((row) => {
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
                      <td className={CELL}>{linked(formatPercent(row.slaShare ?? null), href.sla, `${of} SLA`)}</td>
                      <td className={CELL}>{linked(formatCount(row.backlog), href.backlog, `${of} backlog`)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
          {named.length > KEY_ACCOUNTS_SHOWN ? (
            <p className="mt-6 text-xs text-slate-600">
              The {KEY_ACCOUNTS_SHOWN} busiest of {formatCount(named.length)} organizations with tickets in this period;
              filter by organization (URL <code>organizationId</code>) for any other.
            </p>
          ) : null}
        </>
      )}
    </Card>
  );
}
