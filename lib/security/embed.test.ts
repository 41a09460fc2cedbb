import { describe, expect, it } from 'vitest';
import { embedFrameAncestors, isEmbedPath, pagePolicy, STATIC_SECURITY_HEADERS } from './headers';

describe('the embeddable guest form', () => {
  it('may be framed by the configured origins only, and nothing can be smuggled into the header', () => {
    expect(embedFrameAncestors(undefined)).toBe('*');
    expect(embedFrameAncestors('  ')).toBe('*');
    expect(embedFrameAncestors('none')).toBe("'none'");
    expect(embedFrameAncestors('https://www.example.com, https://*.example.org  http://localhost:8080')).toBe(
      'https://www.example.com https://*.example.org http://localhost:8080',
    );
    expect(embedFrameAncestors("https://ok.example; script-src 'unsafe-inline'")).toBe("'none'");
    expect(embedFrameAncestors('https://ok.example javascript:alert(1) *')).toBe('https://ok.example *');
    expect(embedFrameAncestors('ftp://x.example')).toBe("'none'");
    const policy = pagePolicy('n', { dev: false, https: false, frameAncestors: 'https://www.example.com' });
    expect(policy).toContain('frame-ancestors https://www.example.com');
    expect(policy).not.toContain("frame-ancestors 'none'");
  });

  it('is the one path exempt from framing rules', () => {
    expect(isEmbedPath('/portal/embed')).toBe(true);
    expect(isEmbedPath('/portal/embed/')).toBe(true);
    expect(isEmbedPath('/portal/embedded')).toBe(false);
    expect(isEmbedPath('/portal/new')).toBe(false);
    // X-Frame-Options is applied per path by next.config.ts, not with the headers on every response.
    expect(STATIC_SECURITY_HEADERS.some((h) => h.key === 'X-Frame-Options')).toBe(false);
  });
});
