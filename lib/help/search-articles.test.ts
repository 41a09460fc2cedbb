import { describe, expect, it } from 'vitest';
import { articleQuery } from './search-articles';

describe('articleQuery', () => {
  it('keeps words only, the last as a prefix', () => {
    expect(articleQuery('Reset my passw', 'all')).toBe('reset & my & passw:*');
    expect(articleQuery('card payment', 'any')).toBe('card | payment:*');
  });

  it('cannot be broken by query syntax', () => {
    expect(articleQuery("a' & | ! ( ) :* <->", 'all')).toBeNull();
    expect(articleQuery('refund!!! (urgent) <script>', 'all')).toBe('refund & urgent & script:*');
  });
});
