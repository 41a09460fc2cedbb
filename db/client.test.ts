import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './client';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('isDatabaseUnavailable (503, "try again") vs a failed statement (a bug: 500)', () => {
  it('recognises the driver, socket and server codes for "the database went away"', () => {
    for (const code of [
      'CONNECTION_CLOSED',
      'CONNECTION_DESTROYED',
      'CONNECT_TIMEOUT',
      'ECONNREFUSED',
      'ECONNRESET',
      '57P01',
      '57P03',
      '08006',
      '53300',
    ]) {
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
    }
  });

  it("looks through drizzle's wrapper (the driver error is its cause)", () => {
    expect(isDatabaseUnavailable(new Error('Failed query: select 1', { cause: withCode('ECONNREFUSED') }))).toBe(true);
  });

  it('leaves query errors alone', () => {
    for (const error of [withCode('23505'), withCode('22P02'), withCode('42P01'), new Error('plain'), null, 'text']) {
      expect(isDatabaseUnavailable(error)).toBe(false);
    }
  });
});
