import { scratchDatabase, type ScratchDatabase } from '@/lib/testing/scratch-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { openDb, type Db, type DbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { customers, organizations, surveys, ticketLinks, tickets } from '@/db/schema';
import { seedDemo } from '@/lib/seed/demo';
import { countView, viewFiltersSchema } from '@/lib/tickets/views';
import { BACKLOG_STATUSES, DAY_MS, csat, fcr, handlingTime, slaCompliance, type SlaFacts } from './definitions';
import { BACKLOG_BUCKET_DAYS, backlogPointHref } from './backlog-series';
import { readExceptionFigures } from './exception-rollup';
import { EXCEPTION_HISTOGRAM_BOUNDS_MS, histogramBucket, histogramBucketBounds } from './definitions';
import { getRollupDashboard } from './dashboard';
import { drillDown, withKey } from './drill-down';
import type { DashboardFilters } from './filters';
import { refreshRollups } from './rollup';
import type { MetricsPeriod } from './types';

/*
 * The organization breakdown (key accounts) and the backlog-by-age series against a direct
 * computation from the raw rows, on the demo data, before and after changes followed by one run
 * of the rollup job; the exception figures (and the rest's CSAT) too (a customer moving organization, a reopen, a late resolution, a closing
 * without resolution, a new ticket, a merge).
 */

type Row = typeof tickets.$inferSelect;
const HOUR = 3_600_000;
const demoNow = new Date('2026-03-02T10:00:00Z');
const dayStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const lastDays = (days: number, now: Date): MetricsPeriod => ({
  from: new Date(dayStart(now).getTime() - (days - 1) * DAY_MS),
  to: new Date(dayStart(now).getTime() + DAY_MS),
});
const lead = { userId: '00000000-0000-0000-0000-000000000000', role: 'admin' as const };

async function raw(db: Db, filters: DashboardFilters) {
  const rows = await db.select().from(tickets);
  const people = await db.select({ id: customers.id, org: customers.organizationId }).from(customers);
  const orgOf = new Map(people.map((p) => [p.id, p.org]));
  const links = await db.select().from(ticketLinks);
  const merged = new Set(links.filter((l) => l.kind === 'merged_into').map((l) => l.ticketId));
  const answers = await db.select().from(surveys);
  const matches = (t: Row) =>
    (filters.organizationId === undefined || orgOf.get(t.customerId) === filters.organizationId) &&
    (filters.teamId === undefined || t.teamId === filters.teamId) &&
    (filters.assigneeId === undefined || t.assigneeId === filters.assigneeId) &&
    (filters.categoryId === undefined || t.categoryId === filters.categoryId) &&
    (filters.channel === undefined || t.channel === filters.channel) &&
    (filters.priority === undefined || t.priority === filters.priority);
  return { mine: rows.filter(matches), orgOf, merged, answers };
}

/** Per organization (null: none) over the period, straight from the rows. */
async function directByOrganization(db: Db, period: MetricsPeriod, filters: DashboardFilters, now: Date) {
  const { mine, orgOf, merged, answers } = await raw(db, filters);
  const inPeriod = (d: Date | null) => d !== null && d >= period.from && d < period.to;
  const keys = new Set(mine.map((t) => orgOf.get(t.customerId) ?? null));
  const result = new Map<string | null, Record<string, number | null>>();
  for (const key of keys) {
    const its = mine.filter((t) => (orgOf.get(t.customerId) ?? null) === key);
    const ids = new Set(its.map((t) => t.id));
    const resolved = its.filter((t) => !merged.has(t.id) && inPeriod(t.resolvedAt));
    const sla = slaCompliance(its.filter((t) => !merged.has(t.id) && inPeriod(t.createdAt)) as SlaFacts[], now);
    const scores = answers.filter((s) => ids.has(s.ticketId) && inPeriod(s.answeredAt) && s.csat !== null);
    const aht = handlingTime(resolved);
    const row = {
      created: its.filter((t) => inPeriod(t.createdAt)).length,
      resolved: resolved.length,
      csatAnswered: csat(scores.map((s) => s.csat!)).answered,
      fcrShare: fcr(resolved).share,
      ahtHours: aht.meanMs === null ? null : aht.meanMs / HOUR,
      slaShare: sla.met + sla.missed > 0 ? sla.met / (sla.met + sla.missed) : null,
      backlog: its.filter((t) => (BACKLOG_STATUSES as readonly string[]).includes(t.status)).length,
    };
    if (row.created + row.resolved + row.csatAnswered + row.backlog > 0) result.set(key, row);
  }
  return result;
}

