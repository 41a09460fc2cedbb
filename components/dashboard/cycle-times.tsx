import { Card } from '@/components/ui/card';
import { STAGE_LABELS } from '@/lib/tickets/transitions';
import type { CycleTimes as Figures, StageGroup } from '@/lib/metrics/cycle-time';
import type { CsvLinkData } from '@/lib/metrics/dashboard-export';
import { CsvLink } from './csv-link';
import { TeamAndCategoryTables, type FigureColumn } from './figure-table';
import { formatCount, formatHours } from './format';

function change(now: number, before: number | null): string {
  if (before === null) return 'no stays the period before';
  if (before === 0) return `${formatHours(before)} the period before`;
  const pct = Math.round(((now - before) / before) * 100);
  return `${formatHours(before)} the period before (${pct > 0 ? '+' : ''}${pct} %)`;
}

/** Time requests spent in each stage (stays that ended in the period) and where they waited longest. */
export function CycleTimes({
  figures,
  csv = {},
}: {
  figures: Figures;
  csv?: { overall?: CsvLinkData; byTeam?: CsvLinkData; byCategory?: CsvLinkData };
}) {
  const { overall, bottleneck } = figures;
  return (
    <Card title="Cycle time per stage" actions={<CsvLink link={csv.overall} />}>
      {bottleneck ? (
        <p className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <strong>Bottleneck:</strong> requests waited longest in {STAGE_LABELS[bottleneck.stage].toLowerCase()} at{' '}
          {bottleneck.team}: median {formatHours(bottleneck.medianHours)} over {formatCount(bottleneck.count)} stays,{' '}
          {change(bottleneck.medianHours, bottleneck.previousMedianHours)}.
        </p>
      ) : (
        <p className="mb-3 text-sm text-slate-600">Not enough finished stays in this period to name a bottleneck.</p>
      )}
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {overall.map((s) => (
          <div key={s.stage}>
            <dt className="text-xs font-medium text-slate-600">{STAGE_LABELS[s.stage]}</dt>
            <dd className="text-2xl font-semibold tracking-tight text-slate-900">{formatHours(s.medianHours)}</dd>
            <dd className="text-xs text-slate-600">
              median · p90 {formatHours(s.p90Hours)} · {formatCount(s.count)} stays ended
            </dd>
          </div>
        ))}
      </dl>
      <TeamAndCategoryTables
        name="Median time in stage"
        regionName="Cycle time"
        byTeam={figures.byTeam}
        byCategory={figures.byCategory}
        columns={overall.map((stage, i): FigureColumn<StageGroup> => ({
          label: STAGE_LABELS[stage.stage],
          cell: (g) => formatHours(g.stages[i]?.medianHours ?? null),
          title: (g) => `${g.stages[i]?.count ?? 0} stays`,
        }))}
        csv={csv}
      />
    </Card>
  );
}
