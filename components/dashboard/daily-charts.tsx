'use client';

import { useRouter } from 'next/navigation';
import {
  Bar,
  BarChart,
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
import { forChart, formatCount, formatPercent } from './format';

const BRAND = '#25685a';
const ACCENT = '#b45309';
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

/**
 * Volume in vs resolved per day, and SLA compliance (first response, resolution) of the tickets
 * created each day. Clicking a bar or a point opens the tickets behind it; the table below the
 * charts has the same figures as links, for the keyboard and screen readers.
 */
export function DailyCharts({ points, slaTarget = null }: { points: DailyChartPoint[]; slaTarget?: number | null }) {
  const router = useRouter();
  const volume = points.map((p) => ({ day: short(p.day), created: p.created, resolved: p.resolved }));
  const sla = points.map((p) => ({
    day: short(p.day),
    first: forChart(p.frShare === null ? null : p.frShare * 100),
    resolution: forChart(p.resShare === null ? null : p.resShare * 100),
  }));
  const go = (index: number | undefined, key: keyof DailyChartPoint['hrefs']) => {
    const point = index === undefined ? undefined : points[index];
    if (point) router.push(point.hrefs[key]);
  };
  const clickedIndex = (state: unknown): number | undefined => {
    const s = state as { activeTooltipIndex?: number | string | null; activeIndex?: number | string | null } | null;
    const raw = s?.activeTooltipIndex ?? s?.activeIndex;
    return raw === null || raw === undefined ? undefined : Number(raw);
  };
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
          <header className="border-b border-slate-100 px-4 py-3">
            <h2 className="text-sm font-semibold text-slate-800">Volume in vs resolved per day</h2>
          </header>
          <figure
            className="p-4"
            aria-label="Bar chart of tickets created and tickets resolved per UTC day; click a bar for its tickets."
          >
            <ResponsiveContainer width="100%" height={HEIGHT}>
              <BarChart data={volume} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
                <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
                <XAxis dataKey="day" tick={{ fontSize: 12, fill: '#475569' }} />
                <YAxis width={48} tick={{ fontSize: 12, fill: '#475569' }} allowDecimals={false} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar
                  dataKey="created"
                  name="Created"
                  fill={BRAND}
                  cursor="pointer"
                  isAnimationActive={false}
                  onClick={(_entry, index) => go(index, 'created')}
                />
                <Bar
                  dataKey="resolved"
                  name="Resolved"
                  fill={ACCENT}
                  cursor="pointer"
                  isAnimationActive={false}
                  onClick={(_entry, index) => go(index, 'resolved')}
                />
              </BarChart>
            </ResponsiveContainer>
          </figure>
        </section>
        <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
          <header className="border-b border-slate-100 px-4 py-3">
            <h2 className="text-sm font-semibold text-slate-800">SLA compliance per day</h2>
          </header>
          <figure
            className="p-4"
            aria-label="Line chart of first-response and resolution SLA compliance, in %, of the tickets created each UTC day; click a point for the tickets that missed."
          >
            <ResponsiveContainer width="100%" height={HEIGHT}>
              <LineChart
                data={sla}
                margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
                onClick={(state) => go(clickedIndex(state), 'frMissed')}
              >
                <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
                <XAxis dataKey="day" tick={{ fontSize: 12, fill: '#475569' }} />
                <YAxis domain={[0, 100]} unit="%" width={56} tick={{ fontSize: 12, fill: '#475569' }} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Line
                  type="monotone"
                  dataKey="first"
                  name="First response %"
                  stroke={BRAND}
                  strokeWidth={2}
                  dot={{ r: 2 }}
                  connectNulls
                  isAnimationActive={false}
                />
                <Line
                  type="monotone"
                  dataKey="resolution"
                  name="Resolution %"
                  stroke={ACCENT}
                  strokeDasharray="6 3"
                  strokeWidth={2}
                  dot={{ r: 2 }}
                  connectNulls
                  isAnimationActive={false}
                />
                {slaTarget !== null ? (
                  <ReferenceLine
                    y={slaTarget}
                    stroke="#64748b"
                    strokeDasharray="2 4"
                    label={{
                      value: `Target ${slaTarget} %`,
                      position: 'insideBottomLeft',
                      fontSize: 11,
                      fill: '#475569',
                    }}
                  />
                ) : null}
              </LineChart>
            </ResponsiveContainer>
            {slaTarget !== null ? (
              <p className="mt-2 text-xs text-slate-600">Dotted: the SLA compliance target, {slaTarget} %.</p>
            ) : null}
          </figure>
        </section>
      </div>
      <details className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <summary className="cursor-pointer px-4 py-3 text-sm font-semibold text-slate-800">Daily figures</summary>
        <div
          className="overflow-x-auto border-t border-slate-100"
          tabIndex={0}
          role="region"
          aria-label="Daily figures table"
        >
          <table className="min-w-full divide-y divide-slate-100 text-sm">
            <caption className="sr-only">
              Per UTC day: tickets created and resolved, and SLA compliance of the tickets created that day
            </caption>
            <thead className="bg-slate-50">
              <tr>
                {['Day', 'Created', 'Resolved', 'First response SLA', 'Resolution SLA'].map((c, i) => (
                  <th
                    key={c}
                    scope="col"
                    className={`px-3 py-2 text-xs font-semibold tracking-wide text-slate-500 uppercase ${i === 0 ? 'text-left' : 'text-right'}`}
                  >
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {points.map((p) => (
                <tr key={p.day}>
                  <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                    {p.day}
                  </th>
                  <td className="px-3 py-2 text-right tabular-nums">
                    <a
                      className="underline decoration-dotted"
                      href={p.hrefs.created}
                      aria-label={`${p.created} created on ${p.day}`}
                    >
                      {formatCount(p.created)}
                    </a>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    <a
                      className="underline decoration-dotted"
                      href={p.hrefs.resolved}
                      aria-label={`${p.resolved} resolved on ${p.day}`}
                    >
                      {formatCount(p.resolved)}
                    </a>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {formatPercent(p.frShare)} (
                    <a className="underline decoration-dotted" href={p.hrefs.frMissed}>
                      {formatCount(p.frMissed)} missed
                    </a>
                    )
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {formatPercent(p.resShare)} (
                    <a className="underline decoration-dotted" href={p.hrefs.resMissed}>
                      {formatCount(p.resMissed)} missed
                    </a>
                    )
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
