import { describe, expect, it } from 'vitest';
import type { Status } from '@/db/schema';
import {
  FRT_HISTOGRAM_BOUNDS_MS,
  histogramBucket,
  histogramBucketBounds,
  histogramMedian,
  backlog,
  backlogBucketOf,
  csat,
  fcr,
  firstResponseTime,
  handlingTime,
  median,
  nps,
  reopenRate,
  round1,
  slaCompliance,
  slaOutcome,
  type SlaFacts,
} from './definitions';

const T0 = Date.parse('2001-01-01T00:00:00Z');
const at = (hours: number) => new Date(T0 + hours * 3_600_000);

describe('csat', () => {
  it('shares the 4s and 5s and averages the scores', () => {
    expect(csat([5, 4, 3, 1, 5])).toEqual({ answered: 5, satisfied: 3, satisfiedShare: 0.6, mean: 3.6 });
  });
  it('counts 4 as satisfied and 3 as not', () => {
    expect(csat([4]).satisfiedShare).toBe(1);
    expect(csat([3]).satisfiedShare).toBe(0);
  });
  it('gives null, not zero, when nobody answered', () => {
    expect(csat([])).toEqual({ answered: 0, satisfied: 0, satisfiedShare: null, mean: null });
  });
});

describe('nps', () => {
  it('is % promoters minus % detractors', () => {
    // promoters 9, 10; detractors 6, 0, 3; passives 8, 7.
    expect(nps([9, 6, 0, 8, 7, 10, 3])).toEqual({
      answered: 7,
      promoters: 2,
      detractors: 3,
      promoterPercent: 28.6,
      detractorPercent: 42.9,
      score: -14.3,
    });
  });
  it('puts 6 with the detractors, 7 and 8 with the passives, 9 with the promoters', () => {
    expect(nps([6]).score).toBe(-100);
    expect(nps([7]).score).toBe(0);
    expect(nps([8]).score).toBe(0);
    expect(nps([9]).score).toBe(100);
    expect(nps([0]).score).toBe(-100);
    expect(nps([10]).score).toBe(100);
  });
  it('is 100 when everyone promotes', () => {
    expect(nps([9, 10, 10])).toEqual({
      answered: 3,
      promoters: 3,
      detractors: 0,
      promoterPercent: 100,
      detractorPercent: 0,
      score: 100,
    });
  });
  it('rounds to one decimal, halves away from zero', () => {
    expect(nps([9, 9, 0]).score).toBe(33.3);
    const passives = Array<number>(15).fill(7);
    expect(nps([10, ...passives]).score).toBe(6.3); // 1/16 = 6.25 %
    expect(nps([0, ...passives]).score).toBe(-6.3);
  });
  it('gives null when nobody answered', () => {
    expect(nps([])).toEqual({
      answered: 0,
      promoters: 0,
      detractors: 0,
      promoterPercent: null,
      detractorPercent: null,
      score: null,
    });
  });
});

describe('fcr and reopen rate', () => {
  const resolved = [
    { publicReplyCount: 1, reopenCount: 0 }, // first contact
    { publicReplyCount: 1, reopenCount: 1 }, // reopened
    { publicReplyCount: 2, reopenCount: 0 }, // two replies
    { publicReplyCount: 0, reopenCount: 0 }, // resolved without a public reply
    { publicReplyCount: 1, reopenCount: 0 }, // first contact
  ];
  it('counts exactly one public reply and never reopened', () => {
    expect(fcr(resolved)).toEqual({ total: 5, count: 2, share: 0.4 });
  });
  it('counts tickets reopened at least once', () => {
    expect(reopenRate(resolved)).toEqual({ total: 5, count: 1, share: 0.2 });
    expect(reopenRate([...resolved, { reopenCount: 3 }])).toEqual({ total: 6, count: 2, share: 2 / 6 });
  });
  it('gives null with no resolved tickets', () => {
    expect(fcr([])).toEqual({ total: 0, count: 0, share: null });
    expect(reopenRate([]).share).toBeNull();
  });
});

