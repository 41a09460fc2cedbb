import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isPrivateAddress, urlProblem } from './address';
import { planWebhookEvents } from './events';
import { MAX_ATTEMPTS, retryDelaySeconds, shouldPause } from './policy';
import { signatureHeader, verifySignature } from './signature';

describe('planWebhookEvents', () => {
  it('folds one request’s field changes into one ticket.updated and keeps own-type events apart', () => {
    const planned = planWebhookEvents([
      { ticketId: 'a', type: 'identified', data: { categoryId: 'c' } },
      { ticketId: 'a', type: 'assigned', to: 'u' },
      { ticketId: 'a', type: 'status_changed', from: 'new', to: 'open' },
      { ticketId: 'a', type: 'exception_raised', to: 'CERN-2026-000001' },
      { ticketId: 'b', type: 'replied' },
      { ticketId: 'b', type: 'noted' },
      { ticketId: 'b', type: 'customer_updated' },
    ]);
    expect(planned.map((p) => [p.ticketId, p.type, p.changes.length])).toEqual([
      ['a', 'ticket.updated', 3],
      ['a', 'cern.raised', 1],
      ['b', 'ticket.replied', 1],
    ]);
  });
});

describe('retry and pause policy', () => {
  it('doubles the delay from the base, and stops after the last attempt', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, 60))).toEqual([60, 120, 240, 480]);
    expect(retryDelaySeconds(9, 60)).toBe(256 * 60);
    expect(retryDelaySeconds(9, 3600)).toBe(6 * 3600);
    expect(retryDelaySeconds(MAX_ATTEMPTS, 60)).toBeNull();
  });
  it('pauses only after enough failures over enough time', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    const dayAgo = new Date('2026-11-29T11:00:00Z');
    expect(shouldPause({ consecutiveFailures: 15, failingSince: dayAgo, now })).toBe(true);
    expect(shouldPause({ consecutiveFailures: 14, failingSince: dayAgo, now })).toBe(false);
    expect(shouldPause({ consecutiveFailures: 100, failingSince: new Date('2026-11-30T00:00:00Z'), now })).toBe(false);
  });
});

describe('signatures', () => {
  it('signs timestamp.body with every secret and verifies against any of them', () => {
    const body = '{"id":"e1"}';
    const header = signatureHeader(['whsec_new', 'whsec_old'], 1_764_500_000, body);
    const expected = createHmac('sha256', 'whsec_old').update(`1764500000.${body}`).digest('hex');
    expect(header.split(',')).toContain(`v1=${expected}`);
    const now = 1_764_500_100_000;
    expect(verifySignature(header, body, 'whsec_old', { now }).ok).toBe(true);
    expect(verifySignature(header, body, 'whsec_new', { now }).ok).toBe(true);
    expect(verifySignature(header, body, 'whsec_other', { now }).ok).toBe(false);
    expect(verifySignature(header, body, 'whsec_new', { now: now + 10 * 60_000 }).ok).toBe(false);
    expect(verifySignature('v1=abc', body, 'whsec_new').ok).toBe(false);
  });
});

describe('addresses', () => {
  it('knows private, loopback, link-local and mapped addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.0.0.1',
      '172.20.1.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:10.0.0.1',
      '0.0.0.0',
      '::127.0.0.1',
      '2002:7f00:1::1',
      '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700::1111']) expect(isPrivateAddress(a), a).toBe(false);
    expect(urlProblem('http://[fe80::1]/', false)).toMatch(/private/);
    expect(urlProblem('not a url', false)).toMatch(/full URL/);
  });
});
