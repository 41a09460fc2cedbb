import type { NextConfig } from 'next';
import { API_DOCS_POLICY, API_POLICY, FRAME_DENY_HEADER, STATIC_SECURITY_HEADERS } from './lib/security/headers';

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'bcryptjs'],
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project in its own step; the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
  // Framing, sniffing and referrer headers on every response; a page's CSP comes from proxy.ts (it needs a nonce per request).
  async headers() {
    return [
      { source: '/:path*', headers: STATIC_SECURITY_HEADERS },
      // Every path but the embeddable guest form (/portal/embed, framed per EMBED_ALLOWED_ORIGINS by proxy.ts's CSP).
      { source: '/:path((?!portal/embed/?$).*)', headers: [FRAME_DENY_HEADER] },
      // The API's fixed policy (proxy.ts gives pages theirs, with a nonce, and does not see /api).
      { source: '/api/:path((?!docs/?$).*)', headers: [{ key: 'Content-Security-Policy', value: API_POLICY }] },
      // The API reference page: its stylesheets, no scripts (lib/security/headers.ts).
      { source: '/api/docs', headers: [{ key: 'Content-Security-Policy', value: API_DOCS_POLICY }] },
    ];
  },
};

export default nextConfig;
