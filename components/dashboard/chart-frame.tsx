'use client';

import type { ReactElement, ReactNode } from 'react';
import { CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis } from 'recharts';
import type { CsvLinkData } from '@/lib/metrics/dashboard-export';
import { CsvLink } from './csv-link';

/** The dashboard charts' colours (first and second series), margin and axis labels. */
export const CHART = {
  brand: '#25685a',
  accent: '#b45309',
  margin: { top: 8, right: 16, bottom: 0, left: 0 },
  tick: { fontSize: 12, fill: '#475569' },
} as const;

/** A service target drawn across a chart (from /admin/settings), named in the frame's note too. */
export interface ChartTarget {
  y: number;
  label: string;
}

/** The dotted line of a target. */
export function TargetLine({
  y,
  label,
  position = 'insideTopLeft',
}: ChartTarget & { position?: 'insideTopLeft' | 'insideBottomLeft' }) {
  return (
    <ReferenceLine
      y={y}
      stroke="#64748b"
      strokeDasharray="2 4"
      label={{ value: label, position, fontSize: 11, fill: '#475569' }}
    />
  );
}

/** What every dashboard chart has under its series: the grid, the x axis on `xKey`, a tooltip and a legend. */
export function ChartBase({ xKey }: { xKey: string }) {
  return (
    <>
      <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
      <XAxis dataKey={xKey} tick={CHART.tick} />
      <Tooltip />
      <Legend wrapperStyle={{ fontSize: 12 }} />
    </>
  );
}

/**
 * A dashboard chart's card: its title and "Download CSV" link, the chart described for screen
 * readers (`description`), the targets it is read against and a note below.
 */
export function ChartFrame({
  title,
  description,
  csv,
  height,
  targets = [],
  note,
  children,
}: {
  title: string;
  description: string;
  csv?: CsvLinkData;
  height: number;
  targets?: readonly ChartTarget[];
  note?: ReactNode;
  /** The Recharts chart (one element: ResponsiveContainer sizes it). */
  children: ReactElement;
}) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label={title}>
      <header className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <h2 className="text-sm font-semibold text-slate-800">{title}</h2>
        <CsvLink link={csv} />
      </header>
      <figure className="p-4" aria-label={description}>
        <ResponsiveContainer width="100%" height={height}>
          {children}
        </ResponsiveContainer>
        {targets.length > 0 ? (
          <p className="mt-2 text-xs text-slate-600">Dotted: {targets.map((t) => t.label).join(' · ')}.</p>
        ) : null}
        {note ? <figcaption className="mt-2 text-xs text-slate-600">{note}</figcaption> : null}
      </figure>
    </section>
  );
}
