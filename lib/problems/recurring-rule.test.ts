import { describe, expect, it } from 'vitest';
import { assessRise, byRise, dayString, weekIndex } from './recurring-rule';

describe('the recurring-issue rule', () => {
  it('flags a category that jumps well above a steady baseline', () => {
    const a = assessRise(30, [10, 9, 11, 10, 10, 12, 8, 10]);
    expect(a.rising).toBe(true);
    expect(a.mean).toBe(10);
    expect(a.ratio).toBe(3);
    expect(a.z).toBeGreaterThan(3);
  });

  it('leaves a steady volume alone, however large', () => {
    expect(assessRise(105, [100, 98, 102, 101, 99, 100, 97, 103]).rising).toBe(false);
    expect(assessRise(10, [10, 10, 10, 10, 10, 10, 10, 10]).rising).toBe(false);
  });

  it('needs a minimum count: 1 → 4 is noise', () => {
    const a = assessRise(4, [1, 0, 1, 0, 1, 0, 0, 1]);
    expect(a.ratio).toBeGreaterThanOrEqual(2);
    expect(a.rising).toBe(false);
    expect(assessRise(6, [1, 0, 1, 0, 1, 0, 0, 1]).rising).toBe(true);
  });

  it('flags a word never seen before once it reaches the minimum', () => {
    expect(assessRise(5, []).rising).toBe(true);
    expect(assessRise(5, []).z).toBe(5);
  });

  it('needs twice the usual volume even when the z-score is high', () => {
    // mean 20, Poisson floor √20 ≈ 4.5: 35 is z 3.4 but only 1.75×.
    const a = assessRise(35, [20, 20, 20, 20, 20, 20, 20, 20]);
    expect(a.z).toBeGreaterThan(3);
    expect(a.rising).toBe(false);
  });

  it('asks a swinging baseline for a larger rise', () => {
    // mean 10, sd 10: 25 is 2.5× but z 1.5.
    expect(assessRise(25, [0, 20, 0, 20, 0, 20, 0, 20]).rising).toBe(false);
    expect(assessRise(45, [0, 20, 0, 20, 0, 20, 0, 20]).rising).toBe(true);
  });

  it('ranks by z-score, then count, then key', () => {
    const items = [
      { key: 'b', assessment: assessRise(10, []) },
      { key: 'a', assessment: assessRise(10, []) },
      { key: 'c', assessment: assessRise(30, [10, 10, 10, 10, 10, 10, 10, 10]) },
    ].sort(byRise);
    expect(items.map((i) => i.key)).toEqual(['a', 'b', 'c']);
  });

  it('numbers 7-day windows back from today', () => {
    expect(weekIndex('2026-11-30', '2026-11-30')).toBe(0);
    expect(weekIndex('2026-11-30', '2026-11-24')).toBe(0);
    expect(weekIndex('2026-11-30', '2026-11-23')).toBe(1);
    expect(weekIndex('2026-11-30', '2026-10-05')).toBe(8);
    expect(dayString(new Date('2026-11-30T23:00:00Z'), 7)).toBe('2026-11-23');
  });
});
