import { Card } from '@/components/ui/card';
import type { ExceptionFigures as Figures, ExceptionGroup } from '@/lib/metrics/exceptions';
import { formatCount, formatCsatMean, formatHours, formatPercent } from './format';

const HEAD_BASE = 'px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500';
const HEAD = `${HEAD_BASE} text-right`;
const CELL = 'px-3 py-2 text-right tabular-nums text-slate-700';

function Figure({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="text-2xl font-semibold tracking-tight text-slate-900">{value}</dd>
      <dd className="text-xs text-slate-600">{detail}</dd>
    </div>
  );
}

function GroupTable({ title, nameLabel, rows }: { title: string; nameLabel: string; rows: ExceptionGroup[] }) {
  if (rows.length === 0) return null;
  return (
    <div
      className="overflow-x-auto rounded-md border border-slate-100"
      tabIndex={0}
      role="region"
      aria-label={`Exceptions ${title.toLowerCase()} table`}
    >
      <table className="min-w-full divide-y divide-slate-100 text-sm">
        <caption className="px-3 py-2 text-left text-sm font-semibold text-slate-900">
          Exceptions {title.toLowerCase()}
        </caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={`${HEAD_BASE} text-left`}>
              {nameLabel}
            </th>
            <th scope="col" className={HEAD}>
              Raised
            </th>
            <th scope="col" className={HEAD}>
              Open now
            </th>
            <th scope="col" className={HEAD}>
              Resolved
            </th>
            <th scope="col" className={HEAD}>
              Median to resolve
            </th>
            <th scope="col" className={HEAD}>
              p90 to resolve
            </th>
            <th scope="col" className={HEAD}>
              Reopened
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
              <td className={CELL}>{formatCount(row.raised)}</td>
              <td className={CELL}>{formatCount(row.open)}</td>
              <td className={CELL}>{formatCount(row.resolved)}</td>
              <td className={CELL}>{formatHours(row.medianHours)}</td>
              <td className={CELL}>{formatHours(row.p90Hours)}</td>
              <td className={CELL}>{formatPercent(row.reopened.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The exceptions (requests with a CERN) of the period, against the rest where it compares. */
export function ExceptionFigures({ figures }: { figures: Figures }) {
  const f = figures;
  return (
    <Card title="Exceptions (CERN)">
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6">
        <Figure label="Raised" value={formatCount(f.raised)} detail="CERNs raised in the period" />
        <Figure label="Open" value={formatCount(f.open)} detail="Not yet resolved, now" />
        <Figure
          label="Median to resolve"
          value={formatHours(f.medianHours)}
          detail={`From raising to resolution · ${formatCount(f.resolved)} resolved`}
        />
        <Figure label="p90 to resolve" value={formatHours(f.p90Hours)} detail="Nine in ten resolved within" />
        <Figure
          label="Reopened"
          value={formatPercent(f.reopened.share)}
          detail={`${formatCount(f.reopened.count)} of ${formatCount(f.reopened.total)} resolved`}
        />
        <Figure
          label="CSAT: exceptions / rest"
          value={`${formatPercent(f.csatExceptions.satisfiedShare)} / ${formatPercent(f.csatRest.satisfiedShare)}`}
          detail={`Means ${formatCsatMean(f.csatExceptions.mean)} / ${formatCsatMean(f.csatRest.mean)} · ${formatCount(f.csatExceptions.answered)} / ${formatCount(f.csatRest.answered)} answered`}
        />
      </dl>
      <div className="mt-4 grid grid-cols-1 gap-4 xl:grid-cols-2">
        <GroupTable title="By team" nameLabel="Team" rows={f.byTeam} />
        <GroupTable title="By category" nameLabel="Category" rows={f.byCategory} />
      </div>
    </Card>
  );
}
