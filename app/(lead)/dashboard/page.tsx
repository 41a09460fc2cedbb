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
import { drillDownHref, withKey, type DrillFigure } from '@/lib/metrics/drill-down';
import { parseDashboardFilters } from '@/lib/metrics/filters';
import type { BreakdownRow } from '@/lib/metrics/types';
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
import { ExceptionsSection } from './exceptions-section';
import { CycleTimeSection } from './cycle-time-section';

export const metadata: Metadata = { title: 'Dashboard' };

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
  // Every figure links to the views page listing the tickets behind it (lib/metrics/drill-down.ts).
  const at = dashboard.refreshedAt;
  const link = (figure: DrillFigure, f = filters, p: { from: Date; to: Date } = period) =>
    drillDownHref(figure, p, f, at);
  const rowLinks = (by: 'teamId' | 'categoryId' | 'assigneeId' | 'channel') => (row: BreakdownRow) => {
    const f = withKey(filters, by, row.id);
    if (!f) return null;
    return {
      created: link('created', f),
      resolved: link('resolved', f),
      csat: link('answered', f),
      fcr: link('fcr', f),
      aht: link('resolved', f),
      backlog: link('backlog', f),
    };
  };
  const daily = dashboard.daily.map((d) => {
    const day = { from: new Date(`${d.day}T00:00:00Z`), to: new Date(Date.parse(`${d.day}T00:00:00Z`) + 86_400_000) };
    return {
      ...d,
      hrefs: {
        created: link('created', filters, day),
        resolved: link('resolved', filters, day),
        frMissed: link('frMissed', filters, day),
        resMissed: link('resMissed', filters, day),
      },
    };
  });

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
          links={{
            csat: link('answered'),
            nps: link('answered'),
            fcr: link('fcr'),
            aht: link('resolved'),
            frt: link('responded'),
            sla: link('slaMissed'),
            backlog: link('backlog'),
            reopen: link('reopened'),
          }}
          extra={{
            fr: dashboard.tiles.frBySla,
            res: dashboard.tiles.resBySla,
            frHref: link('frMissed'),
            resHref: link('resMissed'),
          }}
          targets={dashboard.targets}
        />
        <SurveyResponseSection actor={actor} period={period} />

        <WeeklyCharts weeks={dashboard.weekly} targets={dashboard.targets} />
        <WeeklyTable weeks={dashboard.weekly} />
        <DailyCharts points={daily} slaTarget={dashboard.targets.slaPercent} />

        <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
          <BreakdownTable title="By team" nameLabel="Team" rows={dashboard.byTeam} links={rowLinks('teamId')} />
          <BreakdownTable
            title="By category"
            nameLabel="Category"
            rows={dashboard.byCategory}
            links={rowLinks('categoryId')}
          />
          <BreakdownTable title="By agent" nameLabel="Agent" rows={dashboard.byAgent} links={rowLinks('assigneeId')} />
          <BreakdownTable
            title="By channel"
            nameLabel="Channel"
            rows={dashboard.byChannel}
            links={rowLinks('channel')}
          />
        </div>

        {/* Read live, not from the rollups: streamed so the figures above never wait for them. */}
        <Suspense fallback={<p className="text-sm text-slate-600">Loading the exception figures…</p>}>
          <ExceptionsSection actor={actor} period={period} filters={filters} overall={dashboard.tiles.csat} />
        </Suspense>
        <Suspense fallback={<p className="text-sm text-slate-600">Loading cycle time per stage…</p>}>
          <CycleTimeSection actor={actor} period={period} filters={filters} />
        </Suspense>

        <RecentFeedback rows={dashboard.feedback} />
        <HelpSection actor={actor} period={period} />
        <FollowUpFigures actor={actor} period={period} />
        <QaSection actor={actor} period={period} />
      </div>
    </StaffShell>
  );
}
