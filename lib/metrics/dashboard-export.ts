import type { Db } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { isStaff } from '@/lib/auth/actor';
import { can, requirePermission } from '@/lib/auth/permissions';
import { fromZod, type Result } from '@/lib/core/result';
import { csvFileName, csvStream, type CsvValue } from '@/lib/export/csv';
import { STAGE_LABELS } from '@/lib/tickets/transitions';
import type { CycleTimes, StageFigure, StageGroup } from './cycle-time';
import { getLeadCycleTimes, getLeadDashboard, getLeadExceptionFigures, type LeadDashboard } from './dashboard';
import { oneDecimal } from './chart-values';
import { DAY_MS } from './definitions';
import type { ExceptionFigures, ExceptionGroup } from './exceptions';
import { dashboardFiltersSchema, type DashboardFilters } from './filters';
import { DEFAULT_PERIOD_DAYS, daysSchema, lastWholeDays, rangeSchema, type DashboardPeriod } from './period';
import type { TrendLine } from '@/lib/qa/rules';
import type { BreakdownRow } from './types';
import { BACKLOG_BUCKET_DAYS } from './backlog-series';

/*
 * "Download CSV" of each dashboard chart and table (issue 14): the figures the page shows, under
 * the same period and filters, from the same lib/ calls the page makes (getLeadDashboard,
 * getLeadExceptionFigures, getLeadCycleTimes), so a CSV can never disagree with its chart.
 *
 * A new chart or table is one entry in CSV_SECTIONS: its title (the one on the page), the data it
 * reads (a Source), the header and the rows. The page links to it with dashboardCsvHref(key, …).
 */

/** Shares as percent, hours and scores to one decimal, as the charts plot them (chart-values.ts). */
const percent = (share: number | null) => oneDecimal(share === null ? null : share * 100);

/** What a section reads: each is one call the page makes too, made once per download. */
interface Sources {
  dashboard: LeadDashboard;
  exceptions: ExceptionFigures;
  cycleTimes: CycleTimes;
}

interface Context {
  db: Db;
  actor: Actor;
  period: DashboardPeriod;
  filters: DashboardFilters;
}

const LOADERS: { [S in keyof Sources]: (c: Context) => Promise<Sources[S]> } = {
  dashboard: (c) => getLeadDashboard(c.db, c.actor, c.period, c.filters),
  exceptions: (c) => getLeadExceptionFigures(c.db, c.actor, c.period, c.filters),
  cycleTimes: (c) => getLeadCycleTimes(c.db, c.actor, c.period, c.filters),
};

interface CsvSection<S extends keyof Sources = keyof Sources> {
  /** The chart's or table's title on the page: the link says "Download <title> as CSV". */
  title: string;
  source: S;
  header: readonly string[];
  rows: (data: Sources[S]) => CsvValue[][];
}

const section = <S extends keyof Sources>(s: CsvSection<S>): CsvSection<S> => s;

const BREAKDOWN_HEADER = [
  'Created',
  'Resolved',
  'Surveys answered',
  'CSAT (%)',
  'FCR (%)',
  'AHT (hours)',
  'Backlog now',
] as const;
const breakdownRow = (r: BreakdownRow): CsvValue[] => [
  r.name,
  r.created,
  r.resolved,
  r.csatAnswered,
  percent(r.csatShare),
  percent(r.fcrShare),
  oneDecimal(r.ahtHours),
  r.backlog,
];
const breakdown = (title: string, nameLabel: string, pick: (d: LeadDashboard) => BreakdownRow[]) =>
  section({
    title,
    source: 'dashboard',
    header: [nameLabel, ...BREAKDOWN_HEADER],
    rows: (d) => pick(d).map(breakdownRow),
  });

const EXCEPTION_HEADER = [
  'Raised',
  'Open now',
  'Resolved',
  'Median to resolve (hours)',
  'p90 to resolve (hours)',
  'Reopened (%)',
] as const;
const exceptionRows = (rows: ExceptionGroup[]) =>
  rows.map((r) => [
    r.name,
    r.raised,
    r.open,
    r.resolved,
    oneDecimal(r.medianHours),
    oneDecimal(r.p90Hours),
    percent(r.reopened.share),
  ]);

