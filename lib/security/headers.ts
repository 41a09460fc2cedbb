/**
 * Security headers (no next/* here: proxy.ts and next.config.ts apply them).
 *
 * Pages get a per-request nonce policy from proxy.ts. Next.js reads the nonce from the request's
 * Content-Security-Policy header and puts it on its own bootstrap and chunk scripts; with
 * 'strict-dynamic' the scripts those load are trusted too, and nothing else runs — no inline
 * script an attacker could inject, no script from elsewhere. A static policy cannot do that: the
 * App Router's inline bootstrap (`self.__next_f.push(…)`) would need 'unsafe-inline', which
 * lets any injected inline script run. The price is that every page renders per request
 * (app/layout.tsx opts in), which every page here did already (sessions), except sign-up.
 *
 * Styles keep 'unsafe-inline' (no nonce in style-src, or browsers ignore it): server-rendered
 * style attributes (Recharts' SVG, widths of bars) would otherwise be blocked, and injected CSS
 * cannot run code. Development adds 'unsafe-eval', which React's dev build needs for its stacks.
 */
export function pagePolicy(nonce: string, options: { dev: boolean; https: boolean; frameAncestors?: string }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${options.frameAncestors ?? "'none'"}`,
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** JSON, event streams and files from /api: nothing in them may run or be framed. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

/**
 * The API reference page (/api/docs): server-rendered HTML that needs no script at all, so only
 * the app's own stylesheets and fonts are allowed (Next's inline scripts are refused, harmlessly).
 */
export const API_DOCS_POLICY =
  "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** On every response but the embed page's (next.config.ts): old browsers' framing switch, as frame-ancestors says. */
export const FRAME_DENY_HEADER = { key: 'X-Frame-Options', value: 'DENY' };

/** On every response (next.config.ts), pages, API and static files alike. */
export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/**
 * Whether the app is served over HTTPS, as NEXTAUTH_URL says. One answer for next-auth's
 * `useSecureCookies` (Secure, `__Secure-` cookies), the proxy reading that cookie, HSTS and
 * upgrade-insecure-requests — they must agree, or the proxy looks for a cookie that is not there.
 */
export const servedOverHttps = (url: string | undefined = process.env.NEXTAUTH_URL): boolean =>
  url?.startsWith('https://') ?? false;

/** A fresh, unguessable nonce for one response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The one page another site may frame: the guest request form for a company website (issue 13).
 * Everything else keeps `frame-ancestors 'none'` and X-Frame-Options DENY.
 */
export const EMBED_PATH = '/portal/embed';

export const isEmbedPath = (path: string): boolean => path === EMBED_PATH || path === `${EMBED_PATH}/`;

const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/i;

/**
 * Who may frame the embed page: `EMBED_ALLOWED_ORIGINS`, origins separated by spaces or commas
 * (`https://www.example.com https://*.example.org`), or `*` for any site, `none` for no site.
 * Unset means any site: the page only offers the signed-out guest form — no session, no data —
 * so a framing site can make a visitor do nothing they could not do on our own page. Entries that
 * are not origins are dropped (they could otherwise smuggle directives into the header); when
 * none is left, no site may frame it.
 */
export function embedFrameAncestors(raw: string | undefined = process.env.EMBED_ALLOWED_ORIGINS): string {
  const value = raw?.trim();
  if (!value) return '*';
  if (value.toLowerCase() === 'none') return "'none'";
  const entries = value.split(/[\s,]+/).filter((e) => e === '*' || ORIGIN.test(e));
  return entries.length > 0 ? [...new Set(entries)].join(' ') : "'none'";
}
