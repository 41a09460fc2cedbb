'use client';

import { useRouter } from 'next/navigation';
import { Bar, BarChart, Line, LineChart, YAxis } from 'recharts';
import type { CsvLinkData } from '@/lib/metrics/dashboard-export';
import { CHART, ChartBase, ChartFrame, TargetLine, type ChartTarget } from './chart-frame';
import { CsvLink } from './csv-link';
import { FigureTable } from './figure-table';
import { forChart, formatCount, formatPercent } from './format';

const HEIGHT = 240;

/** One day as the charts draw it, with the lists behind each of its figures. */
export interface DailyChartPoint {
  day: string;
  created: number;
  resolved: number;
  frShare: number | null;
  resShare: number | null;
  frMissed: number;
  resMissed: number;
  hrefs: { created: string; resolved: string; frMissed: string; resMissed: string };
}

const short = (day: string) => day.slice(5);
const dotted = 'underline decoration-dotted';

/**
 * Volume in vs resolved per day, and SLA compliance (first response, resolution) of the tickets
 * created each day. Clicking a bar or a point opens the tickets behind it; the table below the
 * charts has the same figures as links, for the keyboard and screen readers.
 */
export function DailyCharts({
  points,
  slaTarget = null,
  csv = {},
}: {
  points: DailyChartPoint[];
  slaTarget?: number | null;
  csv?: { volume?: CsvLinkData; sla?: CsvLinkData; table?: CsvLinkData };
}) {
  const router = useRouter();
  const volume = points.map((p) => ({ day: short(p.day), created: p.created, resolved: p.resolved }));
  const sla = points.map((p) => ({
    day: short(p.day),
    first: forChart(p.frShare === null ? null : p.frShare * 100),
    resolution: forChart(p.resShare === null ? null : p.resShare * 100),
  }));
  const targets: ChartTarget[] =
    slaTarget !== null ? [{ y: slaTarget, label: `SLA compliance target ${slaTarget} %` }] : [];
  const go = (index: number | undefined, key: keyof DailyChartPoint['hrefs']) => {
    const point = index === undefined ? undefined : points[index];
    if (point) router.push(point.hrefs[key]);
  };
  const clickedIndex = (state: unknown): number | undefined => {
    const s = state as { activeTooltipIndex?: number | string | null; activeIndex?: number | string | null } | null;
    const raw = s?.activeTooltipIndex ?? s?.activeIndex;
    return raw === null || raw === undefined ? undefined : Number(raw);
  };
  const bar = (key: 'created' | 'resolved', name: string, fill: string) => (
    <Bar
      dataKey={key}
      name={name}
      fill={fill}
      cursor="pointer"
      isAnimationActive={false}
      onClick={(_entry, index) => go(index, key)}
    />
  );
  const line = (key: 'first' | 'resolution', name: string, stroke: string, dashed: boolean) => (
    <Line
      type="monotone"
      dataKey={key}
      name={name}
      stroke={stroke}
      strokeDasharray={dashed ? '6 3' : undefined}
      strokeWidth={2}
      dot={{ r: 2 }}
      connectNulls
      isAnimationActive={false}
    />
  );
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <ChartFrame
          title="Volume in vs resolved per day"
          description="Bar chart of tickets created and tickets resolved per UTC day; click a bar for its tickets."
          csv={csv.volume}
          height={HEIGHT}
        >
          <BarChart data={volume} margin={CHART.margin}>
            <ChartBase xKey="day" />
            <YAxis width={48} tick={CHART.tick} allowDecimals={false} />
            {bar('created', 'Created', CHART.brand)}
            {bar('resolved', 'Resolved', CHART.accent)}
          </BarChart>
        </ChartFrame>
        <ChartFrame
          title="SLA compliance per day"
          description="Line chart of first-response and resolution SLA compliance, in %, of the tickets created each UTC day; click a point for the tickets that missed."
          csv={csv.sla}
          height={HEIGHT}
          targets={targets}
        >
          <LineChart data={sla} margin={CHART.margin} onClick={(state) => go(clickedIndex(state), 'frMissed')}>
            <ChartBase xKey="day" />
            <YAxis domain={[0, 100]} unit="%" width={56} tick={CHART.tick} />
            {line('first', 'First response %', CHART.brand, false)}
            {line('resolution', 'Resolution %', CHART.accent, true)}
            {targets.map((t) => (
              <TargetLine key={t.label} {...t} position="insideBottomLeft" />
            ))}
          </LineChart>
        </ChartFrame>
      </div>
      <details className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <summary className="cursor-pointer px-4 py-3 text-sm font-semibold text-slate-800">Daily figures</summary>
        <div className="border-t border-slate-100">
          <p className="px-4 py-2 text-right">
            <CsvLink link={csv.table} />
          </p>
          <FigureTable
            label="Daily figures table"
            hideCaption
            caption="Per UTC day: tickets created and resolved, and SLA compliance of the tickets created that day"
            nameLabel="Day"
            rows={points.map((p) => ({ ...p, id: p.day, name: p.day }))}
            columns={[
              {
                label: 'Created',
                cell: (p) => (
                  <a className={dotted} href={p.hrefs.created} aria-label={`${p.created} created on ${p.day}`}>
                    {formatCount(p.created)}
                  </a>
                ),
              },
              {
                label: 'Resolved',
                cell: (p) => (
                  <a className={dotted} href={p.hrefs.resolved} aria-label={`${p.resolved} resolved on ${p.day}`}>
                    {formatCount(p.resolved)}
                  </a>
                ),
              },
              {
                label: 'First response SLA',
                cell: (p) => (
                  <>
                    {formatPercent(p.frShare)} (
                    <a className={dotted} href={p.hrefs.frMissed}>
                      {formatCount(p.frMissed)} missed
                    </a>
                    )
                  </>
                ),
              },
              {
                label: 'Resolution SLA',
                cell: (p) => (
                  <>
                    {formatPercent(p.resShare)} (
                    <a className={dotted} href={p.hrefs.resMissed}>
                      {formatCount(p.resMissed)} missed
                    </a>
                    )
                  </>
                ),
              },
            ]}
          />
        </div>
      </details>
    </div>
  );
}