const STAGE_HEADER = [
  'Stage',
  'Median (hours)',
  'p90 (hours)',
  'Stays (ended + still waiting)',
  'Still waiting',
  'Oldest waiting (hours)',
] as const;
const stageCells = (s: StageFigure) => [
  STAGE_LABELS[s.stage],
  oneDecimal(s.medianHours),
  oneDecimal(s.p90Hours),
  s.count,
  s.waiting,
  oneDecimal(s.oldestWaitingHours),
];
/** One row per group and stage (long form: a spreadsheet pivots it; the page shows the medians). */
const stageRows = (groups: StageGroup[]) => groups.flatMap((g) => g.stages.map((s) => [g.name, ...stageCells(s)]));

/** One row per line and week, then the line's period average (long form, as above). */
const QA_HEADER = ['Week of', 'Mean score (1-5)', 'Reviews in the period', 'Period mean score (1-5)'] as const;
const qaRows = (weeks: string[], lines: TrendLine[]) =>
  lines.flatMap((l) => weeks.map((week, i) => [l.name, week, l.points[i] ?? null, l.reviews, l.average]));

export const CSV_SECTIONS = {
  'weekly-satisfaction': section({
    title: 'Satisfaction per week',
    source: 'dashboard',
    header: ['Week of', 'Days in period', 'CSAT (%)', 'NPS'],
    rows: (d) => d.weekly.map((w) => [w.week, oneDecimal(w.daysInPeriod), percent(w.csatShare), oneDecimal(w.nps)]),
  }),
  'weekly-handling': section({
    title: 'Handling time per week',
    source: 'dashboard',
    header: ['Week of', 'Days in period', 'AHT (hours)', 'FRT (hours)'],
    rows: (d) =>
      d.weekly.map((w) => [w.week, oneDecimal(w.daysInPeriod), oneDecimal(w.ahtHours), oneDecimal(w.frtHours)]),
  }),
  weekly: section({
    title: 'Weekly figures',
    source: 'dashboard',
    header: [
      'Week of',
      'Days in period',
      'Created',
      'Surveys answered',
      'CSAT (%)',
      'CSAT mean',
      'NPS',
      'AHT (hours)',
      'FRT (hours)',
    ],
    rows: (d) =>
      d.weekly.map((w) => [
        w.week,
        oneDecimal(w.daysInPeriod),
        w.tickets,
        w.csatAnswered,
        percent(w.csatShare),
        oneDecimal(w.csatMean),
        oneDecimal(w.nps),
        oneDecimal(w.ahtHours),
        oneDecimal(w.frtHours),
      ]),
  }),
  'daily-volume': section({
    title: 'Volume in vs resolved per day',
    source: 'dashboard',
    header: ['Day', 'Created', 'Resolved'],
    rows: (d) => d.daily.map((p) => [p.day, p.created, p.resolved]),
  }),
  'daily-sla': section({
    title: 'SLA compliance per day',
    source: 'dashboard',
    header: ['Day', 'First response met (%)', 'First response missed', 'Resolution met (%)', 'Resolution missed'],
    rows: (d) => d.daily.map((p) => [p.day, percent(p.frShare), p.frMissed, percent(p.resShare), p.resMissed]),
  }),
  daily: section({
    title: 'Daily figures',
    source: 'dashboard',
    header: [
      'Day',
      'Created',
      'Resolved',
      'First response met (%)',
      'First response missed',
      'Resolution met (%)',
      'Resolution missed',
    ],
    rows: (d) =>
      d.daily.map((p) => [
        p.day,
        p.created,
        p.resolved,
        percent(p.frShare),
        p.frMissed,
        percent(p.resShare),
        p.resMissed,
      ]),
  }),
  'by-team': breakdown('By team', 'Team', (d) => d.byTeam),
  'by-category': breakdown('By category', 'Category', (d) => d.byCategory),
  'by-agent': section({
    title: 'By agent',
    source: 'dashboard',
    header: ['Agent', ...BREAKDOWN_HEADER, 'QA score (1-5)'],
    rows: (d) => d.byAgent.map((r) => [...breakdownRow(r), r.qaScore ?? null]),
  }),
  'by-channel': breakdown('By channel', 'Channel', (d) => d.byChannel),
  'by-organization': section({
    title: 'By organization (key accounts)',
    source: 'dashboard',
    header: ['Organization', ...BREAKDOWN_HEADER, 'SLA compliance (%)'],
    rows: (d) => d.byOrganization.map((r) => [...breakdownRow(r), percent(r.slaShare ?? null)]),
  }),
  'backlog-by-age': section({
    title: 'Backlog by age at the end of each day',
    source: 'dashboard',
    header: ['Day', 'Total', ...BACKLOG_BUCKET_DAYS.map((b) => b.label)],
    rows: (d) => d.backlogSeries.map((p) => [p.day, p.total, ...BACKLOG_BUCKET_DAYS.map((b) => p.buckets[b.key])]),
  }),
  'exceptions-by-team': section({
    title: 'Exceptions by team',
    source: 'exceptions',
    header: ['Team', ...EXCEPTION_HEADER],
    rows: (f) => exceptionRows(f.byTeam),
  }),
  'exceptions-by-category': section({
    title: 'Exceptions by category',
    source: 'exceptions',
    header: ['Category', ...EXCEPTION_HEADER],
    rows: (f) => exceptionRows(f.byCategory),
  }),
  'cycle-time': section({
    title: 'Cycle time per stage',
    source: 'cycleTimes',
    header: STAGE_HEADER,
    rows: (c) => c.overall.map(stageCells),
  }),
  'cycle-time-by-team': section({
    title: 'Median time in stage by team',
    source: 'cycleTimes',
    header: ['Team', ...STAGE_HEADER],
    rows: (c) => stageRows(c.byTeam),
  }),
  'cycle-time-by-category': section({
    title: 'Median time in stage by category',
    source: 'cycleTimes',
    header: ['Category', ...STAGE_HEADER],
    rows: (c) => stageRows(c.byCategory),
  }),
  'qa-by-agent': section({
    title: 'Quality review scores by agent',
    source: 'dashboard',
    header: ['Agent', ...QA_HEADER],
    rows: (d) => qaRows(d.qa.weeks, d.qa.agents),
  }),
  'qa-by-team': section({
    title: 'Quality review scores by team',
    source: 'dashboard',
    header: ['Team', ...QA_HEADER],
    rows: (d) => qaRows(d.qa.weeks, d.qa.teams),
  }),
};

