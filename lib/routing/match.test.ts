import { describe, expect, it } from 'vitest';
import { containsWord, domainMatches, matchRules, type MatchRule, type MatchTicket } from './match';

const ticket: MatchTicket = {
  channel: 'web',
  categoryId: null,
  priority: 3,
  teamId: null,
  assigneeId: null,
  subject: 'Invoice question',
  description: 'I was charged twice for my subscription.',
};
const customer = { email: 'ann@mail.acme.com', organizationId: 'org-acme' };
let n = 0;
const rule = (over: Partial<MatchRule>): MatchRule => ({
  id: `r${++n}`,
  name: `Rule ${n}`,
  runOn: 'created',
  conditions: {},
  actions: {},
  stopProcessing: false,
  ...over,
});
const run = (rules: MatchRule[], t: Partial<MatchTicket> = {}, opts: { tags?: string[]; extraText?: string } = {}) =>
  matchRules({ ...ticket, ...t }, customer, rules, { trigger: 'created', ...opts });

describe('containsWord', () => {
  it('matches whole words only, any case, next to punctuation', () => {
    expect(containsWord('Please REFUND me!', ['refund'])).toBe(true);
    expect(containsWord('(refund)', ['refund'])).toBe(true);
    expect(containsWord('refund.', ['refund'])).toBe(true);
    expect(containsWord('I was refunded', ['refund'])).toBe(false);
    expect(containsWord('prerefund', ['refund'])).toBe(false);
    expect(containsWord('refund_policy', ['refund'])).toBe(false);
  });
  it('is Unicode-aware: letters beyond ASCII, composed and decomposed forms, other scripts', () => {
    expect(containsWord('Rechnung für März', ['MÄRZ'])).toBe(true);
    expect(containsWord('un café noir', ['cafe\u0301'])).toBe(true); // decomposed é
    expect(containsWord('cafés', ['café'])).toBe(false); // é is a letter: no word boundary inside
    expect(containsWord('Straße gesperrt', ['straße'])).toBe(true);
    expect(containsWord('Проблема с оплатой', ['оплатой'])).toBe(true);
    expect(containsWord('Проблема с оплатой', ['оплат'])).toBe(false);
    expect(containsWord('naïve', ['na'])).toBe(false);
  });
  it('matches phrases across any whitespace, and treats regex characters literally', () => {
    expect(containsWord('my credit\n card was declined', ['credit card'])).toBe(true);
    expect(containsWord('costs $5 (approx)', ['$5'])).toBe(true);
    expect(containsWord('a.b', ['a*b'])).toBe(false);
    expect(containsWord('anything', ['  '])).toBe(false);
  });
  it('any word of the list is enough', () => {
    expect(containsWord('broken login', ['invoice', 'login'])).toBe(true);
  });
});

describe('domainMatches', () => {
  it('matches the domain and its subdomains, not look-alikes', () => {
    expect(domainMatches('ann@acme.com', ['acme.com'])).toBe(true);
    expect(domainMatches('ann@mail.ACME.com', ['acme.com'])).toBe(true);
    expect(domainMatches('ann@notacme.com', ['acme.com'])).toBe(false);
    expect(domainMatches(null, ['acme.com'])).toBe(false);
    expect(domainMatches('ann@acme.com', ['@acme.com'])).toBe(true);
  });
});

