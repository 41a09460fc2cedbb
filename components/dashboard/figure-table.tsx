import { TableScroll } from '@/components/ui/table-scroll';
import type { ReactNode } from 'react';
import type { CsvLinkData } from '@/lib/metrics/dashboard-export';
import { CaptionWithCsv } from './csv-link';

const HEAD_BASE = 'px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500';
const HEAD = `${HEAD_BASE} text-right`;
const CELL = 'px-3 py-2 text-right tabular-nums text-slate-700';

/** One figure column: its heading and how a row shows it (`title`: a tooltip with the count behind it). */
export interface FigureColumn<T> {
  label: string;
  cell: (row: T) => ReactNode;
  title?: (row: T) => string;
}

/**
 * The dashboard's tables of figures per team, category, agent, channel or stage: a name column
 * (the rows without one, `id` null, in italics), then right-aligned figures. It scrolls sideways
 * at 390 px, so the region is focusable and named for the keyboard. `caption` is visible unless
 * the card around it already shows the title (`hideCaption`); the CSV link sits in the caption.
 */
export function FigureTable<T extends { id: string | null; name: string }>({
  label,
  caption,
  hideCaption = false,
  nameLabel,
  rows,
  columns,
  rowKey = (row) => row.id ?? 'none',
  rowHeader = (row) => row.name,
  csv,
  className = 'overflow-x-auto rounded-md border border-slate-100',
}: {
  /** The scrolling region's name ("By team table"). */
  label: string;
  caption: ReactNode;
  hideCaption?: boolean;
  nameLabel: string;
  rows: readonly T[];
  columns: readonly FigureColumn<T>[];
  rowKey?: (row: T) => string;
  /** What the row's heading cell shows (its name by default). */
  rowHeader?: (row: T) => ReactNode;
  csv?: CsvLinkData;
  className?: string;
}) {
  return (
    <TableScroll label={label} className={className}>
      <table className="min-w-full divide-y divide-slate-100 text-sm">
        {hideCaption ? (
          <caption className="sr-only">{caption}</caption>
        ) : (
          <caption className="px-3 py-2 text-left text-sm font-semibold text-slate-900">
            <CaptionWithCsv link={csv}>{caption}</CaptionWithCsv>
          </caption>
        )}
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={`${HEAD_BASE} text-left`}>
              {nameLabel}
            </th>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={HEAD}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              <th
                scope="row"
                className={`px-3 py-2 text-left font-medium ${row.id === null ? 'text-slate-500 italic' : 'text-slate-900'}`}
              >
                {rowHeader(row)}
              </th>
              {columns.map((c) => (
                <td key={c.label} className={CELL} title={c.title?.(row)}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * A section's two tables side by side, by team and by category (the exceptions, cycle time):
 * `name` is the tables' subject ("Exceptions", "Median time in stage"); an empty one is left out.
 */
export function TeamAndCategoryTables<T extends { id: string | null; name: string }>({
  name,
  regionName = name,
  byTeam,
  byCategory,
  columns,
  csv = {},
}: {
  name: string;
  /** The start of each region's name, when it differs ("Cycle time" for "Median time in stage"). */
  regionName?: string;
  byTeam: readonly T[];
  byCategory: readonly T[];
  columns: readonly FigureColumn<T>[];
  csv?: { byTeam?: CsvLinkData; byCategory?: CsvLinkData };
}) {
  const tables = [
    { by: 'by team', nameLabel: 'Team', rows: byTeam, csv: csv.byTeam },
    { by: 'by category', nameLabel: 'Category', rows: byCategory, csv: csv.byCategory },
  ].filter((t) => t.rows.length > 0);
  return (
    <div className="mt-4 grid grid-cols-1 gap-4 xl:grid-cols-2">
      {tables.map((t) => (
        <FigureTable
          key={t.by}
          label={`${regionName} ${t.by} table`}
          caption={`${name} ${t.by}`}
          nameLabel={t.nameLabel}
          rows={t.rows}
          columns={columns}
          csv={t.csv}
        />
      ))}
    </div>
  );
}
