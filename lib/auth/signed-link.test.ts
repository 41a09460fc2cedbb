import { describe, expect, it } from 'vitest';
import { signLink, verifyLink } from './signed-link';

const SECRET = 'test-secret';
const now = new Date('2026-11-30T10:00:00Z');
const later = new Date('2026-12-07T10:00:00Z');

describe('signed links', () => {
  const token = signLink({ purpose: 'guest', subject: 'ticket-1', expiresAt: later }, SECRET);

  it('opens for its purpose and subject until it expires', () => {
    expect(verifyLink(token, 'guest', now, SECRET)).toEqual({ ok: true, subject: 'ticket-1', expiresAt: later });
    expect(verifyLink(token, 'guest', later, SECRET)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses another purpose, a changed subject, another key and garbage', () => {
    expect(verifyLink(token, 'survey', now, SECRET)).toEqual({ ok: false, reason: 'wrong_purpose' });
    const [, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ p: 'guest', s: 'ticket-2', e: later.getTime() / 1000 })).toString('base64url')}.${signature}`;
    expect(verifyLink(forged, 'guest', now, SECRET)).toEqual({ ok: false, reason: 'tampered' });
    expect(verifyLink(token, 'guest', now, 'other-secret')).toEqual({ ok: false, reason: 'tampered' });
    for (const bad of ['', 'abc', 'a.b.c', 'ab$.cd', 'x'.repeat(600)])
      expect(verifyLink(bad, 'guest', now, SECRET).ok).toBe(false);
  });
});
