import type { CsvLinkData } from '@/lib/metrics/dashboard-export';
import type { WeeklyPoint } from '@/lib/metrics/types';
import { CsvLink } from './csv-link';
import { FigureTable, type FigureColumn } from './figure-table';
import {
  formatCount,
  formatCsatMean,
  formatHours,
  formatNps,
  formatPartialWeek,
  formatPercent,
  formatWeek,
} from './format';

type Row = WeeklyPoint & { id: string; name: string };

const COLUMNS: FigureColumn<Row>[] = [
  { label: 'Created', cell: (w) => formatCount(w.tickets) },
  { label: 'CSAT', cell: (w) => formatPercent(w.csatShare) },
  { label: 'CSAT mean', cell: (w) => formatCsatMean(w.csatMean) },
  { label: 'NPS', cell: (w) => formatNps(w.nps) },
  { label: 'AHT', cell: (w) => formatHours(w.ahtHours) },
  { label: 'FRT', cell: (w) => formatHours(w.frtHours) },
];

/** The charts' figures as a table, folded away: for screen readers, exact values and copying. */
export function WeeklyTable({ weeks, csv }: { weeks: WeeklyPoint[]; csv?: CsvLinkData }) {
  return (
    <details className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <summary className="cursor-pointer px-4 py-3 text-sm font-semibold text-slate-800">Weekly figures</summary>
      <div className="border-t border-slate-100">
        <p className="px-4 py-2 text-right">
          <CsvLink link={csv} />
        </p>
        <FigureTable
          label="Weekly figures table"
          hideCaption
          caption="Figures per week (weeks start on Monday, UTC): tickets created, surveys answered, tickets resolved (AHT) and first answered (FRT) that week"
          nameLabel="Week of"
          rows={weeks.map((w) => ({ ...w, id: w.week, name: formatWeek(w.week, true) }))}
          columns={COLUMNS}
          rowHeader={(w) => (
            <>
              {w.name}
              {w.partial ? (
                <span className="block text-xs font-normal text-slate-600">
                  Partial: {formatPartialWeek(w.daysInPeriod)}
                </span>
              ) : null}
            </>
          )}
        />
      </div>
    </details>
  );
}
