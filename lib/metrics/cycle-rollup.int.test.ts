import { asc, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, DbHandle } from '@/db/client';
import { ticketEvents, tickets, type Stage } from '@/db/schema';
import { makeCustomer, makeTeamAndCategory, testDb } from '@/lib/testing/fixtures';
import { getCycleTimes, type CycleTimes, type StageFigure } from './cycle-time';
import type { CycleFilters } from './cycle-rollup';
import {
  DAY_MS,
  HOUR_MS,
  STAGE_HISTOGRAM_BOUNDS_MS,
  histogramBucket,
  histogramBucketBounds,
  histogramPercentile,
} from './definitions';
import { refreshStageSpans } from './refresh-stage-spans';
import { periodDays } from './rollup-read';
import { stagePieces, type StagePiece } from './stage-attribution';
import { STAGES } from './stage-spans';
import type { MetricsPeriod } from './types';

/*
 * Cycle time from the rollup (stage_cycle_rollups, kept by the stage-spans job) against a direct
 * computation from the raw events: the requests' events read back, derived here, grouped and
 * counted by hand. Counts must be equal; median and p90 equal to the histogram's over the direct
 * durations, and within the buckets of the exact values. Requests sit in a 19th-century year of
 * their own in two teams of their own; some change team or category mid-stay, some are still in a stage.
 */

// A year of this run's own (the database outlives runs, and the unfiltered figures read every team).
const YEAR = 1800 + Math.floor(Math.random() * 90);
const T0 = Date.parse(`${YEAR}-03-01T00:00:00Z`);
const MIN = 60_000;
let handle: DbHandle;
let db: Db;
let a: { teamId: string; categoryId: string };
let b: { teamId: string; categoryId: string };
const ids: string[] = [];

/** A deterministic spread of durations: minutes to days. */
function* durations(): Generator<number> {
  let x = 7;
  for (;;) {
    x = (x * 48271) % 2147483647;
    yield [5, 20, 50, 90, 200, 400, 900, 1500, 3000, 7000][x % 10]! * MIN + (x % 97) * MIN;
  }
}

beforeAll(async () => {
  handle = testDb();
  db = handle.db;
  a = await makeTeamAndCategory(db);
  b = await makeTeamAndCategory(db);
  const customerId = (await makeCustomer(db)).customerId!;
  const next = durations();
  for (let i = 0; i < 24; i++) {
    const created = new Date(T0 + i * 0.8 * DAY_MS);
    let t = created.getTime();
    const step = () => new Date((t += next.next().value as number));
    const start = i % 2 === 0 ? a : b;
    const [ticket] = await db
      .insert(tickets)
      .values({ subject: 'Cycle rollup', description: 'x', channel: 'web', customerId, createdAt: created, ...start })
      .returning();
    const id = ticket!.id;
    ids.push(id);
    const events: (typeof ticketEvents.$inferInsert)[] = [{ ticketId: id, type: 'created', createdAt: created }];
    let team = start.teamId;
    let category = start.categoryId;
    const move = (type: string, from: Stage, to: Stage) =>
      events.push({ ticketId: id, type: type as never, fromValue: from, toValue: to, createdAt: step() });
    move('opened', 'inquiry', 'identification');
    if (i % 3 === 0) {
      // Handed to the other team mid-identification.
      const other = team === a.teamId ? b.teamId : a.teamId;
      events.push({
        ticketId: id,
        type: 'assigned',
        fromValue: team,
        toValue: other,
        data: { field: 'team' },
        createdAt: step(),
      });
      team = other;
    }
    if (i % 8 === 7) {
      events.push({
        ticketId: id,
        type: 'identified',
        fromValue: 'identification',
        toValue: 'resolution',
        createdAt: step(),
      });
      // Still in resolution (the open stays).
    } else {
      const newCategory = i % 4 === 1 ? (category === a.categoryId ? b.categoryId : a.categoryId) : category;
      events.push({
        ticketId: id,
        type: 'identified',
        fromValue: 'identification',
        toValue: 'resolution',
        data: { categoryId: newCategory, fromCategoryId: category },
        createdAt: step(),
      });
      category = newCategory;
      if (i % 5 === 2) {
        // A routing rule moves the category mid-resolution.
        const other = category === a.categoryId ? b.categoryId : a.categoryId;
        events.push({
          ticketId: id,
          type: 'rule_applied',
          fromValue: category,
          toValue: other,
          data: { action: 'category' },
          createdAt: step(),
        });
        category = other;
      }
      move('resolved', 'resolution', 'follow_up');
      if (i % 2 === 0)
        events.push({
          ticketId: id,
          type: 'status_changed',
          fromValue: 'resolved',
          toValue: 'closed',
          data: { stage: 'follow_up' },
          createdAt: step(),
        });
    }
    await db.insert(ticketEvents).values(events);
    await db
      .update(tickets)
      .set({ teamId: team, categoryId: category })
      .where(inArray(tickets.id, [id]));
  }
  // Small batches: many of them mark days, and the run ends by recomputing each day once.
  await refreshStageSpans(db, 5);
});

