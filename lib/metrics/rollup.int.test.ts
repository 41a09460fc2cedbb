import { scratchDatabase, type ScratchDatabase } from '@/lib/testing/scratch-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { openDb, type Db, type DbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { surveys, ticketLinks, tickets, metricRollupDirty } from '@/db/schema';
import { seedDemo } from '@/lib/seed/demo';
import { findJob } from '@/lib/jobs/registry';
import { countView, viewFiltersSchema } from '@/lib/tickets/views';
import {
  BACKLOG_STATUSES,
  DAY_MS,
  csat,
  fcr,
  handlingTime,
  histogramBucket,
  histogramBucketBounds,
  nps,
  reopenRate,
  slaCompliance,
  firstResponseTime,
  type SlaFacts,
} from './definitions';
import { getDashboard, getRollupDashboard, type RollupDashboard } from './dashboard';
import { drillDown } from './drill-down';
import type { DashboardFilters } from './filters';
import { refreshRollups } from './rollup';
import type { MetricsPeriod } from './types';

/*
 * The rollups against a direct computation from the raw rows: every figure of the page, over
 * several periods and filter combinations, on the demo data, then again after creates, updates,
 * resolutions, a merge and surveys followed by one run of the rollup job (only the dirty days).
 */

type Row = typeof tickets.$inferSelect;
const HOUR = 3_600_000;
const demoNow = new Date('2026-03-02T10:00:00Z');
const dayStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const lastDays = (days: number, now: Date): MetricsPeriod => ({
  from: new Date(dayStart(now).getTime() - (days - 1) * DAY_MS),
  to: new Date(dayStart(now).getTime() + DAY_MS),
});

async function direct(db: Db, period: MetricsPeriod, filters: DashboardFilters, now: Date) {
  const rows = await db.select().from(tickets);
  const answers = await db.select().from(surveys);
  const links = await db.select().from(ticketLinks);
  const merged = new Set(links.filter((l) => l.kind === 'merged_into').map((l) => l.ticketId));
  const matches = (t: Row) =>
    (filters.teamId === undefined || t.teamId === filters.teamId) &&
    (filters.assigneeId === undefined || t.assigneeId === filters.assigneeId) &&
    (filters.categoryId === undefined || t.categoryId === filters.categoryId) &&
    (filters.channel === undefined || t.channel === filters.channel) &&
    (filters.priority === undefined || t.priority === filters.priority);
  const inPeriod = (d: Date | null) => d !== null && d >= period.from && d < period.to;
  const mine = rows.filter(matches);
  const byId = new Map(mine.map((t) => [t.id, t]));
  const resolved = mine.filter((t) => !merged.has(t.id) && inPeriod(t.resolvedAt));
  const responded = mine.filter((t) => inPeriod(t.firstResponseAt));
  const slaCounted = mine.filter((t) => !merged.has(t.id) && inPeriod(t.createdAt));
  const answered = answers.filter((s) => byId.has(s.ticketId) && inPeriod(s.answeredAt));
  const csatScores = answered.flatMap((s) => (s.csat === null ? [] : [s.csat]));
  const npsScores = answered.flatMap((s) => (s.nps === null ? [] : [s.nps]));
  const frtValues = responded.map((t) => t.firstResponseAt!.getTime() - t.createdAt.getTime()).sort((a, b) => a - b);
  const business = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length === 0 ? null : v.reduce((a, b) => a + b, 0) / v.length / HOUR;
  };
  return {
    created: mine.filter((t) => inPeriod(t.createdAt)).length,
    csat: csat(csatScores),
    nps: nps(npsScores),
    fcr: fcr(resolved),
    reopenRate: reopenRate(resolved),
    aht: handlingTime(resolved),
    ahtBusiness: business(resolved.map((t) => t.resolutionBusinessMs)),
    frt: firstResponseTime(responded),
    frtBusiness: business(responded.map((t) => t.firstResponseBusinessMs)),
    frtValues,
    sla: slaCompliance(slaCounted as SlaFacts[], now),
    backlog: mine.filter((t) => (BACKLOG_STATUSES as readonly string[]).includes(t.status)).length,
  };
}

