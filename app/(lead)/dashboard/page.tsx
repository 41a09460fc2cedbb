import type { Metadata } from 'next';
import { Suspense } from 'react';
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
import { getReadDb } from '@/db/client';
import { DailyCharts } from '@/components/dashboard/daily-charts';
import { DashboardFilterForm, FilterHiddenInputs, PeriodHiddenInputs } from '@/components/dashboard/filter-form';
import { getDashboardOptions, getLeadDashboard } from '@/lib/metrics/dashboard';
import { dashboardCsvLink, type CsvSectionKey } from '@/lib/metrics/dashboard-export';
import { dashboardLinks } from '@/lib/metrics/drill-down';
import { QaTrendsSection } from '@/components/qa/qa-trends';
import { parseDashboardFilters } from '@/lib/metrics/filters';
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
import { ExceptionsSection } from './exceptions-section';
import { CycleTimeSection } from './cycle-time-section';
import { OrganizationTable } from '@/components/dashboard/organization-table';
import { BacklogChart } from '@/components/dashboard/backlog-chart';
import { BACKLOG_BUCKET_DAYS, withBacklogLinks } from '@/lib/metrics/backlog-series';

export const metadata: Metadata = { title: 'Dashboard' };

/** The breakdown tables: each row's figures link to its tickets; the per-agent one adds the QA score. */
const BREAKDOWNS = [
  { title: 'By team', nameLabel: 'Team', rows: 'byTeam', by: 'teamId', csv: 'by-team' },
  { title: 'By category', nameLabel: 'Category', rows: 'byCategory', by: 'categoryId', csv: 'by-category' },
  { title: 'By agent', nameLabel: 'Agent', rows: 'byAgent', by: 'assigneeId', csv: 'by-agent' },
  { title: 'By channel', nameLabel: 'Channel', rows: 'byChannel', by: 'channel', csv: 'by-channel' },
] as const;

/** The team lead's view of docs/design.md §4: satisfaction, time, first-contact resolution, SLA and backlog. */
export default async function DashboardPage(props: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor(LEADS);
  const params = await props.searchParams;
  const period = parsePeriod(params);
  const { filters, problem: filterProblem } = parseDashboardFilters(params);
  const asked = (key: 'from' | 'to') => {
    const value = params[key];
    return typeof value === 'string' ? value : undefined;
  };
  const [dashboard, options] = await Promise.all([
    loadOr404(getLeadDashboard(getReadDb('dashboard'), actor, period, filters)),
    getDashboardOptions(getReadDb('dashboard'), actor),
  ]);
  // Every figure links to the views page listing the tickets behind it (lib/metrics/drill-down.ts);
  // every chart and table to its CSV (lib/metrics/dashboard-export.ts), under the same period and filters.
  const links = dashboardLinks(period, filters, dashboard.refreshedAt);
  const csv = (key: CsvSectionKey) => dashboardCsvLink(key, period, filters);
  const daily = dashboard.daily.map((d) => ({ ...d, hrefs: links.day(d.day) }));
  const backlogPoints = withBacklogLinks(dashboard.backlogSeries, filters);

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
              <FilterHiddenInputs filters={filters} />
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
              <FilterHiddenInputs filters={filters} />
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
        <DashboardFilterForm filters={filters} options={options}>
          <PeriodHiddenInputs days={period.days} from={asked('from')} to={asked('to')} />
        </DashboardFilterForm>
        <p className="text-xs text-slate-600">
          {dashboard.refreshedAt
            ? `Figures from the daily rollups, brought up to date ${dashboard.refreshedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC (every minute); the backlog is live.`
            : 'The daily rollups have not been built yet: the rollup job builds them within a minute.'}{' '}
          Every number links to the tickets behind it.
        </p>
        {filterProblem ? (
          <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {filterProblem}
          </p>
        ) : null}
        {period.problem ? (
          <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {period.problem}
          </p>
        ) : null}

        <MetricTiles
          tiles={dashboard.tiles}
          links={links.tiles}
          extra={{
            fr: dashboard.tiles.frBySla,
            res: dashboard.tiles.resBySla,
            frHref: links.slaMissed.fr,
            resHref: links.slaMissed.res,
          }}
          targets={dashboard.targets}
        />
        <SurveyResponseSection actor={actor} period={period} />

        <WeeklyCharts
          weeks={dashboard.weekly}
          targets={dashboard.targets}
          csv={{ satisfaction: csv('weekly-satisfaction'), handling: csv('weekly-handling') }}
        />
        <WeeklyTable weeks={dashboard.weekly} csv={csv('weekly')} />
        <DailyCharts
          points={daily}
          slaTarget={dashboard.targets.slaPercent}
          csv={{ volume: csv('daily-volume'), sla: csv('daily-sla'), table: csv('daily') }}
        />
        <BacklogChart points={backlogPoints} buckets={BACKLOG_BUCKET_DAYS} csv={csv('backlog-by-age')} />

        <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
          {BREAKDOWNS.map((b) => (
            <BreakdownTable
              key={b.by}
              title={b.title}
              nameLabel={b.nameLabel}
              rows={dashboard[b.rows]}
              links={links.breakdown(b.by)}
              csv={csv(b.csv)}
              qa={b.by === 'assigneeId'}
            />
          ))}
        </div>
        <OrganizationTable
          rows={dashboard.byOrganization}
          links={links.breakdown('organizationId')}
          csv={csv('by-organization')}
        />

        {/* Streamed so the figures above never wait for them (exceptions and cycle time from the rollups). */}
        <Suspense fallback={<p className="text-sm text-slate-600">Loading the exception figures…</p>}>
          <ExceptionsSection
            actor={actor}
            period={period}
            filters={filters}
            csv={{ byTeam: csv('exceptions-by-team'), byCategory: csv('exceptions-by-category') }}
          />
        </Suspense>
        <Suspense fallback={<p className="text-sm text-slate-600">Loading cycle time per stage…</p>}>
          <CycleTimeSection
            actor={actor}
            period={period}
            filters={filters}
            csv={{
              overall: csv('cycle-time'),
              byTeam: csv('cycle-time-by-team'),
              byCategory: csv('cycle-time-by-category'),
            }}
          />
        </Suspense>

        <RecentFeedback rows={dashboard.feedback} />
        <HelpSection actor={actor} period={period} />
        <FollowUpFigures actor={actor} period={period} />
        <QaTrendsSection trends={dashboard.qa} csv={{ byAgent: csv('qa-by-agent'), byTeam: csv('qa-by-team') }} />
      </div>
    </StaffShell>
  );
}