afterAll(async () => {
  await handle?.close();
});

/** Every piece of the requests, derived here from their events and their team and category now. */
async function piecesFromEvents(): Promise<StagePiece[]> {
  const [owners, events] = await Promise.all([
    db.select().from(tickets).where(inArray(tickets.id, ids)),
    db
      .select()
      .from(ticketEvents)
      .where(inArray(ticketEvents.ticketId, ids))
      .orderBy(asc(ticketEvents.createdAt), asc(ticketEvents.id)),
  ]);
  return owners.flatMap((t) =>
    stagePieces(
      t.createdAt,
      events.filter((e) => e.ticketId === t.id),
      { teamId: t.teamId, categoryId: t.categoryId },
    ),
  );
}

/** The durations the figures should count: ended in the period's days, plus the open ones when it runs to now. */
function direct(pieces: StagePiece[], period: MetricsPeriod, filters: CycleFilters, now: Date, stage: Stage) {
  const { first, end } = periodDays(period);
  const [from, to] = [Date.parse(`${first}T00:00:00Z`), Date.parse(`${end}T00:00:00Z`)];
  const whole = filters.teamId === undefined && filters.categoryId === undefined;
  const waiting = period.from <= now && now < period.to;
  const mine = pieces.filter(
    (p) =>
      p.stage === stage &&
      (whole ? p.lastOfStay : true) &&
      (filters.teamId === undefined || p.teamId === filters.teamId) &&
      (filters.categoryId === undefined || p.categoryId === filters.categoryId),
  );
  const start = (p: StagePiece) => (whole ? p.stayStartedAt : p.startedAt).getTime();
  const ended = mine.filter((p) => p.endedAt && p.endedAt.getTime() >= from && p.endedAt.getTime() < to);
  const open = waiting ? mine.filter((p) => p.endedAt === null) : [];
  return {
    ms: [
      ...ended.map((p) => p.endedAt!.getTime() - start(p)),
      ...open.map((p) => Math.max(0, now.getTime() - start(p))),
    ],
    waiting: open.length,
    oldest: open.length ? Math.max(...open.map((p) => now.getTime() - start(p))) : null,
  };
}

function expectFigure(figure: StageFigure, expected: ReturnType<typeof direct>, label: string) {
  const counts = new Array<number>(STAGE_HISTOGRAM_BOUNDS_MS.length + 1).fill(0);
  for (const ms of expected.ms) counts[histogramBucket(ms, STAGE_HISTOGRAM_BOUNDS_MS)]! += 1;
  expect(figure.count, label).toBe(expected.ms.length);
  expect(figure.waiting, label).toBe(expected.waiting);
  expect(figure.oldestWaitingHours, label).toBe(expected.oldest === null ? null : expected.oldest / HOUR_MS);
  for (const [q, got] of [
    [0.5, figure.medianHours],
    [0.9, figure.p90Hours],
  ] as const) {
    const fromHistogram = histogramPercentile(counts, q, STAGE_HISTOGRAM_BOUNDS_MS);
    if (fromHistogram === null) {
      expect(got, `${label} q${q}`).toBeNull();
      continue;
    }
    expect(got! * HOUR_MS, `${label} q${q}`).toBeCloseTo(fromHistogram, 3);
    // Exact to the bucket: within the buckets of the exact values around rank q·(n − 1).
    const sorted = [...expected.ms].sort((x, y) => x - y);
    const rank = q * (sorted.length - 1);
    const bucketOf = (ms: number) =>
      histogramBucketBounds(histogramBucket(ms, STAGE_HISTOGRAM_BOUNDS_MS), STAGE_HISTOGRAM_BOUNDS_MS);
    expect(got! * HOUR_MS, `${label} q${q} low`).toBeGreaterThanOrEqual(bucketOf(sorted[Math.floor(rank)]!)[0]);
    expect(got! * HOUR_MS, `${label} q${q} high`).toBeLessThanOrEqual(bucketOf(sorted[Math.ceil(rank)]!)[1]);
  }
}

