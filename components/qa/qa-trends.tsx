import { TableScroll } from '@/components/ui/table-scroll';
import { Card } from '@/components/ui/card';
import { CaptionWithCsv } from '@/components/dashboard/csv-link';
import type { CsvLinkData } from '@/lib/metrics/dashboard-export';
import type { QaTrends } from '@/lib/metrics/qa';
import type { TrendLine } from '@/lib/qa/rules';

const shortWeek = (week: string) =>
  new Date(`${week}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const show = (n: number | null) => (n === null ? '–' : n.toFixed(2));

function TrendTable({
  caption,
  nameLabel,
  lines,
  weeks,
  csv,
}: {
  caption: string;
  nameLabel: string;
  lines: TrendLine[];
  weeks: string[];
  csv?: CsvLinkData;
}) {
  return (
    // A region the keyboard can scroll when the weeks do not fit (390 px).
    <TableScroll label={`Quality review scores ${caption.toLowerCase()}`}>
      <table className="min-w-full text-sm">
        <caption className="mb-2 text-left font-medium text-slate-800">
          <CaptionWithCsv link={csv}>{caption}</CaptionWithCsv>
        </caption>
        <thead>
          <tr className="text-left text-slate-600">
            <th scope="col" className="py-1 pr-4 font-medium">
              {nameLabel}
            </th>
            {weeks.map((w) => (
              <th key={w} scope="col" className="relative px-2 py-1 text-right font-medium whitespace-nowrap">
                <span className="sr-only">Week of </span>
                {shortWeek(w)}
              </th>
            ))}
            <th scope="col" className="px-2 py-1 text-right font-medium">
              Period
            </th>
            <th scope="col" className="px-2 py-1 text-right font-medium">
              Reviews
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((l) => (
            <tr key={l.key}>
              <th scope="row" className="py-1 pr-4 text-left font-medium text-slate-900">
                {l.name}
              </th>
              {l.points.map((p, i) => (
                <td key={weeks[i]} className="px-2 py-1 text-right tabular-nums">
                  {show(p)}
                </td>
              ))}
              <td className="px-2 py-1 text-right font-medium tabular-nums">{show(l.average)}</td>
              <td className="px-2 py-1 text-right tabular-nums">{l.reviews}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The dashboard's QA score trends: each week's mean review score (1–5) per agent and per team. */
export function QaTrendsSection({
  trends,
  csv = {},
}: {
  trends: QaTrends;
  csv?: { byAgent?: CsvLinkData; byTeam?: CsvLinkData };
}) {
  return (
    <Card title="Quality review scores">
      {trends.agents.length === 0 ? (
        <p className="text-sm text-slate-600">No quality review in this period&apos;s weeks.</p>
      ) : (
        <div className="space-y-6">
          <p className="text-sm text-slate-600">
            Mean review score from 1 to 5, by the week of the sample; the period column averages every review.
          </p>
          <TrendTable
            caption="By agent"
            nameLabel="Agent"
            lines={trends.agents}
            weeks={trends.weeks}
            csv={csv.byAgent}
          />
          <TrendTable caption="By team" nameLabel="Team" lines={trends.teams} weeks={trends.weeks} csv={csv.byTeam} />
        </div>
      )}
    </Card>
  );
}
