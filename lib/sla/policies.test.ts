import { describe, expect, it } from 'vitest';
import { choosePolicy, DEFAULT_SLA_CONTEXT, targetsFor, type PolicyRule, type SlaContext } from './policies';

const policy = (id: string, over: Partial<PolicyRule> = {}): PolicyRule => ({
  id,
  name: id,
  priority: 2,
  categoryId: null,
  organizationId: null,
  calendarId: null,
  firstResponseMinutes: 60,
  resolutionMinutes: 600,
  warnAtPercent: null,
  escalateOnBreach: false,
  active: true,
  ...over,
});

const policies = [
  policy('priority'),
  policy('category', { categoryId: 'billing' }),
  policy('org', { organizationId: 'acme' }),
  policy('org+category', { organizationId: 'acme', categoryId: 'billing' }),
  policy('other priority', { priority: 1 }),
  policy('inactive org', { organizationId: 'globex', active: false }),
];

describe('choosePolicy: the most specific active policy wins', () => {
  const pick = (categoryId: string | null, organizationId: string | null, list = policies) =>
    choosePolicy(list, { priority: 2, categoryId, organizationId })?.id ?? null;

  it('organization + category > organization > category > priority only', () => {
    expect(pick('billing', 'acme')).toBe('org+category');
    expect(pick('network', 'acme')).toBe('org');
    expect(pick('billing', 'initech')).toBe('category');
    expect(pick('billing', null)).toBe('category');
    expect(pick(null, null)).toBe('priority');
  });

  it('ignores inactive policies and other priorities', () => {
    expect(pick(null, 'globex')).toBe('priority');
    expect(choosePolicy(policies, { priority: 3, categoryId: null, organizationId: null })).toBeNull();
  });

  it('falls back to the built-in defaults without a policy', () => {
    expect(targetsFor(DEFAULT_SLA_CONTEXT, { priority: 1, categoryId: null, organizationId: null })).toEqual({
      policyId: null,
      firstResponseMinutes: 60,
      resolutionMinutes: 480,
      warnAtPercent: null,
      calendar: null,
    });
  });

  it('gives the policy targets with its calendar', () => {
    const calendar = {
      id: 'cal',
      name: 'Office',
      timeZone: 'Europe/Amsterdam',
      hours: { days: [] },
      holidays: new Set<string>(),
    };
    const ctx: SlaContext = {
      policies: [policy('p', { calendarId: 'cal', warnAtPercent: 80 })],
      calendars: new Map([['cal', calendar]]),
      organizationOf: () => null,
    };
    expect(targetsFor(ctx, { priority: 2, categoryId: null, organizationId: null })).toEqual({
      policyId: 'p',
      firstResponseMinutes: 60,
      resolutionMinutes: 600,
      warnAtPercent: 80,
      calendar,
    });
  });
});