describe('handling and first response time', () => {
  it('AHT is the mean from creation to resolution, ignoring unresolved tickets', () => {
    const tickets = [
      { createdAt: at(0), resolvedAt: at(2) },
      { createdAt: at(10), resolvedAt: at(14) },
      { createdAt: at(1), resolvedAt: at(10) },
      { createdAt: at(0), resolvedAt: null },
    ];
    expect(handlingTime(tickets)).toEqual({ count: 3, meanMs: 18_000_000 }); // (2 + 4 + 9) / 3 = 5 h
    expect(handlingTime([])).toEqual({ count: 0, meanMs: null });
  });
  it('FRT has a mean and a median (middle pair averaged)', () => {
    const tickets = [
      { createdAt: at(0), firstResponseAt: at(1) },
      { createdAt: at(0), firstResponseAt: at(3) },
      { createdAt: at(5), firstResponseAt: at(7) },
      { createdAt: at(0), firstResponseAt: at(10) },
      { createdAt: at(0), firstResponseAt: null },
    ];
    // 1, 3, 2, 10 h → mean 4 h, median (2 + 3) / 2 = 2.5 h
    expect(firstResponseTime(tickets)).toEqual({ count: 4, meanMs: 14_400_000, medianMs: 9_000_000 });
    expect(firstResponseTime(tickets.slice(0, 3)).medianMs).toBe(7_200_000);
    expect(firstResponseTime([])).toEqual({ count: 0, meanMs: null, medianMs: null });
  });
  it('median and round1', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(round1(2.25)).toBe(2.3);
    expect(round1(-2.25)).toBe(-2.3);
  });
});

describe('SLA compliance', () => {
  const now = new Date('2001-01-10T00:00:00Z');
  const future = new Date('2001-01-20T00:00:00Z');
  const past = new Date('2001-01-05T00:00:00Z');
  const t = (facts: Partial<SlaFacts>): SlaFacts => ({
    firstResponseAt: null,
    firstResponseDueAt: null,
    resolvedAt: null,
    resolutionDueAt: null,
    ...facts,
  });
  const tickets: Record<string, SlaFacts> = {
    bothOnTime: t({ firstResponseAt: at(1), firstResponseDueAt: at(2), resolvedAt: at(5), resolutionDueAt: at(8) }),
    exactlyAtDue: t({ firstResponseAt: at(2), firstResponseDueAt: at(2), resolvedAt: at(8), resolutionDueAt: at(8) }),
    lateResponse: t({ firstResponseAt: at(3), firstResponseDueAt: at(2), resolvedAt: at(5), resolutionDueAt: at(8) }),
    lateResolution: t({ firstResponseAt: at(1), firstResponseDueAt: at(2), resolvedAt: at(9), resolutionDueAt: at(8) }),
    openNotYetDue: t({ firstResponseAt: at(1), firstResponseDueAt: at(2), resolutionDueAt: future }),
    openPastDue: t({ firstResponseAt: at(1), firstResponseDueAt: at(2), resolutionDueAt: past }),
    untracked: t({ firstResponseAt: at(1), resolvedAt: at(2) }),
    noResponseYet: t({ firstResponseDueAt: future, resolutionDueAt: future }),
    resolvedWithoutReply: t({ firstResponseDueAt: at(2), resolvedAt: at(5), resolutionDueAt: at(8) }),
    resolutionTargetOnly: t({ firstResponseAt: at(30), resolvedAt: at(40), resolutionDueAt: at(48) }),
  };
  it('decides each ticket', () => {
    const outcomes = Object.fromEntries(Object.entries(tickets).map(([k, v]) => [k, slaOutcome(v, now)]));
    expect(outcomes).toEqual({
      bothOnTime: 'met',
      exactlyAtDue: 'met',
      lateResponse: 'missed',
      lateResolution: 'missed',
      openNotYetDue: 'pending',
      openPastDue: 'missed',
      untracked: 'untracked',
      noResponseYet: 'pending',
      resolvedWithoutReply: 'missed',
      resolutionTargetOnly: 'met',
    });
  });
  it('shares met among decided tickets', () => {
    expect(slaCompliance(Object.values(tickets), now)).toEqual({ met: 3, missed: 4, share: 3 / 7 });
  });
  it('a due time equal to now is still pending', () => {
    expect(slaOutcome(t({ resolutionDueAt: now }), now)).toBe('pending');
  });
  it('judges a ticket waiting on the customer where its clock stopped, not at now', () => {
    // Paused on the 4th, before its due time on the 5th: its due time moves when it leaves pending.
    expect(
      slaOutcome(
        t({
          firstResponseAt: at(1),
          firstResponseDueAt: at(2),
          resolutionDueAt: past,
          slaPausedAt: new Date('2001-01-04T00:00:00Z'),
        }),
        now,
      ),
    ).toBe('pending');
    // Paused only after it was already late: missed.
    expect(
      slaOutcome(
        t({
          firstResponseAt: at(1),
          firstResponseDueAt: at(2),
          resolutionDueAt: past,
          slaPausedAt: new Date('2001-01-06T00:00:00Z'),
        }),
        now,
      ),
    ).toBe('missed');
    // A late first response stays late whatever the clock does now.
    expect(
      slaOutcome(
        t({ firstResponseAt: at(3), firstResponseDueAt: at(2), resolutionDueAt: future, slaPausedAt: at(4) }),
        now,
      ),
    ).toBe('missed');
  });
  it('stops the clock when a request is closed without resolution (cancelled, merged)', () => {
    // Cancelled before its first answer was due: never missed, however late "now" is.
    expect(slaOutcome(t({ firstResponseDueAt: at(2), resolutionDueAt: future, closedAt: at(1) }), now)).toBe('pending');
    // Cancelled after the first answer was already late: it stays missed.
    expect(slaOutcome(t({ firstResponseDueAt: at(2), resolutionDueAt: future, closedAt: at(3) }), now)).toBe('missed');
  });
  it('gives null when nothing is decided', () => {
    expect(slaCompliance([], now)).toEqual({ met: 0, missed: 0, share: null });
    expect(slaCompliance([tickets.openNotYetDue as SlaFacts], now).share).toBeNull();
  });
});

