'use client';

import { TableScroll } from '@/components/ui/table-scroll';
import { useRouter } from 'next/navigation';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CsvLinkData } from '@/lib/metrics/dashboard-export';
import { CsvLink } from './csv-link';
import { formatCount } from './format';

/** One day's backlog at its end by age bucket, with the list behind each bucket and the total. */
export interface BacklogChartPoint {
  day: string;
  total: number;
  buckets: Record<string, number>;
  hrefs: Record<string, string>;
}

// Young to old: light to dark (and named in the legend and the table, not by colour alone).
const COLOURS = ['#99d5c9', '#5fb3a1', '#25685a', '#b45309', '#7c2d12'];

/**
 * The open backlog at the end of each UTC day of the period, stacked by age (whole days since the
 * creation day). Clicking a bar segment opens its tickets; the table has the same figures as links.
 */
export function BacklogChart({
  points,
  buckets,
  csv,
}: {
  points: BacklogChartPoint[];
  buckets: { key: string; label: string }[];
  csv?: CsvLinkData;
}) {
  const router = useRouter();
  const data = points.map((p) => ({ day: p.day.slice(5), ...p.buckets }));
  const go = (index: number | undefined, key: string) => {
    const point = index === undefined ? undefined : points[index];
    const href = point?.hrefs[key];
    if (href) router.push(href);
  };
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <h2 className="text-sm font-semibold text-slate-800">Backlog by age at the end of each day</h2>
        <CsvLink link={csv} />
      </header>
      <figure
        className="p-4"
        aria-label="Stacked bar chart of the open backlog at the end of each UTC day by age; click a segment for its tickets."
      >
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
            <XAxis dataKey="day" tick={{ fontSize: 12, fill: '#475569' }} />
            <YAxis width={48} tick={{ fontSize: 12, fill: '#475569' }} allowDecimals={false} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {buckets.map((b, i) => (
              <Bar
                key={b.key}
                dataKey={b.key}
                name={b.label}
                stackId="age"
                fill={COLOURS[i % COLOURS.length]}
                cursor="pointer"
                isAnimationActive={false}
                onClick={(_entry, index) => go(index, b.key)}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
        <figcaption className="mt-2 text-xs text-slate-600">
          Age in whole days since the creation day; a reopened ticket counts as open since its creation. Today: as of
          the last refresh.
        </figcaption>
      </figure>
      <details className="border-t border-slate-100">
        <summary className="cursor-pointer px-4 py-3 text-sm font-semibold text-slate-800">Backlog figures</summary>
        <TableScroll label="Backlog by age table">
          <table className="min-w-full divide-y divide-slate-100 text-sm">
            <caption className="sr-only">Open backlog at the end of each UTC day, in total and by age</caption>
            <thead className="bg-slate-50">
              <tr>
                {['Day', 'Total', ...buckets.map((b) => b.label)].map((c, i) => (
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
                  {[{ key: 'total', label: 'in total' }, ...buckets].map((b) => {
                    const n = b.key === 'total' ? p.total : (p.buckets[b.key] ?? 0);
                    return (
                      <td key={b.key} className="px-3 py-2 text-right tabular-nums">
                        <a
                          className="underline decoration-dotted"
                          href={p.hrefs[b.key]}
                          aria-label={`${n} open at the end of ${p.day}, ${b.label}`}
                        >
                          {formatCount(n)}
                        </a>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </section>
  );
}
