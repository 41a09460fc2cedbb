/**
 * The client's address for per-address limits.
 *
 * Next.js gives route handlers and server actions no socket address, only headers, and
 * `next start` fills `X-Forwarded-For` from the socket only when the request has none. So:
 * - `TRUST_PROXY=N` (N ≥ 1 reverse proxies in front, each appending to X-Forwarded-For): the
 *   client is the N-th address from the right; what the client wrote further left is ignored.
 *   With fewer than N entries the request did not come through the proxies as configured, and
 *   the address is unknown (null) rather than an entry the client may have written.
 * - unset or 0 (the app is reached directly): the rightmost address, which is the socket's when
 *   the client sent no header. A client that sends its own header can pick its address, so
 *   per-address limits are only as good as that; per-account limits hold regardless. Production
 *   behind a proxy should set TRUST_PROXY.
 */
export function clientIpFrom(
  forwardedFor: string | null | undefined,
  trustedProxies = trustProxySetting(),
): string | null {
  const entries = (forwardedFor ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  const hops = Math.max(1, trustedProxies);
  if (entries.length < hops) return null;
  const chosen = entries[entries.length - hops];
  return chosen ? addressKey(chosen) : null;
}

export function trustProxySetting(): number {
  const n = Number(process.env.TRUST_PROXY ?? 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/**
 * The key an address is limited by: IPv4 as is; IPv6 by its /64 prefix ("2001:db8:1:2::/64"),
 * because one client commonly holds a whole /64 and could rotate through it; IPv4-mapped IPv6
 * ("::ffff:10.0.0.1") as the IPv4 address. Anything unparsable is cut to a sane length (it is
 * only a key).
 */
export function addressKey(address: string): string {
  const bare = address.replace(/^\[(.*)\](:\d+)?$/, '$1').replace(/%.*$/, '');
  if (!bare.includes(':')) return bare.slice(0, 64);
  const groups = ipv6Groups(bare);
  if (!groups) return bare.slice(0, 64);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [a = 0, b = 0] = groups.slice(6);
    return [a >> 8, a & 255, b >> 8, b & 255].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (with "::" and a trailing dotted IPv4 part), or null. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  const dotted = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const bytes = dotted.slice(2, 6).map(Number);
    if (bytes.some((b) => b > 255)) return null;
    const [a = 0, b = 0, c = 0, d = 0] = bytes;
    text = `${dotted[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const part = (s: string | undefined) => (s ? s.split(':') : []);
  const head = part(halves[0]);
  const tail = part(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 1 ? 0 : missing).fill('0'), ...tail];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return all.map((g) => parseInt(g, 16));
}