/** The backlog at the end of each day of the period by whole-day age bucket, straight from the rows. */
async function directBacklog(db: Db, period: MetricsPeriod, filters: DashboardFilters) {
  const { mine } = await raw(db, filters);
  const points: { day: string; buckets: Record<string, number> }[] = [];
  for (let t = period.from.getTime(); t < period.to.getTime(); t += DAY_MS) {
    const end = t + DAY_MS; // the day's end
    const buckets: Record<string, number> = Object.fromEntries(BACKLOG_BUCKET_DAYS.map((b) => [b.key, 0]));
    for (const x of mine) {
      if (x.createdAt.getTime() >= end) continue;
      const ended = x.status === 'resolved' || x.status === 'closed';
      const endedAt = ended
        ? Math.max((x.resolvedAt ?? x.closedAt ?? x.createdAt).getTime(), x.createdAt.getTime())
        : Infinity;
      if (endedAt < end) continue;
      const age = Math.round((t - dayStart(x.createdAt).getTime()) / DAY_MS);
      const bucket = BACKLOG_BUCKET_DAYS.find((b) => age >= b.from && (b.to === null || age <= b.to))!;
      buckets[bucket.key]! += 1;
    }
    points.push({ day: dayOf(new Date(t)), buckets });
  }
  return points;
}

/** The exception figures straight from the rows (exceptions.ts defines them). */
async function directExceptions(db: Db, period: MetricsPeriod, filters: DashboardFilters) {
  const { mine, merged, answers } = await raw(db, filters);
  const inPeriod = (d: Date | null) => d !== null && d >= period.from && d < period.to;
  const exc = mine.filter((t) => t.cern !== null);
  const excIds = new Set(exc.map((t) => t.id));
  const mineIds = new Set(mine.map((t) => t.id));
  const resolved = exc.filter((t) => t.exceptionRaisedAt !== null && inPeriod(t.resolvedAt) && !merged.has(t.id));
  const answered = answers.filter((s) => mineIds.has(s.ticketId) && inPeriod(s.answeredAt) && s.csat !== null);
  const figures = (list: Row[]) => ({
    raised: list.filter((t) => inPeriod(t.exceptionRaisedAt)).length,
    open: list.filter((t) => (BACKLOG_STATUSES as readonly string[]).includes(t.status)).length,
    resolved: resolved.filter((t) => list.includes(t)).length,
    reopened: resolved.filter((t) => list.includes(t) && t.reopenCount >= 1).length,
    ms: resolved
      .filter((t) => list.includes(t))
      .map((t) => t.resolvedAt!.getTime() - t.exceptionRaisedAt!.getTime())
      .sort((a, b) => a - b),
  });
  return {
    ...figures(exc),
    byTeam: new Map([...new Set(exc.map((t) => t.teamId))].map((k) => [k, figures(exc.filter((t) => t.teamId === k))])),
    csatExceptions: csat(answered.filter((s) => excIds.has(s.ticketId)).map((s) => s.csat!)),
    csatRest: csat(answered.filter((s) => !excIds.has(s.ticketId)).map((s) => s.csat!)),
  };
}

/** A histogram's q-quantile lies within the buckets of the exact values around rank q·(n − 1). */
function expectQuantile(hours: number | null, sorted: number[], q: number) {
  if (sorted.length === 0) return expect(hours).toBeNull();
  const rank = q * (sorted.length - 1);
  const lo = histogramBucketBounds(
    histogramBucket(sorted[Math.floor(rank)]!, EXCEPTION_HISTOGRAM_BOUNDS_MS),
    EXCEPTION_HISTOGRAM_BOUNDS_MS,
  )[0];
  const hi = histogramBucketBounds(
    histogramBucket(sorted[Math.ceil(rank)]!, EXCEPTION_HISTOGRAM_BOUNDS_MS),
    EXCEPTION_HISTOGRAM_BOUNDS_MS,
  )[1];
  expect(hours! * HOUR).toBeGreaterThanOrEqual(lo);
  expect(hours! * HOUR).toBeLessThanOrEqual(hi === Infinity ? Number.MAX_VALUE : hi);
}

