import { Card } from '@/components/ui/card';
import type { ExceptionFigures as Figures, ExceptionGroup } from '@/lib/metrics/exceptions';
import type { CsvLinkData } from '@/lib/metrics/dashboard-export';
import { TeamAndCategoryTables, type FigureColumn } from './figure-table';
import { formatCount, formatCsatMean, formatHours, formatPercent } from './format';

function Figure({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="text-2xl font-semibold tracking-tight text-slate-900">{value}</dd>
      <dd className="text-xs text-slate-600">{detail}</dd>
    </div>
  );
}

const COLUMNS: FigureColumn<ExceptionGroup>[] = [
  { label: 'Raised', cell: (r) => formatCount(r.raised) },
  { label: 'Open now', cell: (r) => formatCount(r.open) },
  { label: 'Resolved', cell: (r) => formatCount(r.resolved) },
  { label: 'Median to resolve', cell: (r) => formatHours(r.medianHours) },
  { label: 'p90 to resolve', cell: (r) => formatHours(r.p90Hours) },
  { label: 'Reopened', cell: (r) => formatPercent(r.reopened.share) },
];

/** The exceptions (requests with a CERN) of the period, against the rest where it compares. */
export function ExceptionFigures({
  figures,
  csv = {},
}: {
  figures: Figures;
  csv?: { byTeam?: CsvLinkData; byCategory?: CsvLinkData };
}) {
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
      <TeamAndCategoryTables
        name="Exceptions"
        byTeam={f.byTeam}
        byCategory={f.byCategory}
        columns={COLUMNS}
        csv={csv}
      />
    </Card>
  );
}