function expectAgreement(d: RollupDashboard, x: Awaited<ReturnType<typeof direct>>) {
  const t = d.tiles;
  expect(t.created).toBe(x.created);
  expect(t.csat.answered).toBe(x.csat.answered);
  expect(t.csat.satisfied).toBe(x.csat.satisfied);
  expect(t.csat.mean ?? -1).toBeCloseTo(x.csat.mean ?? -1, 9);
  expect(t.nps).toEqual(x.nps);
  expect(t.fcr).toEqual(x.fcr);
  expect(t.reopenRate).toEqual(x.reopenRate);
  expect(t.aht.resolved).toBe(x.aht.count);
  expect(t.aht.meanHours ?? -1).toBeCloseTo(x.aht.meanMs === null ? -1 : x.aht.meanMs / HOUR, 6);
  expect(t.aht.businessMeanHours ?? -1).toBeCloseTo(x.ahtBusiness ?? -1, 6);
  expect(t.frt.responded).toBe(x.frt.count);
  expect(t.frt.meanHours ?? -1).toBeCloseTo(x.frt.meanMs === null ? -1 : x.frt.meanMs / HOUR, 6);
  expect(t.frt.businessMeanHours ?? -1).toBeCloseTo(x.frtBusiness ?? -1, 6);
  // The median comes from the histogram: inside the bucket(s) of the exact middle value(s).
  if (x.frtValues.length === 0) expect(t.frt.medianHours).toBeNull();
  else {
    const n = x.frtValues.length;
    const lo = histogramBucketBounds(histogramBucket(x.frtValues[Math.floor((n - 1) / 2)]!))[0];
    const hi = histogramBucketBounds(histogramBucket(x.frtValues[Math.ceil((n - 1) / 2)]!))[1];
    expect(t.frt.medianHours! * HOUR).toBeGreaterThanOrEqual(lo);
    expect(t.frt.medianHours! * HOUR).toBeLessThanOrEqual(hi);
  }
  expect({ met: t.sla.met, missed: t.sla.missed }).toEqual({ met: x.sla.met, missed: x.sla.missed });
  expect(t.backlog.total).toBe(x.backlog);
  // The weekly series and the daily volume add up to the same counts.
  expect(d.weekly.reduce((a, w) => a + w.tickets, 0)).toBe(x.created);
  expect(d.daily.reduce((a, p) => a + p.resolved, 0)).toBe(x.fcr.total);
  // Each breakdown adds up to the tiles.
  for (const rows of [d.byTeam, d.byCategory, d.byAgent, d.byChannel]) {
    expect(rows.reduce((a, r) => a + r.created, 0)).toBe(x.created);
    expect(rows.reduce((a, r) => a + r.resolved, 0)).toBe(x.fcr.total);
    expect(rows.reduce((a, r) => a + r.csatAnswered, 0)).toBe(x.csat.answered);
    expect(rows.reduce((a, r) => a + r.backlog, 0)).toBe(x.backlog);
  }
}

let handle: DbHandle;
let db: Db;
let scratch: ScratchDatabase | undefined;
let combos: DashboardFilters[];

beforeAll(async () => {
  // A throw-away PostgreSQL database when DATABASE_URL is set (the demo seed empties its database
  // and leaves its SLA policies and rules: never the suite's), else an in-memory PGlite — 64
  // grouping sets since the organization dimension take PGlite past two minutes on a busy box.
  if (process.env.DATABASE_URL) {
    scratch = await scratchDatabase('cairn_rollup_test', { max: 4 });
    handle = scratch.handle;
  } else handle = openDb({ dataDir: 'memory://' });
  db = handle.db;
  await runMigrations(handle);
  await seedDemo(db, { now: demoNow });
  await refreshRollups(db, demoNow);
  const [sample] = await db
    .select()
    .from(tickets)
    .where(sql`${tickets.assigneeId} is not null and ${tickets.categoryId} is not null`)
    .limit(1);
  if (!sample) throw new Error('the demo has no assigned ticket');
  combos = [
    {},
    { teamId: sample.teamId! },
    { assigneeId: sample.assigneeId! },
    { categoryId: sample.categoryId!, channel: sample.channel },
    { teamId: sample.teamId!, priority: sample.priority },
    {
      teamId: sample.teamId!,
      assigneeId: sample.assigneeId!,
      categoryId: sample.categoryId!,
      channel: sample.channel,
      priority: sample.priority,
    },
  ];
}, 600_000);
afterAll(() => (scratch ? scratch.drop() : handle.close()));

