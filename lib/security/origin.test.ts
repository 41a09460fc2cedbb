import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCrossSiteWrite, refuseCrossSite } from './origin';

const COOKIE = 'theme=dark; next-auth.session-token=abc';
const ENV = { NEXTAUTH_URL: 'https://help.example.com', APP_URL: undefined };

function request(method: string, headers: Record<string, string>, url = 'http://10.0.0.5:3000/api/v1/tickets') {
  return { method, url, headers: new Headers(headers) };
}

describe('cross-site refusal of cookie-authenticated API writes', () => {
  it('refuses a foreign Origin, Origin: null and Sec-Fetch-Site cross-site or same-site', () => {
    for (const headers of <Record<string, string>[]>[
      { cookie: COOKIE, origin: 'https://evil.example' },
      { cookie: COOKIE, origin: 'null' },
      { cookie: COOKIE, origin: 'not a url' },
      { cookie: COOKIE, 'sec-fetch-site': 'cross-site' },
      { cookie: COOKIE, 'sec-fetch-site': 'same-site', origin: 'https://other.example.com' },
      { cookie: '__Secure-next-auth.session-token.0=a', origin: 'https://evil.example', host: 'help.example.com' },
    ])
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'])
        expect(isCrossSiteWrite(request(method, headers), {}, ENV), `${method} ${JSON.stringify(headers)}`).toBe(true);
  });

  it('lets the same origin through, by Host, X-Forwarded-Host or the configured URL', () => {
    expect(isCrossSiteWrite(request('POST', { cookie: COOKIE, origin: 'http://10.0.0.5:3000' }), {}, ENV)).toBe(false);
    expect(
      isCrossSiteWrite(
        request('POST', { cookie: COOKIE, origin: 'https://app.example', host: 'app.example' }),
        {},
        ENV,
      ),
    ).toBe(false);
    expect(
      isCrossSiteWrite(
        request('POST', {
          cookie: COOKIE,
          origin: 'https://Front.Example',
          host: 'internal:3000',
          'x-forwarded-host': 'front.example, proxy.local',
        }),
        {},
        ENV,
      ),
    ).toBe(false);
    expect(
      isCrossSiteWrite(
        request('PATCH', { cookie: COOKIE, origin: 'https://help.example.com', 'sec-fetch-site': 'same-origin' }),
        {},
        ENV,
      ),
    ).toBe(false);
  });

  it('leaves alone reads, bearer tokens, requests without the session cookie, and a missing Origin', () => {
    const evil = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
    expect(isCrossSiteWrite(request('GET', { cookie: COOKIE, ...evil }), {}, ENV)).toBe(false);
    expect(isCrossSiteWrite(request('HEAD', { cookie: COOKIE, ...evil }), {}, ENV)).toBe(false);
    // A bearer token passes only where the handler authenticates by it (apiRoute)…
    expect(
      isCrossSiteWrite(
        request('POST', { cookie: COOKIE, authorization: 'Bearer x', ...evil }),
        { bearerAuthenticates: true },
        ENV,
      ),
    ).toBe(false);
    // …never on a cookie-only handler, nor for a header a proxy's Basic/Negotiate auth makes the browser send.
    expect(isCrossSiteWrite(request('POST', { cookie: COOKIE, authorization: 'Bearer x', ...evil }), {}, ENV)).toBe(
      true,
    );
    expect(
      isCrossSiteWrite(
        request('POST', { cookie: COOKIE, authorization: 'Basic dTpw', ...evil }),
        { bearerAuthenticates: true },
        ENV,
      ),
    ).toBe(true);
    expect(isCrossSiteWrite(request('POST', { cookie: 'theme=dark', ...evil }), {}, ENV)).toBe(false);
    expect(isCrossSiteWrite(request('POST', evil), {}, ENV)).toBe(false);
    // A non-browser client with a cookie: no Origin, no Sec-Fetch-* (documented in the module).
    expect(isCrossSiteWrite(request('POST', { cookie: COOKIE }), {}, ENV)).toBe(false);
  });

  it('answers 403 JSON with the code cross_site', async () => {
    const refused = refuseCrossSite(request('POST', { cookie: COOKIE, origin: 'https://evil.example' }));
    expect(refused?.status).toBe(403);
    expect(await refused?.json()).toMatchObject({ error: 'cross_site' });
    expect(refuseCrossSite(request('POST', { cookie: COOKIE }))).toBeNull();
  });

  it('guards every state-changing /api/v1 route handler', () => {
    const root = path.resolve(__dirname, '../../app/api/v1');
    const routes = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('route.ts'));
    const unguarded = routes.filter((file) => {
      const source = readFileSync(path.join(root, file), 'utf8');
      const writes = /export (const|async function) (POST|PUT|PATCH|DELETE)\b/.test(source);
      // route() → apiRoute (lib/api/handler.ts); withApiWriter (respond.ts); or the rule itself.
      return writes && !/\broute\(|withApiWriter\(|refuseCrossSite\(/.test(source);
    });
    expect(routes.length).toBeGreaterThan(10);
    expect(unguarded).toEqual([]);
  });
});
