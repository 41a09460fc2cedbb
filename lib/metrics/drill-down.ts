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
