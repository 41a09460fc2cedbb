import { describe, expect, it } from 'vitest';
import { formatCern, parseCern } from './format';

describe('CERN format', () => {
  it('pads the per-year sequence to six digits', () => {
    expect(formatCern(2026, 1)).toBe('CERN-2026-000001');
    expect(formatCern(2026, 42)).toBe('CERN-2026-000042');
    expect(formatCern(2027, 999_999)).toBe('CERN-2027-999999');
  });

  it('refuses sequences and years that do not fit the format', () => {
    expect(() => formatCern(2026, 0)).toThrow(RangeError);
    expect(() => formatCern(2026, 1_000_000)).toThrow(RangeError);
    expect(() => formatCern(2026, 1.5)).toThrow(RangeError);
    expect(() => formatCern(99, 1)).toThrow(RangeError);
  });

  it('parses what it formats, case-insensitively, and rejects near misses', () => {
    expect(parseCern('CERN-2026-000123')).toEqual({ year: 2026, sequence: 123 });
    expect(parseCern(' cern-2026-000123 ')).toEqual({ year: 2026, sequence: 123 });
    expect(parseCern('CERN-2026-123')).toBeNull();
    expect(parseCern('CERN-2026-000000')).toBeNull();
    expect(parseCern('#1042')).toBeNull();
  });
});
