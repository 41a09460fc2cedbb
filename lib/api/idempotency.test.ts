import { describe, expect, it } from 'vitest';
import { replayableHeaders } from './idempotency';

describe('replayableHeaders', () => {
  it('keeps what describes the result and drops the rest, whatever the case of the name', () => {
    expect(
      replayableHeaders({
        ETag: '"3"',
        location: '/api/v1/tickets/7',
        'Content-Type': 'application/json',
        'Set-Cookie': 'session=secret',
        'Retry-After': '5',
      }),
    ).toEqual({ ETag: '"3"', location: '/api/v1/tickets/7', 'Content-Type': 'application/json' });
    expect(replayableHeaders(undefined)).toEqual({});
  });
});
