import { describe, expect, it } from 'vitest';
import { callMayBeRequested, followUpRecordedText, OUTCOMES } from './outcomes';

describe('follow-up outcomes', () => {
  it('offers each queue only its own outcomes', () => {
    expect(OUTCOMES.detractor).toEqual(['recovered', 'called_back', 'not_reachable']);
    expect(OUTCOMES.call).toEqual(['confirmed_fixed', 'reopened', 'no_answer']);
  });

  it('words the timeline line from the event data, and survives odd data', () => {
    expect(followUpRecordedText({ kind: 'detractor', outcome: 'recovered', rootCause: 'Policy' })).toBe(
      'Detractor follow-up: recovered · root cause: Policy',
    );
    expect(followUpRecordedText({ kind: 'call', outcome: 'no_answer', attempt: 2 })).toBe(
      'Follow-up call: no answer (try 2)',
    );
    expect(followUpRecordedText({ kind: 'call', outcome: 'confirmed_fixed' })).toBe('Follow-up call: confirmed fixed');
    expect(followUpRecordedText(null)).toBe('Follow-up call: recorded');
    expect(followUpRecordedText({ outcome: 'toString' })).toBe('Follow-up call: recorded');
  });

  it('lets only a resolved request be marked for a call', () => {
    expect(callMayBeRequested('resolved')).toBe(true);
    for (const s of ['new', 'open', 'pending', 'on_hold', 'closed'] as const) expect(callMayBeRequested(s)).toBe(false);
  });
});