async function compare(period: MetricsPeriod, filters: CycleFilters, now: Date): Promise<CycleTimes> {
  const pieces = await piecesFromEvents();
  const c = await getCycleTimes(db, period, filters, now);
  for (const stage of STAGES) {
    expectFigure(
      c.overall.find((s) => s.stage === stage)!,
      direct(pieces, period, filters, now, stage),
      `overall ${stage}`,
    );
    for (const [key, groups] of [
      ['teamId', c.byTeam],
      ['categoryId', c.byCategory],
    ] as const)
      for (const g of groups.filter((g) => g.id === a[key] || g.id === b[key]))
        expectFigure(
          g.stages.find((s) => s.stage === stage)!,
          direct(pieces, period, { ...filters, [key]: g.id! }, now, stage),
          `${key} ${g.name} ${stage}`,
        );
  }
  return c;
}

const day = (s: string) => new Date(`${YEAR}-${s}T00:00:00Z`);
const LATER = new Date('2026-01-01T00:00:00Z');

describe('cycle time from the rollup equals a direct computation from the events', () => {
  it('over a past month, unfiltered (whole stays) and by team and category (pieces at the owner then)', async () => {
    const c = await compare({ from: day('03-01'), to: day('04-01') }, {}, LATER);
    expect(c.includesWaiting).toBe(false);
    // Both teams had pieces of stays (the hand-overs), so both appear by team.
    expect(c.byTeam.map((g) => g.id)).toEqual(expect.arrayContaining([a.teamId, b.teamId]));
  });

  it('under a team filter and a category filter, over a shorter period', async () => {
    await compare({ from: day('03-05'), to: day('03-15') }, { teamId: a.teamId }, LATER);
    await compare({ from: day('03-01'), to: day('04-15') }, { categoryId: b.categoryId }, LATER);
    await compare({ from: day('03-01'), to: day('04-15') }, { teamId: b.teamId, categoryId: a.categoryId }, LATER);
  });

  it('a period running to now counts the requests still in a stage at their age so far', async () => {
    const now = new Date(`${YEAR}-04-10T12:00:00Z`);
    const period = { from: day('03-20'), to: day('04-11') };
    const c = await compare(period, { teamId: a.teamId }, now);
    expect(c.includesWaiting).toBe(true);
    const resolution = c.overall.find((s) => s.stage === 'resolution')!;
    expect(resolution.waiting).toBeGreaterThan(0);
    await compare(period, { teamId: b.teamId }, now);
  });

  it('follows a change: the days of the old and the new spans are recomputed', async () => {
    // Close one of the requests still in resolution: its stay now ends, on a day of its own.
    const [open] = await db
      .select({ id: tickets.id })
      .from(tickets)
      .where(
        inArray(
          tickets.id,
          ids.filter((_, i) => i % 8 === 7),
        ),
      );
    await db.insert(ticketEvents).values({
      ticketId: open!.id,
      type: 'status_changed',
      fromValue: 'open',
      toValue: 'closed',
      data: { stage: 'resolution' },
      createdAt: day('04-02'),
    });
    await refreshStageSpans(db);
    await compare({ from: day('03-01'), to: day('04-15') }, {}, LATER);
    await compare({ from: day('04-01'), to: day('04-05') }, { teamId: a.teamId }, LATER);
    await compare({ from: day('04-01'), to: day('04-05') }, { teamId: b.teamId }, LATER);
  });
});
