import { BACKLOG_STATUSES, DAY_MS } from './definitions';
import type { DashboardFilters } from './filters';
import { periodDays } from './rollup-read';
import type { MetricsPeriod } from './types';

/*
 * Every dashboard number links to the tickets behind it: the views page (/tickets/views) with
 * filters that select exactly the tickets the figure counts (lib/tickets/views.ts
 * viewFiltersSchema). The rollup tests check that each list counts what its figure says.
 */

export type DrillFigure =
  | 'created'
  | 'resolved'
  | 'fcr'
  | 'reopened'
  | 'responded'
  | 'answered'
  | 'slaMet'
  | 'slaMissed'
  | 'frMissed'
  | 'resMissed'
  | 'backlog';

export type DrillQuery = Record<string, string | string[]>;

const lastDay = (end: string) => new Date(Date.parse(`${end}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);

/** The view filters behind a figure over a period (whole UTC days) under the dashboard's filters. */
export function drillDown(
  figure: DrillFigure,
  period: MetricsPeriod,
  filters: DashboardFilters,
  slaAt?: Date | null,
): DrillQuery {
  const { first, end } = periodDays(period);
  const to = lastDay(end);
  const q: DrillQuery = {};
  if (filters.organizationId) q.organizationId = filters.organizationId;
  if (filters.teamId) q.teamId = filters.teamId;
  if (filters.assigneeId) q.assigneeId = filters.assigneeId;
  if (filters.categoryId) q.categoryId = filters.categoryId;
  if (filters.channel) q.channel = filters.channel;
  if (filters.priority) q.priority = String(filters.priority);
  const created = () => Object.assign(q, { createdFrom: first, createdTo: to });
  const resolved = () => Object.assign(q, { resolvedFrom: first, resolvedTo: to, merged: 'no' });
  const sla = (outcome: string) => {
    Object.assign(q, { createdFrom: first, createdTo: to, merged: 'no', sla: outcome });
    if (slaAt) q.slaAt = slaAt.toISOString();
  };
  switch (figure) {
    case 'created':
      created();
      break;
    case 'resolved':
      resolved();
      break;
    case 'fcr':
      resolved();
      q.fcr = 'yes';
      break;
    case 'reopened':
      resolved();
      q.reopened = 'yes';
      break;
    case 'responded':
      Object.assign(q, { respondedFrom: first, respondedTo: to });
      break;
    case 'answered':
      Object.assign(q, { answeredFrom: first, answeredTo: to });
      break;
    case 'slaMet':
      sla('met');
      break;
    case 'slaMissed':
      sla('missed');
      break;
    case 'frMissed':
      sla('fr_missed');
      break;
    case 'resMissed':
      sla('res_missed');
      break;
    case 'backlog':
      q.status = [...BACKLOG_STATUSES];
      break;
  }
  return q;
}

/** The views page URL of a figure. */
export function drillDownHref(...args: Parameters<typeof drillDown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(drillDown(...args)))
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  return `/tickets/views?${params.toString()}`;
}

/** The dashboard filters with one more dimension fixed (a breakdown row's key), for its links. */
export function withKey(
  filters: DashboardFilters,
  by: 'teamId' | 'categoryId' | 'assigneeId' | 'channel' | 'organizationId',
  id: string | null,
): DashboardFilters | null {
  if (id === null) return null;
  return { ...filters, [by]: id } as DashboardFilters;
}

/** The figures of a breakdown row that list their tickets. */
export type BreakdownLinks = (row: {
  id: string | null;
}) => Partial<Record<'created' | 'resolved' | 'csat' | 'fcr' | 'aht' | 'sla' | 'backlog', string>> | null;

const dayPeriod = (day: string) => ({
  from: new Date(`${day}T00:00:00Z`),
  to: new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS),
});

/**
 * Every drill-down link of the dashboard under its period and filters (`slaAt`: when the rollups
 * judged the SLA targets still running): the tiles, a breakdown table's rows, a day of the daily
 * charts. The page only hands them to its components.
 */
export function dashboardLinks(period: MetricsPeriod, filters: DashboardFilters, slaAt: Date | null) {
  const link = (figure: DrillFigure, f = filters, p = period) => drillDownHref(figure, p, f, slaAt);
  return {
    tiles: {
      csat: link('answered'),
      nps: link('answered'),
      fcr: link('fcr'),
      aht: link('resolved'),
      frt: link('responded'),
      sla: link('slaMissed'),
      backlog: link('backlog'),
      reopen: link('reopened'),
    },
    /** The tickets that missed each SLA target (the SLA tile's detail). */
    slaMissed: { fr: link('frMissed'), res: link('resMissed') },
    /** A breakdown table's row links: its key fixed on top of the filters (none for the row without one). */
    breakdown:
      (by: 'teamId' | 'categoryId' | 'assigneeId' | 'channel' | 'organizationId'): BreakdownLinks =>
      (row) => {
        const f = withKey(filters, by, row.id);
        if (!f) return null;
        return {
          created: link('created', f),
          resolved: link('resolved', f),
          csat: link('answered', f),
          fcr: link('fcr', f),
          aht: link('resolved', f),
          sla: link('slaMissed', f),
          backlog: link('backlog', f),
        };
      },
    /** One UTC day (YYYY-MM-DD) of the daily charts. */
    day: (day: string) => ({
      created: link('created', filters, dayPeriod(day)),
      resolved: link('resolved', filters, dayPeriod(day)),
      frMissed: link('frMissed', filters, dayPeriod(day)),
      resMissed: link('resMissed', filters, dayPeriod(day)),
    }),
  };
}
