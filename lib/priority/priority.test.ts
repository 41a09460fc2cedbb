import { describe, expect, it } from 'vitest';
import { PRIORITY_MATRIX, priorityFor } from './priority';

describe('priority matrix', () => {
  it('gives the documented priority for every severity and impact', () => {
    const table = ([1, 2, 3, 4] as const).map((sev) => [
      priorityFor(sev, 'many'),
      priorityFor(sev, 'several'),
      priorityFor(sev, 'single'),
    ]);
    expect(table).toEqual([
      [1, 1, 2],
      [1, 2, 2],
      [2, 3, 3],
      [3, 4, 4],
    ]);
  });

  it('never gets less urgent as severity or impact worsens', () => {
    const impacts = ['single', 'several', 'many'] as const;
    for (const sev of [1, 2, 3, 4] as const) {
      for (let i = 1; i < impacts.length; i++) {
        expect(PRIORITY_MATRIX[sev][impacts[i]!]).toBeLessThanOrEqual(PRIORITY_MATRIX[sev][impacts[i - 1]!]);
      }
      if (sev > 1)
        for (const imp of impacts)
          expect(PRIORITY_MATRIX[(sev - 1) as 1 | 2 | 3][imp]).toBeLessThanOrEqual(PRIORITY_MATRIX[sev][imp]);
    }
  });
});
