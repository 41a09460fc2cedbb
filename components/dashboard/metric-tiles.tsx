import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import type { DashboardTiles } from '@/lib/metrics/types';
import { formatCount, formatCsatMean, formatHours, formatNps, formatPercent } from './format';

function Tile({ label, value, children }: { label: string; value: string; children?: ReactNode }) {
  return (
    <Card title={label}>
      <p className="text-3xl font-semibold tracking-tight text-slate-900">{value}</p>
      {children ? <div className="mt-1 text-xs text-slate-500">{children}</div> : null}
    </Card>
  );
}

const ofResolved = (count: number, total: number, what: string) => (total > 0 ? `${formatCount(count)} of ${formatCount(total)} resolved ${what}` : 'Nothing resolved in this period');

/** The headline figures of docs/design.md §4 for the period (the backlog is as of now). */
export function MetricTiles({ tiles }: { tiles: DashboardTiles }) {
  const { csat, nps, fcr, aht, frt, sla, backlog, reopenRate } = tiles;
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <Tile label="CSAT" value={formatPercent(csat.satisfiedShare)}>
        {csat.answered > 0 ? `Rated 4–5 · mean ${formatCsatMean(csat.mean)} · ${formatCount(csat.answered)} answered` : 'No surveys answered'}
      </Tile>
      <Tile label="NPS" value={formatNps(nps.score)}>
        {nps.answered > 0
          ? `${formatPercent((nps.promoterPercent ?? 0) / 100)} promoters · ${formatPercent((nps.detractorPercent ?? 0) / 100)} detractors · ${formatCount(nps.answered)} answered`
          : 'No surveys answered'}
      </Tile>
      <Tile label="First-contact resolution" value={formatPercent(fcr.share)}>
        {ofResolved(fcr.count, fcr.total, 'with one reply, never reopened')}
      </Tile>
      <Tile label="Average handling time" value={formatHours(aht.meanHours)}>
        {aht.resolved > 0 ? `Creation to resolution · ${formatCount(aht.resolved)} resolved` : 'Nothing resolved in this period'}
      </Tile>
      <Tile label="First response time" value={formatHours(frt.meanHours)}>
        {frt.responded > 0 ? `Mean · median ${formatHours(frt.medianHours)} · ${formatCount(frt.responded)} first replies` : 'No first replies in this period'}
      </Tile>
      <Tile label="SLA compliance" value={formatPercent(sla.share)}>
        {sla.met + sla.missed > 0 ? `${formatCount(sla.met)} met · ${formatCount(sla.missed)} missed (tickets created in the period)` : 'No SLA targets decided yet'}
      </Tile>
      <Tile label="Backlog" value={formatCount(backlog.total)}>
        <p>Unresolved now, by age</p>
        <dl className="mt-1 grid grid-cols-5 gap-1 text-center">
          {backlog.buckets.map((b) => (
            <div key={b.key} className="rounded bg-slate-50 px-1 py-0.5">
              <dt className="text-[11px] leading-tight text-slate-500">{b.label}</dt>
              <dd className="text-sm font-medium text-slate-800">{formatCount(b.count)}</dd>
            </div>
          ))}
        </dl>
      </Tile>
      <Tile label="Reopen rate" value={formatPercent(reopenRate.share)}>
        {ofResolved(reopenRate.count, reopenRate.total, 'had been reopened')}
      </Tile>
    </div>
  );
}
