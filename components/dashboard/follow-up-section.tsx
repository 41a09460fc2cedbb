import { Card } from '@/components/ui/card';
import type { FollowUpMetrics } from '@/lib/metrics/follow-up';
import { formatCount, formatPercent } from './format';

function Figures({ label, rows }: { label: string; rows: [string, string][] }) {
  return (
    <table className="w-full text-sm" aria-label={label}>
      <tbody className="divide-y divide-slate-100">
        {rows.map(([name, value]) => (
          <tr key={name}>
            <th scope="row" className="py-1.5 text-left font-normal text-slate-600">
              {name}
            </th>
            <td className="py-1.5 text-right font-medium text-slate-900 tabular-nums">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Detractor recovery, root causes and follow-up calls for the follow-ups opened in the period. */
export function FollowUpSection({ metrics }: { metrics: FollowUpMetrics }) {
  const { detractors: d, calls: c } = metrics;
  return (
    <section aria-labelledby="follow-up-heading" className="space-y-3">
      <div>
        <h2 id="follow-up-heading" className="text-lg font-semibold text-slate-900">
          Follow-up
        </h2>
        <p className="text-sm text-slate-600">
          Detractors answered and calls asked for in the period, with what has come of them so far.
        </p>
      </div>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Card title="Detractors">
          <Figures
            label="Detractor follow-up"
            rows={[
              ['Detractors', formatCount(d.total)],
              ['Followed up', formatCount(d.followedUp)],
              ['Recovered', formatCount(d.recovered)],
              ['Recovery rate', d.recoveryRate === null ? '—' : formatPercent(d.recoveryRate)],
              ['Called back, not recovered', formatCount(d.calledBack)],
              ['Not reachable', formatCount(d.notReachable)],
              ['Still open', formatCount(d.open)],
            ]}
          />
          <p className="mt-2 text-xs text-slate-600">Recovery rate: recovered of those followed up.</p>
        </Card>
        <Card title="Root causes">
          {metrics.rootCauses.length === 0 ? (
            <p className="text-sm text-slate-600">No root cause recorded for this period’s detractors.</p>
          ) : (
            <Figures
              label="Root causes, most frequent first"
              rows={metrics.rootCauses.map((r) => [r.name, formatCount(r.count)])}
            />
          )}
        </Card>
        <Card title="Follow-up calls">
          <Figures
            label="Follow-up calls"
            rows={[
              ['Asked for', formatCount(c.requested)],
              ['Made', formatCount(c.made)],
              ['Confirmed fixed', formatCount(c.confirmedFixed)],
              ['Reopened', formatCount(c.reopened)],
              ['No answer', formatCount(c.noAnswer)],
              ['Still open', formatCount(c.open)],
            ]}
          />
        </Card>
      </div>
    </section>
  );
}
