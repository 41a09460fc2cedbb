'use client';

import { Line, LineChart, YAxis } from 'recharts';
import type { CsvLinkData } from '@/lib/metrics/dashboard-export';
import type { ServiceTargets } from '@/lib/metrics/targets';
import type { WeeklyPoint } from '@/lib/metrics/types';
import { CHART, ChartBase, ChartFrame, TargetLine, type ChartTarget } from './chart-frame';
import { forChart, formatPartialWeek, formatWeek, spansYears } from './format';

const HEIGHT = 260;

interface ChartLine {
  key: 'first' | 'second';
  name: string;
  color: string;
  dashed?: boolean;
}

function WeeklyChart({
  title,
  description,
  note,
  data,
  lines,
  domain,
  unit,
  targets = [],
  csv,
}: {
  title: string;
  description: string;
  /** Which weeks are partial (marked * on the axis), or null. */
  note: string | null;
  data: { week: string; first: number | null; second: number | null }[];
  lines: ChartLine[];
  domain?: [number, number];
  unit: string;
  /** The service targets this chart is read against (a dashed line each), from /admin/settings. */
  targets?: ChartTarget[];
  csv?: CsvLinkData;
}) {
  return (
    <ChartFrame title={title} description={description} csv={csv} height={HEIGHT} targets={targets} note={note}>
      <LineChart data={data} margin={CHART.margin}>
        <ChartBase xKey="week" />
        <YAxis domain={domain} unit={unit} width={56} tick={CHART.tick} />
        {lines.map((line) => (
          <Line
            key={line.key}
            type="monotone"
            dataKey={line.key}
            name={line.name}
            unit={unit}
            stroke={line.color}
            strokeWidth={2}
            strokeDasharray={line.dashed ? '6 3' : undefined}
            dot={{ r: 3 }}
            connectNulls
            isAnimationActive={false}
          />
        ))}
        {targets.map((t) => (
          <TargetLine key={t.label} {...t} />
        ))}
      </LineChart>
    </ChartFrame>
  );
}

/** The period week by week: satisfaction (CSAT %, NPS) and time (AHT, FRT in hours). */
export function WeeklyCharts({
  weeks,
  targets,
  csv = {},
}: {
  weeks: WeeklyPoint[];
  targets?: ServiceTargets;
  csv?: { satisfaction?: CsvLinkData; handling?: CsvLinkData };
}) {
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  const range =
    first && last
      ? ` from the week of ${formatWeek(first.week, true)} to the week of ${formatWeek(last.week, true)}`
      : '';
  const withYear = spansYears(weeks);
  // A week only partly inside the period is marked "*" and named below, not plotted as a whole week.
  const label = (w: WeeklyPoint) => `${formatWeek(w.week, withYear)}${w.partial ? '*' : ''}`;
  const partial = weeks.filter((w) => w.partial);
  const note =
    partial.length > 0
      ? `* Partial week: ${partial.map((w) => `week of ${formatWeek(w.week, withYear)}, ${formatPartialWeek(w.daysInPeriod)}`).join('; ')}.`
      : null;
  const satisfaction = weeks.map((w) => ({
    week: label(w),
    first: forChart(w.csatShare === null ? null : w.csatShare * 100),
    second: forChart(w.nps),
  }));
  const time = weeks.map((w) => ({ week: label(w), first: forChart(w.ahtHours), second: forChart(w.frtHours) }));
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <WeeklyChart
        title="Satisfaction per week"
        csv={csv.satisfaction}
        description={`Line chart of CSAT (share of surveys rated 4 or 5, in %) and NPS per week${range}.`}
        note={note}
        data={satisfaction}
        lines={[
          { key: 'first', name: 'CSAT %', color: CHART.brand },
          { key: 'second', name: 'NPS', color: CHART.accent, dashed: true },
        ]}
        domain={[-100, 100]}
        unit=""
        targets={
          targets?.csatPercent != null
            ? [{ y: targets.csatPercent, label: `CSAT target ${targets.csatPercent} %` }]
            : []
        }
      />
      <WeeklyChart
        title="Handling time per week"
        csv={csv.handling}
        description={`Line chart of average handling time and mean first response time, in hours, per week${range}.`}
        note={note}
        data={time}
        lines={[
          { key: 'first', name: 'AHT', color: CHART.brand },
          { key: 'second', name: 'FRT', color: CHART.accent, dashed: true },
        ]}
        unit=" h"
        targets={
          targets?.frtHours != null ? [{ y: targets.frtHours, label: `FRT target (median) ${targets.frtHours} h` }] : []
        }
      />
    </div>
  );
}
