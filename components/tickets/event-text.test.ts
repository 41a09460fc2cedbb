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
