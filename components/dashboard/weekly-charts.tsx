'use client';

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ServiceTargets } from '@/lib/metrics/targets';
import type { WeeklyPoint } from '@/lib/metrics/types';
import { forChart, formatPartialWeek, formatWeek, spansYears } from './format';

const BRAND = '#25685a';
const ACCENT = '#b45309';
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
  targets?: { y: number; label: string }[];
}) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="border-b border-slate-100 px-4 py-3">
        <h2 className="text-sm font-semibold text-slate-800">{title}</h2>
      </header>
      <figure className="p-4" aria-label={description}>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
            <XAxis dataKey="week" tick={{ fontSize: 12, fill: '#475569' }} />
            <YAxis domain={domain} unit={unit} width={56} tick={{ fontSize: 12, fill: '#475569' }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
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
              <ReferenceLine
                key={t.label}
                y={t.y}
                stroke="#64748b"
                strokeDasharray="2 4"
                label={{ value: t.label, position: 'insideTopLeft', fontSize: 11, fill: '#475569' }}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
        {targets.length > 0 ? (
          <p className="mt-2 text-xs text-slate-600">Dotted: {targets.map((t) => t.label).join(' · ')}.</p>
        ) : null}
        {note ? <figcaption className="mt-2 text-xs text-slate-600">{note}</figcaption> : null}
      </figure>
    </section>
  );
}

/** The period week by week: satisfaction (CSAT %, NPS) and time (AHT, FRT in hours). */
export function WeeklyCharts({ weeks, targets }: { weeks: WeeklyPoint[]; targets?: ServiceTargets }) {
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
        description={`Line chart of CSAT (share of surveys rated 4 or 5, in %) and NPS per week${range}.`}
        note={note}
        data={satisfaction}
        lines={[
          { key: 'first', name: 'CSAT %', color: BRAND },
          { key: 'second', name: 'NPS', color: ACCENT, dashed: true },
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
        description={`Line chart of average handling time and mean first response time, in hours, per week${range}.`}
        note={note}
        data={time}
        lines={[
          { key: 'first', name: 'AHT', color: BRAND },
          { key: 'second', name: 'FRT', color: ACCENT, dashed: true },
        ]}
        unit=" h"
        targets={
          targets?.frtHours != null ? [{ y: targets.frtHours, label: `FRT target (median) ${targets.frtHours} h` }] : []
        }
      />
    </div>
  );
}
