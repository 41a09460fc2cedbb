import { describe, expect, it } from 'vitest';
import { BOTTLENECK_MIN_SPANS, pickBottleneck, stageFigure } from './cycle-time';
import { HOUR_MS, STAGE_HISTOGRAM_BOUNDS_MS, histogramBucket } from './definitions';

const name = (id: string | null) => (id === null ? 'No team' : `Team ${id}`);

describe('the bottleneck', () => {
  it('is the stage and team with the longest median wait, set against the same pair before', () => {
    const b = pickBottleneck(
      [
        { stage: 'inquiry', teamId: 'a', count: 10, medianHours: 2 },
        { stage: 'resolution', teamId: 'a', count: 10, medianHours: 9 },
        { stage: 'resolution', teamId: 'b', count: 10, medianHours: 12 },
      ],
      [
        { stage: 'resolution', teamId: 'b', medianHours: 5 },
        { stage: 'resolution', teamId: 'a', medianHours: 20 },
      ],
      name,
    );
    expect(b).toEqual({
      stage: 'resolution',
      teamId: 'b',
      team: 'Team b',
      medianHours: 12,
      count: 10,
      previousMedianHours: 5,
    });
  });

  it('ignores pairs with too few stays to say anything, and says nothing without data', () => {
    const few = BOTTLENECK_MIN_SPANS - 1;
    expect(pickBottleneck([{ stage: 'inquiry', teamId: 'a', count: few, medianHours: 99 }], [], name)).toBeNull();
    expect(pickBottleneck([], [], name)).toBeNull();
    const b = pickBottleneck(
      [
        { stage: 'inquiry', teamId: 'a', count: few, medianHours: 99 },
        { stage: 'follow_up', teamId: null, count: BOTTLENECK_MIN_SPANS, medianHours: 30 },
      ],
      [],
      name,
    );
    expect(b).toMatchObject({ stage: 'follow_up', team: 'No team', previousMedianHours: null });
  });
});

describe('a stage figure over rollup cells and the stays still open', () => {
  const hist = (...ms: number[]) => {
    const counts = new Array<number>(STAGE_HISTOGRAM_BOUNDS_MS.length + 1).fill(0);
    for (const m of ms) counts[histogramBucket(m, STAGE_HISTOGRAM_BOUNDS_MS)]! += 1;
    return counts;
  };
  const now = new Date('2026-03-10T12:00:00Z');
  const cell = (histogram: number[], extra: object = {}) => ({
    stage: 'identification' as const,
    whole: false,
    teamId: 'a',
    categoryId: null,
    histogram,
    ...extra,
  });

  it('counts waiting requests at their age so far, so a stage where work piles up does not look fast', () => {
    const finished = cell(hist(1 * HOUR_MS, 1 * HOUR_MS, 1 * HOUR_MS));
    const fast = stageFigure('identification', [finished], now);
    expect(fast).toMatchObject({ count: 3, waiting: 0, oldestWaitingHours: null });
    expect(fast.medianHours).toBeLessThan(1.5);
    const open = cell(hist(50 * HOUR_MS, 60 * HOUR_MS, 70 * HOUR_MS, 80 * HOUR_MS), {
      waiting: 4,
      oldestStart: new Date(now.getTime() - 80 * HOUR_MS),
    });
    const piling = stageFigure('identification', [finished, open], now);
    expect(piling).toMatchObject({ count: 7, waiting: 4, oldestWaitingHours: 80 });
    expect(piling.medianHours).toBeGreaterThanOrEqual(48); // the 4th of 7 is a 50 h wait, bucket [48 h, 60 h)
  });

  it('adds only the stage asked for, and says nothing without data', () => {
    expect(stageFigure('resolution', [cell(hist(HOUR_MS))], now)).toEqual({
      stage: 'resolution',
      count: 0,
      medianHours: null,
      p90Hours: null,
      waiting: 0,
      oldestWaitingHours: null,
    });
  });
});
