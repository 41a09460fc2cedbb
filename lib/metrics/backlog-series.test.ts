import { describe, expect, it } from 'vitest';
import { BACKLOG_BUCKET_DAYS, backlogSeries } from './backlog-series';
import { histogramPercentile } from './definitions';

const zeros = () => Array.from({ length: 14 }, () => 0);

describe('backlogSeries (hand-worked)', () => {
  it('ages a day-1 ticket through every bucket until it ends, and drops it on its end day', () => {
    // Two tickets created on 2026-01-01: one ends 2 days later (ended_after[2]), one 20 days later (ended_long on 01-21).
    const created = { created: 2, endedAfter: zeros(), endedLong: 0 };
    created.endedAfter[2] = 1;
    const rows = new Map([
      ['2026-01-01', created],
      ['2026-01-21', { created: 0, endedAfter: zeros(), endedLong: 1 }],
    ]);
    const points = backlogSeries(rows, '2026-01-01', '2026-01-23');
    const at = (day: string) => points.find((p) => p.day === day)!;
    expect(at('2026-01-01').buckets).toMatchObject({ under1d: 2, d1to3: 0 });
    expect(at('2026-01-02').buckets).toMatchObject({ under1d: 0, d1to3: 2 });
    expect(at('2026-01-03').total).toBe(1); // the first ended on its third day (age 2)
    expect(at('2026-01-04').buckets).toMatchObject({ d3to7: 1 });
    expect(at('2026-01-08').buckets).toMatchObject({ d7to14: 1 });
    expect(at('2026-01-15').buckets).toMatchObject({ over14d: 1 });
    expect(at('2026-01-20').total).toBe(1);
    expect(at('2026-01-21').total).toBe(0);
    expect(at('2026-01-22').total).toBe(0);
  });

  it('counts history before the period in the oldest bucket', () => {
    const rows = new Map([['2025-06-01', { created: 3, endedAfter: zeros(), endedLong: 0 }]]);
    const [point] = backlogSeries(rows, '2026-01-01', '2026-01-02');
    expect(point).toMatchObject({ day: '2026-01-01', total: 3, buckets: { over14d: 3 } });
  });

  it('covers every age once', () => {
    expect(BACKLOG_BUCKET_DAYS.map((b) => [b.from, b.to])).toEqual([
      [0, 0],
      [1, 2],
      [3, 6],
      [7, 13],
      [14, null],
    ]);
  });
});

describe('histogramPercentile', () => {
  it('interpolates inside the bucket holding the rank', () => {
    // 10 values in [0, 10) and 10 in [10, 20): the median rank 9.5 is the first bucket's last half-step.
    expect(histogramPercentile([10, 10], 0.5, [10, 20])).toBeCloseTo(10, 6);
    expect(histogramPercentile([10, 10], 0.9, [10, 20])).toBeCloseTo(17.6, 6);
    expect(histogramPercentile([0, 0], 0.5, [10, 20])).toBeNull();
  });
});
