import { describe, expect, it } from 'vitest';
import { judgeHours, judgeShare } from './targets';

describe('service targets', () => {
  it('judges a share as shown, to one decimal: 84.96 % reads 85.0 % and meets 85 %', () => {
    expect(judgeShare(0.8496, 85)).toEqual({ target: 85, direction: 'at_least', met: true });
    expect(judgeShare(0.8494, 85)).toEqual({ target: 85, direction: 'at_least', met: false });
  });
  it('a share at or above the target is met, below is missed', () => {
    expect(judgeShare(0.9, 90)?.met).toBe(true);
    expect(judgeShare(1, 90)?.met).toBe(true);
    expect(judgeShare(0, 1)?.met).toBe(false);
    expect(judgeShare(0, 0)?.met).toBe(true);
  });
  it('a time meets an upper bound when at or under it', () => {
    expect(judgeHours(4, 4)).toEqual({ target: 4, direction: 'at_most', met: true });
    expect(judgeHours(4.04, 4)?.met).toBe(true);
    expect(judgeHours(4.06, 4)?.met).toBe(false);
  });
  it('no figure or no target: no judgement (no data is not a miss)', () => {
    expect(judgeShare(null, 85)).toBeNull();
    expect(judgeShare(0.5, null)).toBeNull();
    expect(judgeHours(null, 4)).toBeNull();
    expect(judgeHours(3, null)).toBeNull();
  });
});
