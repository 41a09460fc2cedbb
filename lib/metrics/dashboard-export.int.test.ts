import { BACKLOG_BUCKET_DAYS } from './backlog-series';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { openDb, type Db, type DbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { qaReviews, qaSamples, tickets } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { seedDemo } from '@/lib/seed/demo';
import { makeCustomer, makeStaff } from '@/lib/testing/fixtures';
import { weeksBetween } from '@/lib/qa/rules';
import { STAGE_LABELS } from '@/lib/tickets/transitions';
import { getLeadCycleTimes, getLeadDashboard, getLeadExceptionFigures } from './dashboard';
import type { StageFigure } from './cycle-time';
import { CSV_SECTION_KEYS, dashboardCsvLink, exportDashboardSection, type CsvSectionKey } from './dashboard-export';
import type { DashboardFilters } from './filters';
import type { DashboardPeriod } from './period';
import { refreshRollups } from './rollup';

/*
 * Each dashboard section's CSV against the figures the page's own use cases return (demo data,
 * PGlite): every row and cell, under no filter and under a team filter; the QA score per agent
 * against a mean worked out here from the raw qa_reviews rows.
 */

const demoNow = new Date('2026-03-02T10:00:00Z');
// The last 30 whole days up to demoNow, as a custom range (the presets count back from the real now).
const period: DashboardPeriod = {
  from: new Date('2026-02-01T00:00:00Z'),
  to: new Date('2026-03-03T00:00:00Z'),
  days: null,
  problem: null,
};

let handle: DbHandle;
let db: Db;
let lead: Actor;
let agent: Actor;
let customer: Actor;
let teamFilter: DashboardFilters;

beforeAll(async () => {
  handle = openDb({ dataDir: 'memory://' });
  db = handle.db;
  await runMigrations(handle);
  // A smaller demo than the default 800 tickets: every section still has rows, the seed takes a third of the time.
  await seedDemo(db, { now: demoNow, tickets: 200 });
  await refreshRollups(db, demoNow);
  lead = await makeStaff(db, 'lead');
  agent = await makeStaff(db, 'agent');
  customer = await makeCustomer(db);
  const [reviewed] = await db
    .select({ teamId: tickets.teamId })
    .from(qaReviews)
    .innerJoin(tickets, eq(tickets.id, qaReviews.ticketId))
    .where(sql`${tickets.teamId} is not null`)
    .limit(1);
  if (!reviewed?.teamId) throw new Error('the demo has no QA review on a team ticket');
  teamFilter = { teamId: reviewed.teamId };
}, 300_000);

afterAll(() => handle.close());

/** A download as the browser gets it: the link's query through the use case, read and parsed. */
async function download(key: CsvSectionKey, filters: DashboardFilters) {
  const { href } = dashboardCsvLink(key, period, filters);
  const result = await exportDashboardSection(db, lead, new URL(href, 'http://x').searchParams);
  if (!result.ok) throw new Error(result.message);
  const bytes = new Uint8Array(await new Response(result.data.body).arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM (Response.text() would drop it)
  const [header, ...rows] = parse(Buffer.from(bytes.slice(3)).toString('utf8')) as string[][];
  return { header: header!, rows };
}

/** A figure as its CSV cell: no data is empty, shares are percent, both to one decimal as the charts plot them. */
const cell = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
const r1 = (n: number | null) => cell(n === null ? null : Math.round(n * 10) / 10);
const pct = (share: number | null) => r1(share === null ? null : share * 100);
const stageCells = (s: StageFigure) => [
  STAGE_LABELS[s.stage],
  r1(s.medianHours),
  r1(s.p90Hours),
  cell(s.count),
  cell(s.waiting),
  r1(s.oldestWaitingHours),
];

/** What the page shows, per section, from the page's own calls: the expected rows. */
async function expectedRows(key: CsvSectionKey, filters: DashboardFilters): Promise<string[][]> {
  const d = await getLeadDashboard(db, lead, period, filters);
  const ex = () => getLeadExceptionFigures(db, lead, period, filters);
  const ct = () => getLeadCycleTimes(db, lead, period, filters);
  const breakdown = (rows: typeof d.byTeam) =>
    rows.map((r) => [
      r.name,
      cell(r.created),
      cell(r.resolved),
      cell(r.csatAnswered),
      pct(r.csatShare),
      pct(r.fcrShare),
      r1(r.ahtHours),
      cell(r.backlog),
    ]);
  const qa = (lines: typeof d.qa.agents) =>
    lines.flatMap((l) => d.qa.weeks.map((w, i) => [l.name, w, cell(l.points[i]), cell(l.reviews), cell(l.average)]));
  const stages = (groups: Awaited<ReturnType<typeof ct>>['byTeam']) =>
    groups.flatMap((g) => g.stages.map((s) => [g.name, ...stageCells(s)]));
  switch (key) {
    case 'weekly-satisfaction':
      return d.weekly.map((w) => [w.week, r1(w.daysInPeriod), pct(w.csatShare), r1(w.nps)]);
    case 'weekly-handling':
      return d.weekly.map((w) => [w.week, r1(w.daysInPeriod), r1(w.ahtHours), r1(w.frtHours)]);
    case 'weekly':
      return d.weekly.map((w) => [
        w.week,
        r1(w.daysInPeriod),
        cell(w.tickets),
        cell(w.csatAnswered),
        pct(w.csatShare),
        r1(w.csatMean),
        r1(w.nps),
        r1(w.ahtHours),
        r1(w.frtHours),
      ]);
    case 'daily-volume':
      return d.daily.map((p) => [p.day, cell(p.created), cell(p.resolved)]);
    case 'daily-sla':
      return d.daily.map((p) => [p.day, pct(p.frShare), cell(p.frMissed), pct(p.resShare), cell(p.resMissed)]);
    case 'daily':
      return d.daily.map((p) => [
        p.day,
        cell(p.created),
        cell(p.resolved),
        pct(p.frShare),
        cell(p.frMissed),
        pct(p.resShare),
        cell(p.resMissed),
      ]);
    case 'by-team':
      return breakdown(d.byTeam);
    case 'by-category':
      return breakdown(d.byCategory);
    case 'by-channel':
      return breakdown(d.byChannel);
    case 'by-organization':
      return breakdown(d.byOrganization).map((row, i) => [...row, pct(d.byOrganization[i]!.slaShare ?? null)]);
    case 'backlog-by-age':
      return d.backlogSeries.map((p) => [
        p.day,
        cell(p.total),
        ...BACKLOG_BUCKET_DAYS.map((b) => cell(p.buckets[b.key])),
      ]);
    case 'by-agent':
      return breakdown(d.byAgent).map((row, i) => [...row, cell(d.byAgent[i]!.qaScore)]);
    case 'exceptions-by-team':
    case 'exceptions-by-category': {
      const f = await ex();
      return (key === 'exceptions-by-team' ? f.byTeam : f.byCategory).map((r) => [
        r.name,
        cell(r.raised),
        cell(r.open),
        cell(r.resolved),
        r1(r.medianHours),
        r1(r.p90Hours),
        pct(r.reopened.share),
      ]);
    }
    case 'cycle-time':
      return (await ct()).overall.map(stageCells);
    case 'cycle-time-by-team':
      return stages((await ct()).byTeam);
    case 'cycle-time-by-category':
      return stages((await ct()).byCategory);
    case 'qa-by-agent':
      return qa(d.qa.agents);
    case 'qa-by-team':
      return qa(d.qa.teams);
  }
}

describe('the dashboard CSV of each chart and table', () => {
  it.each(CSV_SECTION_KEYS)('%s: the rows the page shows, unfiltered and for one team', async (key) => {
    for (const filters of [{}, teamFilter]) {
      const { header, rows } = await download(key, filters);
      expect(header.length).toBeGreaterThan(1);
      const expected = await expectedRows(key, filters);
      expect(rows).toEqual(expected);
      for (const row of rows) expect(row).toHaveLength(header.length);
    }
  });

  it('has rows to compare in the sections the demo fills', async () => {
    for (const key of ['daily', 'by-team', 'by-agent', 'qa-by-agent', 'cycle-time'] as const)
      expect((await download(key, {})).rows.length).toBeGreaterThan(0);
  });

  it('names the chart in its link and keeps the period and filters', () => {
    const link = dashboardCsvLink('daily-sla', period, { teamId: teamFilter.teamId, priority: 2 });
    expect(link.title).toBe('SLA compliance per day');
    const q = new URL(link.href, 'http://x').searchParams;
    expect(Object.fromEntries(q)).toEqual({
      from: '2026-02-01',
      to: '2026-03-02',
      teamId: teamFilter.teamId,
      priority: '2',
      section: 'daily-sla',
    });
  });
});

describe('the per-agent QA score', () => {
  /** The mean of the raw review scores per agent, over the samples of the period's weeks, under a team. */
  async function rawMeans(teamId?: string): Promise<Map<string, number>> {
    const weeks = weeksBetween(period.from, period.to);
    const rows = await db
      .select({ agentId: qaReviews.agentId, score: qaReviews.score, teamId: tickets.teamId, week: qaSamples.week })
      .from(qaReviews)
      .innerJoin(qaSamples, eq(qaSamples.id, qaReviews.sampleId))
      .innerJoin(tickets, eq(tickets.id, qaReviews.ticketId))
      .where(and(gte(qaSamples.week, weeks[0]!), lte(qaSamples.week, weeks.at(-1)!)));
    const sums = new Map<string, { sum: number; n: number }>();
    for (const r of rows) {
      if (teamId && r.teamId !== teamId) continue;
      const s = sums.get(r.agentId) ?? { sum: 0, n: 0 };
      sums.set(r.agentId, { sum: s.sum + Number(r.score), n: s.n + 1 });
    }
    return new Map([...sums].map(([id, s]) => [id, Math.round((s.sum / s.n) * 100) / 100]));
  }

  it.each([
    ['no filter', false],
    ['one team', true],
  ])('equals the mean of the raw review rows (%s)', async (_label, byTeam) => {
    const filters = byTeam ? teamFilter : {};
    const means = await rawMeans(filters.teamId);
    expect(means.size).toBeGreaterThan(0);
    const d = await getLeadDashboard(db, lead, period, filters);
    for (const row of d.byAgent) expect(row.qaScore ?? null).toBe(row.id ? (means.get(row.id) ?? null) : null);
    // Every reviewed agent with a row in the table shows a score, and the trends count the same agents.
    expect(new Set(d.qa.agents.map((a) => a.key))).toEqual(new Set(means.keys()));
  });

  it('follows the agent filter (the agent reviewed)', async () => {
    const means = await rawMeans();
    const [agentId] = [...means.keys()];
    const d = await getLeadDashboard(db, lead, period, { assigneeId: agentId });
    expect(d.qa.agents.map((a) => [a.key, a.average])).toEqual([[agentId, means.get(agentId!)]]);
  });
});

describe('the export refuses', () => {
  const ask = (actor: Actor, query: string) => exportDashboardSection(db, actor, new URLSearchParams(query));

  it.each([
    ['an unknown section', 'section=nope'],
    ['no section', 'days=30'],
    ['a bad team', 'section=daily&teamId=not-a-uuid'],
    ['a bad priority', 'section=daily&priority=9'],
    ['a bad channel', 'section=daily&channel=fax'],
    ['a bad date', 'section=daily&from=2026-02-30&to=2026-03-01'],
    ['a backwards range', 'section=daily&from=2026-03-01&to=2026-02-01'],
    ['a period preset not offered', 'section=daily&days=12'],
  ])('%s with invalid (400), naming the field', async (_what, query) => {
    const result = await ask(lead, query);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe('invalid');
      expect(Object.keys(result.fieldErrors ?? {}).length).toBeGreaterThan(0);
    }
  });

  it('an agent (forbidden) and a customer (not found)', async () => {
    expect(await ask(agent, 'section=daily')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await ask(customer, 'section=daily')).toMatchObject({ ok: false, code: 'not_found' });
  });
});
