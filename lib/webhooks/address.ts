import { BlockList, isIP } from 'node:net';

/**
 * Where webhooks may not go (SSRF): loopback, private, link-local (cloud metadata at
 * 169.254.169.254), carrier-grade NAT, unique-local, multicast, reserved and unspecified
 * addresses. `WEBHOOKS_ALLOW_PRIVATE=1` lifts the rule (tests, a receiver on the same machine).
 */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  // Unspecified, loopback and the deprecated IPv4-compatible ::a.b.c.d (::/96 holds them all).
  ['::', 96],
  ['::1', 128],
  // 6to4 (2002::/16) and Teredo (2001::/32) carry an IPv4 address inside: they could reach a private one.
  ['2002::', 16],
  ['2001::', 32],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

export function allowPrivateTargets(env: Record<string, string | undefined> = process.env): boolean {
  return ['1', 'true', 'yes'].includes((env.WEBHOOKS_ALLOW_PRIVATE ?? '').trim().toLowerCase());
}

/** True for an address a webhook must not reach (an IPv4-mapped IPv6 address counts as its IPv4). */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family === 6) return /^::ffff:/i.test(bare) || blocked.check(bare, 'ipv6');
  return true;
}

/**
 * Why a subscription URL is refused, or null. Only http(s), no credentials in the URL; a host that
 * is a private address or `localhost` is refused here (names are checked again, resolved, at every
 * delivery: lib/webhooks/http.ts).
 */
export function urlProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Enter a full URL, e.g. https://example.com/hooks/cairn.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return 'Only http:// and https:// URLs can receive webhooks.';
  if (url.username || url.password) return 'Put no user name or password in the URL; verify the signature instead.';
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || (isIP(host) && isPrivateAddress(host)))
    return 'That address is on a private or local network; webhooks go to public addresses only.';
  return null;
}
