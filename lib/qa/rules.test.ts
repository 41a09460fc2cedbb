import { describe, expect, it } from 'vitest';
import { addWeeks, parseWeek, readScores, reviewScore, weekLabel, weekOf, weeklyTrend, weeksBetween } from './rules';

describe('ISO weeks', () => {
  it('keys a moment by the Monday (UTC) of its week', () => {
    expect(weekOf(new Date('2026-11-30T10:00:00Z'))).toBe('2026-11-30'); // a Monday
    expect(weekOf(new Date('2026-12-06T23:59:59Z'))).toBe('2026-11-30'); // the Sunday after
    expect(weekOf(new Date('2026-12-07T00:00:00Z'))).toBe('2026-12-07');
    expect(weekOf(new Date('2027-01-01T12:00:00Z'))).toBe('2026-12-28'); // across the new year
  });
  it('moves by weeks and reads only Mondays from a URL', () => {
    expect(addWeeks('2026-11-30', -1)).toBe('2026-11-23');
    expect(addWeeks('2026-12-28', 1)).toBe('2027-01-04');
    expect(parseWeek('2026-11-30')).toBe('2026-11-30');
    expect(parseWeek('2026-12-01')).toBeNull(); // a Tuesday
    expect(parseWeek('2026-02-30')).toBeNull();
    expect(parseWeek('0000-01-03')).toBeNull();
    expect(parseWeek(['2026-11-30'])).toBeNull();
  });
  it('labels the ISO week number (week 1 holds 4 January)', () => {
    expect(weekLabel('2026-11-30')).toBe('Week 49 of 2026 (from 30 Nov)');
    expect(weekLabel('2026-12-28')).toBe('Week 53 of 2026 (from 28 Dec)');
    expect(weekLabel('2027-01-04')).toBe('Week 1 of 2027 (from 4 Jan)');
  });
  it('lists the weeks a period touches', () => {
    expect(weeksBetween(new Date('2026-11-18T00:00:00Z'), new Date('2026-12-01T00:00:00Z'))).toEqual([
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
    ]);
    // `to` is exclusive: a period ending at Monday 00:00 stops the week before.
    expect(weeksBetween(new Date('2026-11-23T00:00:00Z'), new Date('2026-11-30T00:00:00Z'))).toEqual(['2026-11-23']);
  });
});

describe('review scores', () => {
  const criteria = [
    { id: 'a', name: 'Accuracy', active: true },
    { id: 't', name: 'Tone', active: true },
    { id: 'old', name: 'Retired', active: false },
  ];
  it('needs a whole 1–5 score for every active criterion', () => {
    expect(readScores(criteria, { score_a: '5', score_t: 4 })).toEqual({ scores: { a: 5, t: 4 }, fieldErrors: {} });
    const bad = readScores(criteria, { score_a: '0', score_t: '3.5' });
    expect(bad.fieldErrors).toEqual({
      score_a: ['Score Accuracy from 1 to 5.'],
      score_t: ['Score Tone from 1 to 5.'],
    });
    expect(readScores(criteria, { score_a: '6' }).fieldErrors).toHaveProperty('score_t');
    expect(readScores(criteria, { score_a: '', score_t: '2' }).fieldErrors).toHaveProperty('score_a');
  });
  it('ignores inactive and unknown criteria', () => {
    expect(readScores(criteria, { score_a: '1', score_t: '1', score_old: '9', score_x: '2' }).scores).toEqual({
      a: 1,
      t: 1,
    });
  });
  it('is the mean of the criteria, to two decimals', () => {
    expect(reviewScore({ a: 5, t: 4, p: 4 })).toBe(4.33);
    expect(reviewScore({ a: 1 })).toBe(1);
    expect(reviewScore({})).toBeNull();
  });
});

describe('weekly trend', () => {
  it('averages each week per agent, and the period over all reviews', () => {
    const weeks = ['2026-11-16', '2026-11-23', '2026-11-30'];
    const lines = weeklyTrend(
      [
        { key: 'b', name: 'Bo', week: '2026-11-16', score: 4 },
        { key: 'b', name: 'Bo', week: '2026-11-16', score: 3 },
        { key: 'b', name: 'Bo', week: '2026-11-30', score: 5 },
        { key: 'a', name: 'Al', week: '2026-11-23', score: 2.67 },
        { key: 'x', name: 'Out', week: '2026-10-05', score: 1 }, // outside the weeks: period mean only
      ],
      weeks,
    );
    expect(lines).toEqual([
      { key: 'a', name: 'Al', points: [null, 2.67, null], average: 2.67, reviews: 1 },
      { key: 'b', name: 'Bo', points: [3.5, null, 5], average: 4, reviews: 3 },
      { key: 'x', name: 'Out', points: [null, null, null], average: 1, reviews: 1 },
    ]);
  });
  it('gives no line without reviews', () => {
    expect(weeklyTrend([], ['2026-11-30'])).toEqual([]);
  });
});

describe('weeksBetween at the end of year 9999', () => {
  it('stops at the last week of the period (no "+010000-…" weeks)', () => {
    const weeks = weeksBetween(new Date('9999-12-20T00:00:00Z'), new Date('9999-12-31T00:00:00Z'));
    expect(weeks).toEqual(['9999-12-20', '9999-12-27']);
  });
});
