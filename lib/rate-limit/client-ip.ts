/**
 * The client's address for per-address limits.
 *
 * Next.js gives route handlers and server actions no socket address, only headers, and
 * `next start` fills `X-Forwarded-For` from the socket only when the request has none. So:
 * - `TRUST_PROXY=N` (N ≥ 1 reverse proxies in front, each appending to X-Forwarded-For): the
 *   client is the N-th address from the right; what the client wrote further left is ignored.
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
  const chosen = entries[Math.max(0, entries.length - hops)] ?? null;
  return chosen ? normalise(chosen) : null;
}

export function trustProxySetting(): number {
  const n = Number(process.env.TRUST_PROXY ?? 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** "::ffff:10.0.0.1" → "10.0.0.1"; anything odd is cut to a sane length (it is only a key). */
function normalise(address: string): string {
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1').slice(0, 64);
}
