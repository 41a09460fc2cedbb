import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '@/lib/tickets/get-ticket';
import { eventText } from './event-text';

const event = (type: string, data: Record<string, unknown>): TimelineEvent => ({
  kind: 'event',
  id: '1',
  at: new Date(),
  type,
  actorName: null,
  from: null,
  to: String(data.target ?? ''),
  data,
});

describe('SLA events on the timeline', () => {
  const dueAt = '2026-11-30T10:00:00.000Z';

  it('writes the due time in the viewer’s zone (the event keeps the instant)', () => {
    expect(eventText(event('sla_breached', { target: 'resolution', dueAt }), 'Europe/Amsterdam')).toBe(
      'Resolution target breached (due 30 Nov 2026, 11:00 CET)',
    );
    expect(eventText(event('sla_warning', { target: 'first_response', dueAt }), 'America/New_York')).toBe(
      'First response target at risk (due 30 Nov 2026, 05:00 GMT-5)',
    );
  });

  it('names the target and its due time', () => {
    expect(eventText(event('sla_warning', { target: 'resolution', dueAt }))).toBe(
      'Resolution target at risk (due 30 Nov 2026, 10:00 UTC)',
    );
    expect(eventText(event('sla_breached', { target: 'first_response', dueAt }))).toBe(
      'First response target breached (due 30 Nov 2026, 10:00 UTC)',
    );
  });

  it('says where a breach escalated the request, or why it did not', () => {
    expect(
      eventText(event('sla_breached', { target: 'first_response', dueAt, escalation: 'escalated', team: 'Tier 2' })),
    ).toBe('First response target breached (due 30 Nov 2026, 10:00 UTC); escalated to Tier 2');
    expect(eventText(event('sla_breached', { target: 'resolution', dueAt, escalation: 'no_next_tier' }))).toBe(
      'Resolution target breached (due 30 Nov 2026, 10:00 UTC); not escalated: the team has no next tier',
    );
  });

  it('keeps the reason of an escalation on breach', () => {
    expect(
      eventText(event('escalated', { team: 'Tier 2', reason: 'SLA breached: Resolution target breached (due …)' })),
    ).toBe('Escalated to Tier 2: SLA breached: Resolution target breached (due …)');
  });
});