export type CsvSectionKey = keyof typeof CSV_SECTIONS;
export const CSV_SECTION_KEYS = Object.keys(CSV_SECTIONS) as CsvSectionKey[];
const isSectionKey = (value: unknown): value is CsvSectionKey =>
  typeof value === 'string' && Object.hasOwn(CSV_SECTIONS, value);

/** The query string that reproduces a dashboard's period and filters (the page's URL, normalised). */
export function dashboardQuery(period: DashboardPeriod, filters: DashboardFilters): URLSearchParams {
  const q = new URLSearchParams();
  if (period.days !== null) q.set('days', String(period.days));
  else {
    q.set('from', period.from.toISOString().slice(0, 10));
    q.set('to', new Date(period.to.getTime() - DAY_MS).toISOString().slice(0, 10));
  }
  for (const key of Object.keys(dashboardFiltersSchema.shape) as (keyof DashboardFilters)[])
    if (filters[key] !== undefined) q.set(key, String(filters[key]));
  return q;
}

/** A section's download link under the page's period and filters, with its chart's title (the link names it). */
export interface CsvLinkData {
  href: string;
  title: string;
}

export function dashboardCsvLink(key: CsvSectionKey, period: DashboardPeriod, filters: DashboardFilters): CsvLinkData {
  const q = dashboardQuery(period, filters);
  q.set('section', key);
  return { href: `/api/v1/dashboard/export?${q.toString()}`, title: CSV_SECTIONS[key].title };
}

