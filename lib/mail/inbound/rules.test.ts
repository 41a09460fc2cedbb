import { describe, expect, it } from 'vitest';
import { automaticMailReason, type LoopHeaders } from './auto-reply';
import { inboundAuthorized } from './inbound-secret';
import { subjectReference } from './subject-reference';
import { trimReply } from './trim-reply';

const headers = (h: Record<string, string>, from = 'anna@example.com', contentType = 'text/plain'): LoopHeaders => ({
  get: (name) => h[name],
  from,
  contentType,
  reportType: null,
});

describe('automaticMailReason', () => {
  it('lets a person’s mail through', () => {
    expect(automaticMailReason(headers({}))).toBeNull();
    expect(automaticMailReason(headers({ 'auto-submitted': 'no' }))).toBeNull();
    expect(automaticMailReason(headers({ precedence: 'first-class' }))).toBeNull();
  });
  it.each([
    [{ 'auto-submitted': 'auto-replied' }, 'Auto-Submitted: auto-replied'],
    [{ 'auto-submitted': 'auto-generated' }, 'Auto-Submitted: auto-generated'],
    [{ 'x-autoreply': 'yes' }, 'X-Autoreply'],
    [{ 'x-autorespond': 'x' }, 'X-Autorespond'],
    [{ 'x-auto-response-suppress': 'All' }, 'X-Auto-Response-Suppress'],
    [{ precedence: 'bulk' }, 'Precedence: bulk'],
    [{ precedence: 'Junk' }, 'Precedence: junk'],
    [{ precedence: 'list' }, 'Precedence: list'],
  ])('flags %o', (h, reason) => expect(automaticMailReason(headers(h))).toBe(reason));
  it('flags mail system senders and delivery reports', () => {
    expect(automaticMailReason(headers({}, 'MAILER-DAEMON@mx.example.com'))).toMatch(/sent by/);
    expect(automaticMailReason(headers({}, 'postmaster@example.com'))).toMatch(/sent by/);
    expect(automaticMailReason(headers({}, 'postmaster.fan@example.com'))).toBeNull();
    expect(
      automaticMailReason({ ...headers({}), contentType: 'multipart/report', reportType: 'delivery-status' }),
    ).toBe('delivery status report (bounce)');
  });
});

describe('subjectReference', () => {
  it('reads [#number] and a CERN', () => {
    expect(subjectReference('Re: [#1042] Printer')).toEqual({ number: 1042 });
    expect(subjectReference('About cern-2026-000123 again')).toEqual({ cern: 'CERN-2026-000123' });
    expect(subjectReference('#1042 without brackets')).toEqual({});
    expect(subjectReference('[#99999999999] too big')).toEqual({});
  });
});

describe('trimReply', () => {
  it('cuts Gmail history ("On … wrote:" and > quotes)', () => {
    expect(trimReply('Thanks!\n\nOn Mon, 30 Nov 2026 at 12:02, Support <s@x> wrote:\n> old\n> text\n')).toBe('Thanks!');
  });
  it('cuts an Outlook header block and "-----Original Message-----"', () => {
    expect(trimReply('New text\n\nFrom: Support <s@x>\nSent: Monday\nTo: Anna\nSubject: RE: x\n\nold')).toBe(
      'New text',
    );
    expect(trimReply('New text\n\n-----Original Message-----\nFrom: a\nold')).toBe('New text');
  });
  it('cuts Apple Mail history and a "-- " signature', () => {
    expect(trimReply('Size M.\n\n> On 30 Nov 2026, at 13:10, Support <s@x> wrote:\n> \n> old')).toBe('Size M.');
    expect(trimReply('Hello\n\n-- \nAnna Berg\nACME')).toBe('Hello');
  });
  it('keeps a forward and never trims to nothing', () => {
    const forward = 'See below.\n\n---------- Forwarded message ---------\nFrom: x\n\nThe bill.';
    expect(trimReply(forward)).toContain('The bill.');
    expect(trimReply('> only a quote')).toBe('> only a quote');
    expect(trimReply('')).toBe('');
  });
});

describe('inboundAuthorized', () => {
  const env = { INBOUND_EMAIL_SECRET: 's3cret-value' };
  it('takes the right bearer secret only', () => {
    expect(inboundAuthorized('Bearer s3cret-value', env)).toBe(true);
    expect(inboundAuthorized('bearer s3cret-value', env)).toBe(true);
    expect(inboundAuthorized('Bearer s3cret-valuE', env)).toBe(false);
    expect(inboundAuthorized('Bearer ', env)).toBe(false);
    expect(inboundAuthorized(null, env)).toBe(false);
    expect(inboundAuthorized('s3cret-value', env)).toBe(false);
  });
  it('refuses everyone while no secret is set', () => {
    expect(inboundAuthorized('Bearer ', {})).toBe(false);
    expect(inboundAuthorized('Bearer anything', { INBOUND_EMAIL_SECRET: '  ' })).toBe(false);
  });
});
