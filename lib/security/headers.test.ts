import { describe, expect, it } from 'vitest';
import { newNonce, pagePolicy, servedOverHttps } from './headers';

describe('security headers', () => {
  it('lets only nonce-bearing scripts (and what they load) run, and forbids framing', () => {
    const policy = pagePolicy('abc123', { dev: false, https: true });
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain('upgrade-insecure-requests');
  });

  it('allows eval only in development and upgrades requests only over HTTPS', () => {
    const dev = pagePolicy('n', { dev: true, https: false });
    expect(dev).toContain("'unsafe-eval'");
    expect(dev).not.toContain('upgrade-insecure-requests');
  });

  it('makes a new nonce each time', () => {
    expect(newNonce()).not.toBe(newNonce());
    expect(newNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it('uses Secure cookies exactly when NEXTAUTH_URL is https', () => {
    expect(servedOverHttps('https://help.example.com')).toBe(true);
    expect(servedOverHttps('http://127.0.0.1:3000')).toBe(false);
    expect(servedOverHttps(undefined)).toBe(false);
  });
});
