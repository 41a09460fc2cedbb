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
import { SelectField, TextField } from '@/components/ui/field';
import { getDb } from '@/db/client';
import { getLeadDashboard } from '@/lib/metrics/dashboard';
import {
  DEFAULT_PERIOD_DAYS,
  FIRST_DAY,
  LAST_DAY,
  PERIOD_DAYS,
  parsePeriod,
  type SearchParams,
} from '@/lib/metrics/period';
import { HelpSection } from './help-section';
import { SurveyResponseSection } from './survey-response-section';
import { FollowUpFigures } from './follow-up-section';
import { QaSection } from './qa-section';

export const metadata: Metadata = { title: 'Dashboard' };

/** The team lead's view of docs/design.md §4: satisfaction, time, first-contact resolution, SLA and backlog. */
export default async function DashboardPage(props: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor(LEADS);
  const params = await props.searchParams;
  const period = parsePeriod(params);
  const asked = (key: 'from' | 'to') => {
    const value = params[key];
    return typeof value === 'string' ? value : undefined;
  };
  const dashboard = await loadOr404(getLeadDashboard(getDb(), actor, period));

  return (
    <StaffShell actor={actor}>
      <div className="space-y-6">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold text-slate-900">Dashboard</h1>
            <p className="text-sm text-slate-600">{formatPeriod(period)}</p>
            <p className="text-sm text-slate-600">
              Each figure says which tickets it counts · backlog as of now · weeks start on Monday (UTC)
            </p>
          </div>
          <div className="flex flex-wrap items-end gap-4">
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
            <form
              method="get"
              action="/dashboard"
              className="flex flex-wrap items-end gap-2"
              aria-label="Custom period"
            >
              <TextField
                label="From"
                name="from"
                type="date"
                min={FIRST_DAY}
                max={LAST_DAY}
                defaultValue={asked('from')}
                required
              />
              <TextField
                label="To (included)"
                name="to"
                type="date"
                min={FIRST_DAY}
                max={LAST_DAY}
                defaultValue={asked('to')}
                required
              />
              <Button type="submit" variant="secondary">
                Show range
              </Button>
            </form>
          </div>
        </div>
        {period.problem ? (
          <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {period.problem}
          </p>
        ) : null}

        <MetricTiles tiles={dashboard.tiles} />
        <SurveyResponseSection actor={actor} period={period} />

        <WeeklyCharts weeks={dashboard.weekly} />
        <WeeklyTable weeks={dashboard.weekly} />

        <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
          <BreakdownTable title="By team" nameLabel="Team" rows={dashboard.byTeam} />
          <BreakdownTable title="By category" nameLabel="Category" rows={dashboard.byCategory} />
        </div>

        <RecentFeedback rows={dashboard.feedback} />
        <HelpSection actor={actor} period={period} />
        <FollowUpFigures actor={actor} period={period} />
        <QaSection actor={actor} period={period} />
      </div>
    </StaffShell>
  );
}