async function expectExceptionAgreement(now: Date, periods: number[]) {
  for (const days of periods) {
    const period = lastDays(days, now);
    for (const filters of combos) {
      const f = await readExceptionFigures(db, period, filters);
      const x = await directExceptions(db, period, filters);
      expect([f.raised, f.open, f.resolved, f.reopened.count]).toEqual([x.raised, x.open, x.resolved, x.reopened]);
      expectQuantile(f.medianHours, x.ms, 0.5);
      expectQuantile(f.p90Hours, x.ms, 0.9);
      expect([f.csatExceptions.answered, f.csatExceptions.satisfied]).toEqual([
        x.csatExceptions.answered,
        x.csatExceptions.satisfied,
      ]);
      expect([f.csatRest.answered, f.csatRest.satisfied]).toEqual([x.csatRest.answered, x.csatRest.satisfied]);
      expect(f.csatRest.mean ?? -1).toBeCloseTo(x.csatRest.mean ?? -1, 9);
      for (const g of f.byTeam) {
        const w = x.byTeam.get(g.id)!;
        expect([g.id, g.raised, g.open, g.resolved, g.reopened.count]).toEqual([
          g.id,
          w.raised,
          w.open,
          w.resolved,
          w.reopened,
        ]);
        expectQuantile(g.medianHours, w.ms, 0.5);
      }
      expect(f.byTeam.length).toBe([...x.byTeam.values()].filter((w) => w.raised + w.open + w.resolved > 0).length);
    }
  }
}

let handle: DbHandle;
let db: Db;
let scratch: ScratchDatabase | undefined;
let combos: DashboardFilters[];

async function expectAgreement(now: Date, periods: number[]) {
  for (const days of periods) {
    const period = lastDays(days, now);
    for (const filters of combos) {
      const d = await getRollupDashboard(db, period, filters, now);
      // Key accounts: every row as the raw rows give it.
      const want = await directByOrganization(db, period, filters, now);
      expect(new Set(d.byOrganization.map((r) => r.id))).toEqual(new Set(want.keys()));
      for (const r of d.byOrganization) {
        const w = want.get(r.id)!;
        expect([r.id, r.created, r.resolved, r.csatAnswered, r.backlog]).toEqual([
          r.id,
          w.created,
          w.resolved,
          w.csatAnswered,
          w.backlog,
        ]);
        expect(r.fcrShare ?? -1).toBeCloseTo(w.fcrShare ?? -1, 9);
        expect(r.ahtHours ?? -1).toBeCloseTo(w.ahtHours ?? -1, 6);
        expect(r.slaShare ?? -1).toBeCloseTo(w.slaShare ?? -1, 9);
      }
      // The backlog series: every day, every bucket.
      const series = await directBacklog(db, period, filters);
      expect(d.backlogSeries.map((p) => [p.day, p.buckets])).toEqual(series.map((p) => [p.day, p.buckets]));
      // Its last point (today) is the backlog now.
      expect(d.backlogSeries.at(-1)!.total).toBe(d.tiles.backlog.total);
    }
  }
}

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
    .select({ t: tickets, org: customers.organizationId })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(sql`${customers.organizationId} is not null and ${tickets.teamId} is not null`)
    .limit(1);
  if (!sample) throw new Error('the demo has no ticket of an organization');
  combos = [
    {},
    { organizationId: sample.org! },
    { teamId: sample.t.teamId! },
    { organizationId: sample.org!, channel: sample.t.channel, priority: sample.t.priority },
  ];
}, 600_000);
afterAll(() => (scratch ? scratch.drop() : handle.close()));

