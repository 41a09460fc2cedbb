import { describe, expect, it } from 'vitest';
import { DATABASE_UNAVAILABLE, isConnectionLost, isDatabaseUnavailable } from './client';

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

describe('isConnectionLost (renew the pool) vs a busy server or one terminated backend (503, keep the pool)', () => {
  it('renews only when the connection or the server went away', () => {
    for (const code of [
      'CONNECTION_CLOSED',
      'CONNECT_TIMEOUT',
      'ECONNREFUSED',
      'ECONNRESET',
      '57P02',
      '57P03',
      '08006',
    ])
      expect(isConnectionLost(withCode(code)), code).toBe(true);
    expect(isConnectionLost(new Error('Failed query', { cause: withCode('ECONNRESET') }))).toBe(true);
  });

  it('does not renew for too many connections (53300) or one terminated backend (57P01)', () => {
    for (const code of ['53300', '57P01', '23505']) expect(isConnectionLost(withCode(code)), code).toBe(false);
  });

  it('does not promise that nothing was saved (the connection can drop after COMMIT was sent)', () => {
    expect(DATABASE_UNAVAILABLE).not.toMatch(/nothing you sent was saved/i);
    expect(DATABASE_UNAVAILABLE).toMatch(/may not have been saved/);
  });
});