describe('backlog', () => {
  const now = new Date('2001-01-15T00:00:00Z');
  const ago = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
  const tickets: { status: Status; createdAt: Date }[] = [
    { status: 'open', createdAt: ago(2) },
    { status: 'new', createdAt: ago(24) }, // exactly one day: 1–3 days
    { status: 'pending', createdAt: ago(48) },
    { status: 'on_hold', createdAt: ago(5 * 24) },
    { status: 'open', createdAt: ago(10 * 24) },
    { status: 'open', createdAt: ago(14 * 24) }, // exactly 14 days: the last bucket
    { status: 'new', createdAt: ago(30 * 24) },
    { status: 'resolved', createdAt: ago(1) },
    { status: 'closed', createdAt: ago(100) },
  ];
  it('counts unresolved tickets by age', () => {
    expect(backlog(tickets, now)).toEqual({
      total: 7,
      buckets: [
        { key: 'under1d', label: '< 1 day', count: 1 },
        { key: 'd1to3', label: '1–3 days', count: 2 },
        { key: 'd3to7', label: '3–7 days', count: 1 },
        { key: 'd7to14', label: '7–14 days', count: 1 },
        { key: 'over14d', label: '> 14 days', count: 2 },
      ],
    });
  });
  it('puts a ticket created just now (or clock skew ahead) in the first bucket', () => {
    expect(backlogBucketOf(now, now)).toBe('under1d');
    expect(backlogBucketOf(new Date(now.getTime() + 1000), now)).toBe('under1d');
  });
  it('is empty with no tickets', () => {
    const empty = backlog([], now);
    expect(empty.total).toBe(0);
    expect(empty.buckets.map((b) => b.count)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('FRT histogram (the rollups’ median)', () => {
  const MIN = 60_000;
  it('files a duration in the first bucket whose bound it is below', () => {
    expect(histogramBucket(0)).toBe(0);
    expect(histogramBucket(5 * MIN - 1)).toBe(0);
    expect(histogramBucket(5 * MIN)).toBe(1);
    expect(histogramBucket(1e12)).toBe(FRT_HISTOGRAM_BOUNDS_MS.length);
    expect(histogramBucketBounds(1)).toEqual([5 * MIN, 10 * MIN]);
  });
  it('finds the median inside the bucket of the middle value, and null when empty', () => {
    const values = [2, 7, 8, 40, 200].map((m) => m * MIN);
    const counts = Array<number>(FRT_HISTOGRAM_BOUNDS_MS.length + 1).fill(0);
    for (const v of values) counts[histogramBucket(v)]! += 1;
    const m = histogramMedian(counts)!;
    const [lo, hi] = histogramBucketBounds(histogramBucket(median(values)!));
    expect(m).toBeGreaterThanOrEqual(lo);
    expect(m).toBeLessThan(hi);
    expect(histogramMedian(counts.map(() => 0))).toBeNull();
  });
  it('interpolates evenly inside a bucket (one value: its middle)', () => {
    const counts = Array<number>(FRT_HISTOGRAM_BOUNDS_MS.length + 1).fill(0);
    counts[1] = 1;
    expect(histogramMedian(counts)).toBe(7.5 * MIN);
  });
});
