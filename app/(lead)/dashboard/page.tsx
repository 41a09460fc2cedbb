import type { Metadata } from 'next';
import { loadOr404 } from '@/app/_auth/load';
import { requireActor, LEADS } from '@/app/_auth/session';
import { BreakdownTable } from '@/components/dashboard/breakdown-table';
import { formatPeriod } from '@/components/dashboard/format';
import { MetricTiles } from '@/components/dashboard/metric-tiles';
import { RecentFeedback } from '@/components/dashboard/recent-feedback';
import { WeeklyCharts } from '@/components/dashboard/weekly-charts';
import { WeeklyTable } from '@/components/dashboard/weekly-table';
import { StaffShell } from '@/components/layout/staff-shell';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/field';
import { getDb } from '@/db/client';
import { getLeadDashboard } from '@/lib/metrics/dashboard';
import { DEFAULT_PERIOD_DAYS, PERIOD_DAYS, parsePeriod, type SearchParams } from '@/lib/metrics/period';

export const metadata: Metadata = { title: 'Dashboard' };

/** The team lead's view of docs/design.md §4: satisfaction, time, first-contact resolution, SLA and backlog. */
export default async function DashboardPage(props: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor(LEADS);
  const period = parsePeriod(await props.searchParams);
  const dashboard = await loadOr404(getLeadDashboard(getDb(), actor, period));

  return (
    <StaffShell actor={actor}>
      <div className="space-y-6">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold text-slate-900">Dashboard</h1>
            <p className="text-sm text-slate-600">
              {formatPeriod(period)} · backlog as of now · weeks start on Monday (UTC)
            </p>
          </div>
          <form method="get" action="/dashboard" className="flex items-end gap-2">
            <SelectField label="Period" name="days" defaultValue={String(period.days ?? DEFAULT_PERIOD_DAYS)}>
              {PERIOD_DAYS.map((days) => (
                <option key={days} value={days}>
                  Last {days} days
                </option>
              ))}
            </SelectField>
            <Button type="submit" variant="secondary">
              Show
            </Button>
          </form>
        </div>

        <MetricTiles tiles={dashboard.tiles} />

        <WeeklyCharts weeks={dashboard.weekly} />
        <WeeklyTable weeks={dashboard.weekly} />

        <div className="grid gap-6 xl:grid-cols-2">
          <BreakdownTable title="By team" nameLabel="Team" rows={dashboard.byTeam} />
          <BreakdownTable title="By category" nameLabel="Category" rows={dashboard.byCategory} />
        </div>

        <RecentFeedback rows={dashboard.feedback} />
      </div>
    </StaffShell>
  );
}
