import { Card } from '@/components/ui/card';
import { STAGE_LABELS } from '@/lib/tickets/transitions';
import type { CycleTimes as Figures, IgnoredFilter, StageFigure, StageGroup } from '@/lib/metrics/cycle-time';
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

const FILTER_NAMES: Record<IgnoredFilter, string> = {
  organizationId: 'organization',
  assigneeId: 'agent',
  channel: 'channel',
  priority: 'priority',
};

/** "still waiting: 3, oldest 52.0 h" (nothing when none wait). */
const waitingText = (s: StageFigure) =>
  s.waiting > 0 ? `still waiting: ${formatCount(s.waiting)}, oldest ${formatHours(s.oldestWaitingHours)}` : null;

/**
 * Time requests spent in each stage (stays that ended in the period, plus those still waiting when
 * the period runs to now) and where they waited longest.
 */
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
        <p className="mb-3 text-sm text-slate-600">Not enough stays in this period to name a bottleneck.</p>
      )}
      <p className="mb-3 text-xs text-slate-600">
        {figures.includesWaiting
          ? 'Stays that ended in the period, and requests still in a stage counted at their age so far.'
          : 'Stays that ended in the period.'}{' '}
        Each stay counts for the team and category the request had during it.
        {figures.ignoredFilters.length > 0
          ? ` Follows the period, team and category; the ${figures.ignoredFilters.map((f) => FILTER_NAMES[f]).join(', ')} filter${figures.ignoredFilters.length > 1 ? 's do' : ' does'} not apply here.`
          : ''}
      </p>
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {overall.map((s) => (
          <div key={s.stage}>
            <dt className="text-xs font-medium text-slate-600">{STAGE_LABELS[s.stage]}</dt>
            <dd className="text-2xl font-semibold tracking-tight text-slate-900">{formatHours(s.medianHours)}</dd>
            <dd className="text-xs text-slate-600">
              median · p90 {formatHours(s.p90Hours)} · {formatCount(s.count)} stays
            </dd>
            {waitingText(s) ? <dd className="text-xs text-amber-800">{waitingText(s)}</dd> : null}
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
          cell: (g) => {
            const s = g.stages[i];
            const waiting = s && s.waiting > 0 ? ` (${formatCount(s.waiting)} waiting)` : '';
            return `${formatHours(s?.medianHours ?? null)}${waiting}`;
          },
          title: (g) => {
            const s = g.stages[i];
            return s ? [`${s.count} stays`, waitingText(s)].filter(Boolean).join('; ') : '0 stays';
          },
        }))}
        csv={csv}
      />
    </Card>
  );
}