describe('matchRules', () => {
  it('each condition: channel, category, priority, organization, domain, words', () => {
    const set = { actions: { tags: ['hit'] } };
    const hits = (conditions: MatchRule['conditions'], t: Partial<MatchTicket> = {}) =>
      run([rule({ ...set, conditions })], t).tags.length === 1;
    expect(hits({ channels: ['web', 'phone'] })).toBe(true);
    expect(hits({ channels: ['phone'] })).toBe(false);
    expect(hits({ categoryIds: ['c1'] }, { categoryId: 'c1' })).toBe(true);
    expect(hits({ categoryIds: ['c1'] })).toBe(false);
    expect(hits({ priorities: [3] })).toBe(true);
    expect(hits({ priorities: [1, 2] })).toBe(false);
    expect(hits({ organizationIds: ['org-acme'] })).toBe(true);
    expect(hits({ organizationIds: ['org-other'] })).toBe(false);
    expect(hits({ emailDomains: ['acme.com'] })).toBe(true);
    expect(hits({ emailDomains: ['other.org'] })).toBe(false);
    expect(hits({ words: ['invoice'] })).toBe(true);
    expect(hits({ words: ['subscription'] })).toBe(true); // the body counts
    expect(hits({ words: ['refund'] })).toBe(false);
    expect(hits({})).toBe(true); // no condition: every request
    expect(hits({ channels: ['web'], words: ['refund'] })).toBe(false); // all must hold
  });

  it('words in the text that triggered an update count', () => {
    const r = rule({ conditions: { words: ['cancel'] }, actions: { tags: ['churn'] }, runOn: 'both' });
    expect(run([r]).tags).toEqual([]);
    expect(run([r], {}, { extraText: 'I want to CANCEL.' }).tags).toEqual(['churn']);
  });

  it('applies actions, leaving out what is already so', () => {
    const out = run(
      [rule({ actions: { teamId: 't1', categoryId: 'c1', priority: 3, assigneeId: 'u1', tags: ['vip', 'old'] } })],
      {},
      { tags: ['old'] },
    );
    expect(out.patch).toEqual({ teamId: 't1', categoryId: 'c1', assigneeId: 'u1' });
    expect(out.tags).toEqual(['vip']);
    expect(out.changes.map((c) => [c.kind, c.from, c.to])).toEqual([
      ['category', null, 'c1'],
      ['team', null, 't1'],
      ['assign', null, 'u1'],
      ['tag', null, 'vip'],
    ]);
  });

  it('evaluates in order: later rules see earlier changes and win', () => {
    const first = rule({ conditions: { words: ['invoice'] }, actions: { categoryId: 'billing', priority: 2 } });
    const second = rule({ conditions: { categoryIds: ['billing'] }, actions: { teamId: 'finance', priority: 1 } });
    const out = run([first, second]);
    expect(out.patch).toEqual({ categoryId: 'billing', teamId: 'finance', priority: 1 });
    expect(out.changes.filter((c) => c.kind === 'priority').map((c) => [c.rule.name, c.from, c.to])).toEqual([
      [first.name, '3', '2'],
      [second.name, '2', '1'],
    ]);
  });

  it('a rule with stop ends the pass when it matches, not when it does not', () => {
    const stopper = rule({ conditions: { channels: ['web'] }, actions: { tags: ['a'] }, stopProcessing: true });
    const after = rule({ actions: { tags: ['b'] } });
    expect(run([stopper, after]).tags).toEqual(['a']);
    expect(run([stopper, after], { channel: 'phone' }).tags).toEqual(['b']);
    const out = run([stopper, after]);
    expect(out.evaluations.map((e) => [e.matched, e.stops])).toEqual([[true, true]]);
  });

  it('only rules for the trigger run', () => {
    const onUpdate = rule({ runOn: 'updated', actions: { tags: ['u'] } });
    const both = rule({ runOn: 'both', actions: { tags: ['b'] } });
    expect(run([onUpdate, both]).tags).toEqual(['b']);
    expect(matchRules(ticket, customer, [onUpdate, both], { trigger: 'updated' }).tags).toEqual(['u', 'b']);
  });

  it('a field set and set back by a later rule is no change to write', () => {
    const out = run([rule({ actions: { priority: 1 } }), rule({ actions: { priority: 3 } })]);
    expect(out.patch).toEqual({});
  });

  it('marks an exception candidate with its tag, once', () => {
    const r = rule({ actions: { exceptionCandidate: true } });
    expect(run([r]).changes.map((c) => c.kind)).toEqual(['exception_candidate']);
    expect(run([r], {}, { tags: ['exception-candidate'] }).changes).toEqual([]);
  });
});
