import { describe, expect, it } from 'vitest';
import { addressKey, clientIpFrom } from './client-ip';

describe('client address', () => {
  it('takes the socket address Next.js fills in when nothing is trusted', () => {
    expect(clientIpFrom('::ffff:127.0.0.1', 0)).toBe('127.0.0.1');
    expect(clientIpFrom(null, 0)).toBeNull();
  });

  it('behind N trusted proxies, takes the N-th address from the right and ignores what the client wrote', () => {
    expect(clientIpFrom('6.6.6.6, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(clientIpFrom('6.6.6.6, 203.0.113.7, 10.0.0.2', 2)).toBe('203.0.113.7');
  });

  it('with fewer entries than trusted proxies, the address is unknown rather than the client-written leftmost', () => {
    expect(clientIpFrom('203.0.113.7', 3)).toBeNull();
    expect(clientIpFrom('6.6.6.6, 10.0.0.2', 3)).toBeNull();
    expect(clientIpFrom('', 1)).toBeNull();
  });

  it('keys IPv6 clients by their /64, so rotating through the prefix does not give fresh limits', () => {
    const one = clientIpFrom('2001:db8:aaaa:1::1', 0);
    expect(one).toBe('2001:db8:aaaa:1::/64');
    expect(clientIpFrom('2001:db8:aaaa:1:ffff:1234:5678:9abc', 0)).toBe(one);
    expect(clientIpFrom('2001:0DB8:AAAA:0001:0:0:0:2', 0)).toBe(one);
    expect(clientIpFrom('2001:db8:aaaa:2::1', 0)).not.toBe(one);
    expect(addressKey('[2001:db8:aaaa:1::7]:443')).toBe(one);
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });

  it('keys IPv4-mapped IPv6 as the IPv4 address, in either notation', () => {
    expect(addressKey('::ffff:198.51.100.4')).toBe('198.51.100.4');
    expect(addressKey('::ffff:c633:6404')).toBe('198.51.100.4');
    expect(addressKey('198.51.100.4')).toBe('198.51.100.4');
  });

  it('keeps anything unparsable as a bounded key', () => {
    expect(addressKey('not:an:address::with::two')).toBe('not:an:address::with::two');
    expect(addressKey('x'.repeat(200))).toHaveLength(64);
  });
});
