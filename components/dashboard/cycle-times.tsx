import { Card } from '@/components/ui/card';
import { STAGE_LABELS } from '@/lib/tickets/transitions';
import type { CycleTimes as Figures, StageGroup } from '@/lib/metrics/cycle-time';
import { formatCount, formatHours } from './format';

const HEAD_BASE = 'px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500';
const HEAD = `${HEAD_BASE} text-right`;
const CELL = 'px-3 py-2 text-right tabular-nums text-slate-700';

function change(now: number, before: number | null): string {
  if (before === null) return 'no stays the period before';
  if (before === 0) return `${formatHours(before)} the period before`;
  const pct = Math.round(((now - before) / before) * 100);
  return `${formatHours(before)} the period before (${pct > 0 ? '+' : ''}${pct} %)`;
}

function GroupTable({ title, nameLabel, groups }: { title: string; nameLabel: string; groups: StageGroup[] }) {
  if (groups.length === 0) return null;
  const stages = groups[0]!.stages.map((s) => s.stage);
  return (
    <div
      className="overflow-x-auto rounded-md border border-slate-100"
      tabIndex={0}
      role="region"
      aria-label={`Cycle time ${title.toLowerCase()} table`}
    >
      <table className="min-w-full divide-y divide-slate-100 text-sm">
        <caption className="px-3 py-2 text-left text-sm font-semibold text-slate-900">
          Median time in stage {title.toLowerCase()}
        </caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={`${HEAD_BASE} text-left`}>
              {nameLabel}
            </th>
            {stages.map((stage) => (
              <th key={stage} scope="col" className={HEAD}>
                {STAGE_LABELS[stage]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {groups.map((g) => (
            <tr key={g.id ?? 'none'}>
              <th
                scope="row"
                className={`px-3 py-2 text-left font-medium ${g.id === null ? 'text-slate-500 italic' : 'text-slate-900'}`}
              >
                {g.name}
              </th>
              {g.stages.map((s) => (
                <td key={s.stage} className={CELL} title={`${s.count} stays`}>
                  {formatHours(s.medianHours)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Time requests spent in each stage (stays that ended in the period) and where they waited longest. */
export function CycleTimes({ figures }: { figures: Figures }) {
  const { overall, bottleneck } = figures;
  return (
    <Card title="Cycle time per stage">
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
      <div className="mt-4 grid grid-cols-1 gap-4 xl:grid-cols-2">
        <GroupTable title="By team" nameLabel="Team" groups={figures.byTeam} />
        <GroupTable title="By category" nameLabel="Category" groups={figures.byCategory} />
      </div>
    </Card>
  );
}
