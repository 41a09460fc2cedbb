import { readFileSync } from 'node:fs';

/**
 * A signed-in browser, reduced to what the load test needs: a cookie jar and next-auth's
 * credentials sign-in (GET /api/auth/csrf, then POST /api/auth/callback/credentials).
 */
export class HttpAgent {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly base: string,
    readonly email: string,
  ) {}

  private remember(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const at = pair.indexOf('=');
      if (at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async signIn(password: string): Promise<void> {
    const csrf = await this.request('/api/auth/csrf');
    const { csrfToken } = (await csrf.json()) as { csrfToken?: string };
    if (!csrfToken) throw new Error(`${this.email}: no CSRF token from /api/auth/csrf`);
    const body = new URLSearchParams({
      csrfToken,
      email: this.email,
      password,
      json: 'true',
      callbackUrl: `${this.base}/tickets`,
    });
    const response = await this.request('/api/auth/callback/credentials', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await response.arrayBuffer();
    if (![...this.cookies.keys()].some((k) => k.endsWith('next-auth.session-token'))) {
      throw new Error(`${this.email}: sign-in gave no session cookie (HTTP ${response.status})`);
    }
  }

  /** A request with the jar's cookies; redirects are not followed (a redirect to /signin is an error to count). */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', this.cookieHeader());
    const response = await fetch(`${this.base}${path}`, { ...init, headers, redirect: 'manual' });
    this.remember(response);
    return response;
  }
}

/** Peak memory of a process from /proc (Linux): VmRSS now and VmHWM, the high-water mark since it started. */
export function memoryOf(pid: number): { rssKb: number; hwmKb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
  } catch {
    return null;
  }
}
