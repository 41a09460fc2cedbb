import { describe, expect, it } from 'vitest';
import {
  expectation,
  expectationSentence,
  expectationWords,
  mailTime,
  progressPosition,
  PROGRESS_STEPS,
  type SlaFacts,
} from './outlook';

const now = new Date('2026-11-30T09:00:00Z');
const later = new Date('2026-12-01T14:00:00Z');
const earlier = new Date('2026-11-30T08:00:00Z');
const facts = (over: Partial<SlaFacts>): SlaFacts => ({
  status: 'open',
  firstResponseAt: null,
  firstResponseDueAt: later,
  resolutionDueAt: new Date('2026-12-03T09:00:00Z'),
  ...over,
});

describe('progressPosition', () => {
  it('maps each stage to its step', () => {
    expect(progressPosition({ stage: 'inquiry', status: 'new' }).current).toBe(0);
    expect(progressPosition({ stage: 'identification', status: 'open' }).current).toBe(1);
    expect(progressPosition({ stage: 'resolution', status: 'open' }).current).toBe(2);
    expect(progressPosition({ stage: 'follow_up', status: 'resolved' }).current).toBe(3);
    expect(PROGRESS_STEPS[3]!.label).toBe('Waiting for your confirmation');
  });

  it('a closed request has done every step', () => {
    const p = progressPosition({ stage: 'follow_up', status: 'closed' });
    expect(p).toMatchObject({ current: PROGRESS_STEPS.length, done: true });
    expect(p.next).toMatch(/closed/);
  });

  it('says who acts next while waiting', () => {
    const pending = progressPosition({ stage: 'resolution', status: 'pending' });
    expect(pending.current).toBe(2);
    expect(pending.next).toMatch(/waiting for your reply/);
    const onHold = progressPosition({ stage: 'identification', status: 'on_hold' });
    expect(onHold.current).toBe(1);
    expect(onHold.next).toMatch(/waiting on someone else/);
    expect(progressPosition({ stage: 'resolution', status: 'open' }).next).toMatch(/working on a fix/);
    expect(progressPosition({ stage: 'follow_up', status: 'resolved' }).next).toMatch(/confirm/);
  });
});

describe('expectation', () => {
  it('promises the first answer by its SLA target until there is one', () => {
    expect(expectation(facts({}), now)).toEqual({ kind: 'first_answer', at: later });
    expect(expectation(facts({ status: 'new' }), now)).toEqual({ kind: 'first_answer', at: later });
  });

  it('once answered, names the resolution target', () => {
    expect(expectation(facts({ firstResponseAt: earlier }), now)).toEqual({
      kind: 'resolution',
      at: new Date('2026-12-03T09:00:00Z'),
    });
  });

  it('never names a time that has passed', () => {
    expect(expectation(facts({ firstResponseDueAt: earlier }), now)).toEqual({ kind: 'first_answer_late' });
    expect(expectation(facts({ firstResponseAt: earlier, resolutionDueAt: earlier }), now)).toEqual({
      kind: 'resolution_late',
    });
  });

  it('promises nothing while pending, on hold, resolved or closed, or without a target', () => {
    for (const status of ['pending', 'on_hold', 'resolved', 'closed'] as const)
      expect(expectation(facts({ status }), now)).toEqual({ kind: 'none' });
    expect(expectation(facts({ firstResponseDueAt: null }), now)).toEqual({ kind: 'none' });
  });

  it('reads as one sentence, cut around the time for the page', () => {
    expect(expectationWords({ kind: 'first_answer', at: later })).toEqual({
      before: 'You can expect a first answer by ',
      at: later,
      after: '.',
    });
    expect(expectationSentence({ kind: 'first_answer', at: later })).toBe(
      'You can expect a first answer by Tue, 1 Dec 2026, 14:00 UTC.',
    );
    expect(expectationSentence({ kind: 'resolution', at: later })).toBe(
      'We aim to have it fixed by Tue, 1 Dec 2026, 14:00 UTC.',
    );
    expect(expectationSentence({ kind: 'first_answer_late' })).toMatch(/^Our first answer is taking longer/);
    expect(expectationSentence({ kind: 'none' })).toBeNull();
    expect(mailTime(later)).toBe('Tue, 1 Dec 2026, 14:00 UTC');
  });
});
