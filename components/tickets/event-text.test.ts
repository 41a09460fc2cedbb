import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '@/lib/tickets/event-types';
import type { TimelineEvent } from '@/lib/tickets/get-ticket';
import { eventText } from './event-text';

const event = (type: string, from: string | null = null, to: string | null = null): TimelineEvent => ({
  kind: 'event',
  id: '1',
  at: new Date(),
  type,
  actorName: null,
  from,
  to,
  data: null,
});

describe('timeline event words', () => {
  it('words every event type the store can append, never the raw type', () => {
    for (const type of EVENT_TYPES) {
      const text = eventText(event(type, '1', '2'));
      expect(text, type).not.toBe(type);
      expect(text, type).not.toMatch(/_/);
    }
  });

  it('says which request was merged into which', () => {
    expect(eventText(event('merged', '41', '40'))).toBe('Request #41 merged into #40');
  });
});

describe('events of routing rules', () => {
  const ruled = (type: string, to: string | null, data: Record<string, unknown>): TimelineEvent => ({
    ...event(type, null, to),
    data: { rule: 'VIP customers', ruleId: 'r1', ...data },
  });
  it('name the rule and what it did', () => {
    expect(eventText(ruled('rule_applied', '1', { action: 'priority' }))).toBe("Rule 'VIP customers' set priority P1");
    expect(eventText(ruled('rule_applied', 'c', { action: 'category', category: 'Billing' }))).toBe(
      "Rule 'VIP customers' set category Billing",
    );
    expect(eventText(ruled('assigned', 't', { field: 'team', team: 'Billing' }))).toBe(
      "Rule 'VIP customers' set team Billing",
    );
    expect(eventText(ruled('assigned', 'u', { assignee: 'Alex Agent' }))).toBe(
      "Rule 'VIP customers' assigned Alex Agent",
    );
    expect(eventText(ruled('tagged', 'vip, key', {}))).toBe("Rule 'VIP customers' added tags vip, key");
    expect(eventText(ruled('rule_applied', 'exception-candidate', { action: 'exception_candidate' }))).toBe(
      "Rule 'VIP customers' marked this request as an exception candidate",
    );
  });
});
