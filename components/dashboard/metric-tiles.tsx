import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import type { SlaResult } from '@/lib/metrics/definitions';
import type { DashboardTiles } from '@/lib/metrics/types';
import { judgeHours, judgeShare, type ServiceTargets } from '@/lib/metrics/targets';
import { formatCount, formatCsatMean, formatHours, formatNps, formatPercent } from './format';
import { TargetNote } from './target-note';

export type TileKey = 'csat' | 'nps' | 'fcr' | 'aht' | 'frt' | 'sla' | 'backlog' | 'reopen';
export type TileLinks = Partial<Record<TileKey, string>>;

/** A headline figure, what it is over (`counts`: which tickets or surveys) and its detail; `href` lists its tickets. */
function Tile({
  label,
  value,
  counts,
  href,
  children,
}: {
  label: string;
  value: string;
  counts: string;
  href?: string;
  children?: ReactNode;
}) {
  return (
    <Card title={label}>
      <p className="text-3xl font-semibold tracking-tight text-slate-900">
        {href ? (
          <a href={href} className="decoration-dotted underline-offset-4 hover:underline focus-visible:underline">
            {value}
            <span className="sr-only"> — {label}: list the tickets</span>
          </a>
        ) : (
          value
        )}
      </p>
      <p className="mt-1 text-xs font-medium text-slate-600">{counts}</p>
      {children ? <div className="mt-1 text-xs text-slate-600">{children}</div> : null}
    </Card>
  );
}

const ofResolved = (count: number, total: number, what: string) =>
  total > 0 ? `${formatCount(count)} of ${formatCount(total)} ${what}` : 'Nothing resolved in this period';

const SURVEYS = 'Surveys answered in the period';
const RESOLVED = 'Tickets resolved in the period (merged duplicates left out)';

/** The headline figures of docs/design.md §4 for the period (the backlog is as of now). */
export function MetricTiles({
  tiles,
  links = {},
  extra,
  targets,
}: {
  tiles: DashboardTiles;
  links?: TileLinks;
  /** The service standards (/admin/settings): CSAT, FCR, FRT (median) and SLA shown against them. */
  targets?: ServiceTargets;
  /** First-response and resolution compliance apart (the rollups), with their lists. */
  extra?: { fr: SlaResult; res: SlaResult; frHref?: string; resHref?: string };
}) {
  const { csat, nps, fcr, aht, frt, sla, backlog, reopenRate } = tiles;
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <Tile label="CSAT" href={links.csat} value={formatPercent(csat.satisfiedShare)} counts={SURVEYS}>
        {csat.answered > 0
          ? `Rated 4–5 · mean ${formatCsatMean(csat.mean)} · ${formatCount(csat.answered)} answered`
          : 'No surveys answered'}
        <TargetNote judgement={judgeShare(csat.satisfiedShare, targets?.csatPercent ?? null)} />
      </Tile>
      <Tile label="NPS" href={links.nps} value={formatNps(nps.score)} counts={SURVEYS}>
        {nps.answered > 0
          ? `${formatPercent((nps.promoterPercent ?? 0) / 100)} promoters · ${formatPercent((nps.detractorPercent ?? 0) / 100)} detractors · ${formatCount(nps.answered)} answered`
          : 'No surveys answered'}
      </Tile>
      <Tile label="First-contact resolution" href={links.fcr} value={formatPercent(fcr.share)} counts={RESOLVED}>
        {ofResolved(fcr.count, fcr.total, 'with one reply, never reopened')}
        <TargetNote judgement={judgeShare(fcr.share, targets?.fcrPercent ?? null)} />
      </Tile>
      <Tile label="Average handling time" href={links.aht} value={formatHours(aht.meanHours)} counts={RESOLVED}>
        {aht.resolved > 0
          ? `Creation to resolution · ${formatCount(aht.resolved)} tickets`
          : 'Nothing resolved in this period'}
        {aht.businessMeanHours !== undefined ? (
          <span className="block">
            Business hours: {formatHours(aht.businessMeanHours)}
            {aht.businessCount ? ` (${formatCount(aht.businessCount)} with a business time)` : ''}
          </span>
        ) : null}
      </Tile>
      <Tile
        label="First response time"
        href={links.frt}
        value={formatHours(frt.meanHours)}
        counts="Tickets first answered in the period"
      >
        {frt.responded > 0
          ? `Mean · median ${formatHours(frt.medianHours)} · ${formatCount(frt.responded)} first replies`
          : 'No first replies in this period'}
        {frt.businessMeanHours !== undefined ? (
          <span className="block">
            Business hours: {formatHours(frt.businessMeanHours)}
            {frt.businessCount ? ` (${formatCount(frt.businessCount)} with a business time)` : ''}
          </span>
        ) : null}
        <TargetNote judgement={judgeHours(frt.medianHours, targets?.frtHours ?? null)} what="median" />
      </Tile>
      <Tile
        label="SLA compliance"
        href={links.sla}
        value={formatPercent(sla.share)}
        counts="Tickets created in the period (merged duplicates left out)"
      >
        {sla.met + sla.missed > 0
          ? `${formatCount(sla.met)} met · ${formatCount(sla.missed)} missed · still running left out; the clock stops while waiting on the customer`
          : 'No SLA targets decided yet'}
        {extra ? (
          <span className="block">
            First response {formatPercent(extra.fr.share)} (
            {extra.frHref ? (
              <a href={extra.frHref} className="underline">
                {formatCount(extra.fr.missed)} missed
              </a>
            ) : (
              `${formatCount(extra.fr.missed)} missed`
            )}
            ) · resolution {formatPercent(extra.res.share)} (
            {extra.resHref ? (
              <a href={extra.resHref} className="underline">
                {formatCount(extra.res.missed)} missed
              </a>
            ) : (
              `${formatCount(extra.res.missed)} missed`
            )}
            )
          </span>
        ) : null}
        <TargetNote judgement={judgeShare(sla.share, targets?.slaPercent ?? null)} />
      </Tile>
      <Tile
        label="Backlog"
        href={links.backlog}
        value={formatCount(backlog.total)}
        counts="Unresolved now, whatever the period"
      >
        <p>By age</p>
        <dl className="mt-1 grid grid-cols-5 gap-1 text-center">
          {backlog.buckets.map((b) => (
            <div key={b.key} className="rounded bg-slate-50 px-1 py-0.5">
              <dt className="text-[11px] leading-tight text-slate-500">{b.label}</dt>
              <dd className="text-sm font-medium text-slate-800">{formatCount(b.count)}</dd>
            </div>
          ))}
        </dl>
      </Tile>
      <Tile label="Reopen rate" href={links.reopen} value={formatPercent(reopenRate.share)} counts={RESOLVED}>
        {ofResolved(reopenRate.count, reopenRate.total, 'had been reopened')}
      </Tile>
    </div>
  );
}
