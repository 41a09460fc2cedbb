import { describe, expect, it } from 'vitest';
import { daysInPeriod, weeksOf } from './weekly';

describe('weeksOf', () => {
  it('lists the Monday of every UTC week the period touches, as date_trunc(week) does', () => {
    expect(weeksOf({ from: new Date('2024-05-15T12:00:00Z'), to: new Date('2024-05-28T08:00:00Z') })).toEqual([
      '2024-05-13',
      '2024-05-20',
      '2024-05-27',
    ]);
  });
  it('puts a Sunday in the week that began the Monday before', () => {
    expect(weeksOf({ from: new Date('2024-05-19T23:59:00Z'), to: new Date('2024-05-20T00:00:00Z') })).toEqual([
      '2024-05-13',
    ]);
  });
  it('leaves out a week the period only reaches at its exclusive end', () => {
    expect(weeksOf({ from: new Date('2024-05-13T00:00:00Z'), to: new Date('2024-05-27T00:00:00Z') })).toEqual([
      '2024-05-13',
      '2024-05-20',
    ]);
  });
  it('crosses a year boundary', () => {
    expect(weeksOf({ from: new Date('2024-12-31T00:00:00Z'), to: new Date('2025-01-07T00:00:00Z') })).toEqual([
      '2024-12-30',
      '2025-01-06',
    ]);
  });
  it('is empty for an empty period', () => {
    expect(weeksOf({ from: new Date('2024-05-13T00:00:00Z'), to: new Date('2024-05-13T00:00:00Z') })).toEqual([]);
  });
});

describe('daysInPeriod', () => {
  const period = { from: new Date('2024-05-15T12:00:00Z'), to: new Date('2024-05-28T00:00:00Z') };
  it('marks the first and last week by the days they have in the period', () => {
    expect(weeksOf(period).map((w) => daysInPeriod(w, period))).toEqual([4.5, 7, 1]);
  });
  it('gives 7 for a whole week', () => {
    expect(
      daysInPeriod('2024-05-13', { from: new Date('2024-05-13T00:00:00Z'), to: new Date('2024-05-20T00:00:00Z') }),
    ).toBe(7);
  });
});
