import type { WeeklyPoint } from '@/lib/metrics/types';
import {
  formatCount,
  formatCsatMean,
  formatHours,
  formatNps,
  formatPartialWeek,
  formatPercent,
  formatWeek,
} from './format';

const HEAD_BASE = 'px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500';
const HEAD = `${HEAD_BASE} text-right`;
const CELL = 'px-3 py-2 text-right tabular-nums text-slate-700';
const COLUMNS = ['Created', 'CSAT', 'CSAT mean', 'NPS', 'AHT', 'FRT'] as const;

/** The charts' figures as a table, folded away: for screen readers, exact values and copying. */
export function WeeklyTable({ weeks }: { weeks: WeeklyPoint[] }) {
  return (
    <details className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <summary className="cursor-pointer px-4 py-3 text-sm font-semibold text-slate-800">Weekly figures</summary>
      <div className="overflow-x-auto border-t border-slate-100">
        <table className="min-w-full divide-y divide-slate-100 text-sm">
          <caption className="sr-only">
            Figures per week (weeks start on Monday, UTC): tickets created, surveys answered, tickets resolved (AHT) and
            first answered (FRT) that week
          </caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={`${HEAD_BASE} text-left`}>
                Week of
              </th>
              {COLUMNS.map((c) => (
                <th key={c} scope="col" className={HEAD}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {weeks.map((w) => (
              <tr key={w.week}>
                <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                  {formatWeek(w.week, true)}
                  {w.partial ? (
                    <span className="block text-xs font-normal text-slate-600">
                      Partial: {formatPartialWeek(w.daysInPeriod)}
                    </span>
                  ) : null}
                </th>
                <td className={CELL}>{formatCount(w.tickets)}</td>
                <td className={CELL}>{formatPercent(w.csatShare)}</td>
                <td className={CELL}>{formatCsatMean(w.csatMean)}</td>
                <td className={CELL}>{formatNps(w.nps)}</td>
                <td className={CELL}>{formatHours(w.ahtHours)}</td>
                <td className={CELL}>{formatHours(w.frtHours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
