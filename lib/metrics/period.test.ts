import { describe, expect, it } from 'vitest';
import { parsePeriod } from './period';

const now = new Date('2024-05-20T12:00:00Z');

describe('parsePeriod', () => {
  it('defaults to the last 30 days', () => {
    expect(parsePeriod({}, now)).toEqual({
      from: new Date('2024-04-21T00:00:00Z'),
      to: new Date('2024-05-21T00:00:00Z'),
      days: 30,
      problem: null,
    });
  });
  it('takes one of the offered day counts', () => {
    expect(parsePeriod({ days: '7' }, now)).toEqual({
      from: new Date('2024-05-14T00:00:00Z'),
      to: new Date('2024-05-21T00:00:00Z'),
      days: 7,
      problem: null,
    });
    expect(parsePeriod({ days: ['90', '7'] }, now).days).toBe(90);
    expect(parsePeriod({ days: '365' }, now).days).toBe(365);
  });
  it('falls back to 30 days for anything else', () => {
    for (const days of ['14', '-7', 'abc', '', '7.0', '1e3']) expect(parsePeriod({ days }, now).days).toBe(30);
  });
  it('takes a from/to range of whole UTC days, both included', () => {
    expect(parsePeriod({ from: '2024-01-01', to: '2024-01-31', days: '7' }, now)).toEqual({
      from: new Date('2024-01-01T00:00:00Z'),
      to: new Date('2024-02-01T00:00:00Z'),
      days: null,
      problem: null,
    });
    expect(parsePeriod({ from: '2024-03-05', to: '2024-03-05' }, now).to).toEqual(new Date('2024-03-06T00:00:00Z'));
  });
  it('ignores a range that is invalid, backwards, half given or too long', () => {
    expect(parsePeriod({ from: '2024-02-30', to: '2024-03-05' }, now).days).toBe(30);
    expect(parsePeriod({ from: '2024-03-05', to: '2024-03-01', days: '7' }, now).days).toBe(7);
    expect(parsePeriod({ from: '2024-03-05' }, now).days).toBe(30);
    expect(parsePeriod({ from: '2020-01-01', to: '2024-01-01' }, now).days).toBe(30);
    expect(parsePeriod({ from: '2024-03-05T00:00:00Z', to: '2024-03-06' }, now).days).toBe(30);
  });
  it('says why a range was not used', () => {
    expect(parsePeriod({ from: '2024-03-05', to: '2024-03-01' }, now).problem).toBe(
      'That period could not be shown: The period must end after it starts. Showing the last 30 days instead.',
    );
    expect(parsePeriod({ from: '2024-03-05' }, now).problem).toContain('Give the end date as YYYY-MM-DD.');
    expect(parsePeriod({ days: '7' }, now).problem).toBeNull();
  });
  it('refuses years PostgreSQL or an ISO string cannot hold (year 0000, 9999-12-31 + 1 day), with a message', () => {
    for (const [from, to] of [
      ['0000-01-01', '0000-01-31'],
      ['9999-12-01', '9999-12-31'],
      ['0001-01-01', '0001-01-02'],
    ]) {
      const period = parsePeriod({ from, to }, now);
      expect(period).toMatchObject({
        days: 30,
        from: new Date('2024-04-21T00:00:00Z'),
        problem: expect.stringContaining('between 1970-01-01 and 9999-12-30'),
      });
    }
    expect(parsePeriod({ from: '9999-12-01', to: '9999-12-30' }, now)).toMatchObject({
      days: null,
      to: new Date('9999-12-31T00:00:00Z'),
    });
  });
});