describe('key accounts and the backlog series against the raw rows (demo data)', () => {
  it('agree over 7, 30 and 365 days under filter combinations (incl. an organization)', async () => {
    await expectAgreement(demoNow, [7, 30, 365]);
  }, 300_000);

  it("exception figures from the rollups agree with the rows (the rest's CSAT too)", async () => {
    await expectExceptionAgreement(demoNow, [30, 365]);
  }, 300_000);

  it('drill-down lists count what the organization cells and the backlog points say', async () => {
    const period = lastDays(30, demoNow);
    const d = await getRollupDashboard(db, period, {}, demoNow);
    const busiest = [...d.byOrganization].filter((r) => r.id !== null).sort((a, b) => b.created - a.created)[0]!;
    const keyed = withKey({}, 'organizationId', busiest.id)!;
    for (const [figure, expected] of [
      ['created', busiest.created],
      ['resolved', busiest.resolved],
    ] as const) {
      const count = await countView(db, lead as never, viewFiltersSchema.parse(drillDown(figure, period, keyed)), 1e5);
      expect([figure, count]).toEqual([figure, expected]);
    }
    for (const point of [d.backlogSeries[0]!, d.backlogSeries[14]!, d.backlogSeries.at(-1)!]) {
      for (const key of [...BACKLOG_BUCKET_DAYS.map((b) => b.key), 'total'] as const) {
        const href = backlogPointHref(point.day, key, {});
        const query = Object.fromEntries(
          [...new URLSearchParams(href.split('?')[1]).entries()].reduce((m, [k, v]) => {
            m.set(k, m.has(k) ? [m.get(k)!, v].flat() : v);
            return m;
          }, new Map<string, string | string[]>()),
        );
        const count = await countView(db, lead as never, viewFiltersSchema.parse(query), 1e5);
        expect([point.day, key, count]).toEqual([point.day, key, key === 'total' ? point.total : point.buckets[key]]);
      }
    }
  }, 300_000);
});

describe('after changes and one run of the rollup job', () => {
  it('agree again (organization moved, reopen, late resolution, closing, new ticket, merge)', async () => {
    const now = new Date(demoNow.getTime() + 3 * HOUR);
    const [org] = await db.select().from(organizations).limit(1);
    const [someone] = await db
      .select()
      .from(customers)
      .where(sql`${customers.organizationId} is distinct from ${org!.id}`)
      .limit(1);
    await db.update(customers).set({ organizationId: org!.id }).where(eq(customers.id, someone!.id));
    const [old] = await db
      .select()
      .from(tickets)
      .where(
        sql`${tickets.status} in ('resolved', 'closed') and ${tickets.createdAt} < ${new Date(demoNow.getTime() - 40 * DAY_MS).toISOString()}::timestamptz`,
      )
      .limit(1);
    await db.update(tickets).set({ status: 'open', resolvedAt: null, closedAt: null }).where(eq(tickets.id, old!.id));
    const open = await db.select().from(tickets).where(eq(tickets.status, 'open')).orderBy(tickets.createdAt).limit(3);
    await db
      .update(tickets)
      .set({ status: 'resolved', resolvedAt: new Date(demoNow.getTime() + HOUR) })
      .where(eq(tickets.id, open[1]!.id));
    await db
      .update(tickets)
      .set({ status: 'closed', closedAt: new Date(demoNow.getTime() - 20 * DAY_MS) })
      .where(eq(tickets.id, open[2]!.id));
    await db.insert(tickets).values({
      subject: 'Backlog check',
      description: 'Created by the rollup backlog test.',
      channel: 'email',
      customerId: someone!.id,
      priority: 3,
      createdAt: new Date(demoNow.getTime() + HOUR),
    });
    const [a, b] = await db.select().from(tickets).orderBy(tickets.number).limit(2);
    await db.insert(ticketLinks).values({ ticketId: a!.id, linkedTicketId: b!.id, kind: 'merged_into' });

    // An exception raised now on an open request, and one resolved.
    await db
      .update(tickets)
      .set({ cern: 'CERN-2026-990001', exceptionRaisedAt: new Date(demoNow.getTime() + HOUR) })
      .where(eq(tickets.id, open[0]!.id));
    const [exc] = await db
      .select()
      .from(tickets)
      .where(
        sql`${tickets.cern} is not null and ${tickets.status} in ('new', 'open', 'pending', 'on_hold') and ${tickets.exceptionRaisedAt} is not null and ${tickets.id} <> ${open[0]!.id}`,
      )
      .limit(1);
    if (exc)
      await db
        .update(tickets)
        .set({ status: 'resolved', resolvedAt: new Date(demoNow.getTime() + 2 * HOUR) })
        .where(eq(tickets.id, exc.id));
    const summary = await refreshRollups(db, now);
    expect(summary.full).toBe(false);
    await expectAgreement(now, [30, 365]);
    await expectExceptionAgreement(now, [30, 365]);
  }, 300_000);
});
