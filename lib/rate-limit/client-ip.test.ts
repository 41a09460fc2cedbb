import { describe, expect, it } from 'vitest';
import { clientIpFrom } from './client-ip';

describe('client address', () => {
  it('takes the socket address Next.js fills in when nothing is trusted', () => {
    expect(clientIpFrom('::ffff:127.0.0.1', 0)).toBe('127.0.0.1');
    expect(clientIpFrom(null, 0)).toBeNull();
  });

  it('behind N trusted proxies, takes the N-th address from the right and ignores what the client wrote', () => {
    expect(clientIpFrom('6.6.6.6, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(clientIpFrom('6.6.6.6, 203.0.113.7, 10.0.0.2', 2)).toBe('203.0.113.7');
    expect(clientIpFrom('203.0.113.7', 3)).toBe('203.0.113.7');
  });
});