const single = (value: string[]) => (value.length === 1 ? value[0] : value);

/**
 * The export's query, strictly: where the page drops a bad filter and says so, a download refuses
 * it (400 with field errors), so a CSV never silently covers other tickets than asked.
 */
export function parseExportQuery(
  query: URLSearchParams,
  now: Date = new Date(),
): Result<{ key: CsvSectionKey; period: DashboardPeriod; filters: DashboardFilters }> {
  const raw: Record<string, string | string[] | undefined> = {};
  for (const key of new Set(query.keys())) raw[key] = single(query.getAll(key));
  const section = Array.isArray(raw.section) ? raw.section[0] : raw.section;
  if (!isSectionKey(section))
    return {
      ok: false,
      code: 'invalid',
      message: `Unknown section: give one of ${CSV_SECTION_KEYS.join(', ')}.`,
      fieldErrors: { section: ['Unknown section.'] },
    };
  const filters = dashboardFiltersSchema.safeParse(raw);
  if (!filters.success) return fromZod(filters.error, 'The filters are not valid.');
  let period: DashboardPeriod;
  if (raw.from !== undefined || raw.to !== undefined) {
    const range = rangeSchema.safeParse(raw);
    if (!range.success) return fromZod(range.error, 'The period is not valid.');
    period = { ...range.data, days: null, problem: null };
  } else if (raw.days !== undefined) {
    const days = daysSchema.safeParse(raw);
    if (!days.success) return fromZod(days.error, 'The period is not valid.');
    period = { ...lastWholeDays(days.data.days, now), days: days.data.days, problem: null };
  } else period = { ...lastWholeDays(DEFAULT_PERIOD_DAYS, now), days: DEFAULT_PERIOD_DAYS, problem: null };
  const clean = Object.fromEntries(Object.entries(filters.data).filter(([, v]) => v !== undefined));
  return { ok: true, data: { key: section, period, filters: clean as DashboardFilters } };
}

export interface SectionCsv {
  header: readonly string[];
  rows: CsvValue[][];
}

/** A section's header and rows under a period and filters: the figures its chart or table shows. */
export async function getSectionCsv(
  db: Db,
  actor: Actor,
  key: CsvSectionKey,
  period: DashboardPeriod,
  filters: DashboardFilters,
): Promise<SectionCsv> {
  requirePermission(actor, 'metrics.read');
  const s = CSV_SECTIONS[key] as CsvSection;
  const data = await LOADERS[s.source]({ db, actor, period, filters });
  return { header: s.header, rows: (s.rows as (d: Sources[keyof Sources]) => CsvValue[][])(data) };
}

/**
 * GET /api/v1/dashboard/export: a section's CSV, streamed with lib/export/csv.ts. Leads and admins
 * (metrics.read, as the dashboard); an agent is refused (403), a customer told "not found" (as for
 * every staff page). The figures are read before the stream starts, so a failure is an error
 * response, never a half-written file.
 */
export async function exportDashboardSection(
  db: Db,
  actor: Actor,
  query: URLSearchParams,
): Promise<Result<{ fileName: string; body: ReadableStream<Uint8Array> }>> {
  if (!isStaff(actor)) return { ok: false, code: 'not_found', message: 'Not found.' };
  if (!can(actor, 'metrics.read'))
    return { ok: false, code: 'forbidden', message: 'You do not have permission to do that.' };
  const parsed = parseExportQuery(query);
  if (!parsed.ok) return parsed;
  const { key, period, filters } = parsed.data;
  const { header, rows } = await getSectionCsv(db, actor, key, period, filters);
  async function* once() {
    yield rows;
  }
  return {
    ok: true,
    data: { fileName: csvFileName(`dashboard-${key}`), body: csvStream(header, once(), (row: CsvValue[]) => row) },
  };
}