describe('the rollups against the raw rows (demo data, PGlite)', () => {
  it.each([7, 30, 90, 365])('agree over the last %i days under every filter combination', async (days) => {
    const period = lastDays(days, demoNow);
    for (const filters of combos) {
      const d = await getRollupDashboard(db, period, filters, demoNow);
      expectAgreement(d, await direct(db, period, filters, demoNow));
    }
  });

  it('agree with the raw-row dashboard (getDashboard) without filters, week by week and by team', async () => {
    const period = lastDays(90, demoNow);
    const d = await getRollupDashboard(db, period, {}, demoNow);
    const raw = await getDashboard(db, period, demoNow);
    expect(d.weekly.map((w) => [w.week, w.tickets, w.csatAnswered, w.nps])).toEqual(
      raw.weekly.map((w) => [w.week, w.tickets, w.csatAnswered, w.nps]),
    );
    for (const [a, b] of d.weekly.map((w, i) => [w, raw.weekly[i]!] as const)) {
      expect(a.ahtHours ?? -1).toBeCloseTo(b.ahtHours ?? -1, 6);
      expect(a.frtHours ?? -1).toBeCloseTo(b.frtHours ?? -1, 6);
    }
    const strip = (rows: RollupDashboard['byTeam']) =>
      rows.map((r) => [r.id, r.created, r.resolved, r.csatAnswered, r.backlog, r.fcrShare]);
    expect(strip(d.byTeam)).toEqual(strip(raw.byTeam));
    expect(strip(d.byCategory)).toEqual(strip(raw.byCategory));
    expect(d.tiles.sla).toEqual(raw.tiles.sla);
    expect(d.tiles.fcr).toEqual(raw.tiles.fcr);
  });

  it('drill-down lists count the same tickets as the figures', async () => {
    const period = lastDays(30, demoNow);
    const lead = { userId: '00000000-0000-0000-0000-000000000000', role: 'admin' as const };
    for (const filters of combos.slice(0, 4)) {
      const d = await getRollupDashboard(db, period, filters, demoNow);
      const pairs: [string, number][] = [
        ['created', d.tiles.created],
        ['resolved', d.tiles.fcr.total],
        ['fcr', d.tiles.fcr.count],
        ['reopened', d.tiles.reopenRate.count],
        ['responded', d.tiles.frt.responded],
        ['slaMet', d.tiles.sla.met],
        ['slaMissed', d.tiles.sla.missed],
        ['backlog', d.tiles.backlog.total],
      ];
      for (const [figure, expected] of pairs) {
        const query = drillDown(figure as never, period, filters, demoNow);
        const count = await countView(db, lead as never, viewFiltersSchema.parse(query), 100_000);
        expect([figure, count]).toEqual([figure, expected]);
      }
    }
  });
});

describe('after changes and one run of the rollup job', () => {
  it('recomputes only the dirty days and agrees again', async () => {
    const now = new Date(demoNow.getTime() + 3 * HOUR);
    const [a, b, c] = await db.select().from(tickets).orderBy(tickets.number).limit(3);
    const [open] = await db.select().from(tickets).where(eq(tickets.status, 'open')).limit(1);
    // A new ticket, a team moved, a resolution, a survey answered, a merge.
    await db.insert(tickets).values({
      subject: 'Rollup check',
      description: 'Created by the rollup test.',
      channel: 'phone',
      customerId: a!.customerId,
      teamId: b!.teamId,
      priority: 2,
      createdAt: new Date(demoNow.getTime() + HOUR),
      firstResponseAt: new Date(demoNow.getTime() + 2 * HOUR),
      publicReplyCount: 1,
      firstResponseBusinessMs: HOUR,
    });
    await db.update(tickets).set({ teamId: c!.teamId, priority: 1 }).where(eq(tickets.id, a!.id));
    await db
      .update(tickets)
      .set({ status: 'resolved', resolvedAt: new Date(demoNow.getTime() + 2 * HOUR), resolutionBusinessMs: 5 * HOUR })
      .where(eq(tickets.id, open!.id));
    const [survey] = await db
      .select()
      .from(surveys)
      .where(sql`${surveys.answeredAt} is null`)
      .limit(1);
    if (survey)
      await db
        .update(surveys)
        .set({ csat: 5, nps: 10, answeredAt: new Date(demoNow.getTime() + HOUR) })
        .where(eq(surveys.id, survey.id));
    await db.insert(ticketLinks).values({ ticketId: b!.id, linkedTicketId: c!.id, kind: 'merged_into' });
    const marked = await db.select().from(metricRollupDirty);
    expect(marked.length).toBeGreaterThan(0);

    expect(findJob('metrics.rollup')).toBeDefined();
    // What the job runs, at a fixed moment (the job itself judges running SLA targets at its own now).
    const summary = await refreshRollups(db, now);
    expect(summary.full).toBe(false);
    expect(summary.days).toBeGreaterThan(0);
    expect(summary.days).toBeLessThan(40);
    expect(await db.select().from(metricRollupDirty)).toEqual([]);

    for (const days of [7, 365]) {
      const period = lastDays(days, now);
      for (const filters of combos) {
        const d = await getRollupDashboard(db, period, filters, now);
        expectAgreement(d, await direct(db, period, filters, now));
      }
    }
  });
});
