import { describe, expect, it } from 'vitest';
import { excerpt, planNotifications, type EventFact, type NotifyFacts } from './recipients';

const T1 = 't1';
const facts = (over: Partial<NotifyFacts> = {}): NotifyFacts => ({
  actorUserId: 'lead',
  tickets: new Map([
    [T1, { number: 7, subject: 'Printer', assigneeId: 'ada', cern: null }],
    ['t2', { number: 8, subject: 'Exception', assigneeId: 'ada', cern: 'CERN-2026-000001' }],
  ]),
  staff: new Map([
    ['lead', { name: 'Lee Lead' }],
    ['ada', { name: 'Ada' }],
    ['grace', { name: 'Grace' }],
  ]),
  notes: new Map(),
  ...over,
});
const event = (type: EventFact['type'], over: Partial<EventFact> = {}): EventFact => ({
  ticketId: T1,
  type,
  from: null,
  to: null,
  data: null,
  ...over,
});

describe('planNotifications', () => {
  it('tells a person assigned by someone else, not a team change, not an unassignment', () => {
    expect(planNotifications([event('assigned', { to: 'grace' })], facts())).toEqual([
      { userId: 'grace', ticketId: T1, kind: 'assigned', summary: 'Assigned to you by Lee Lead' },
    ]);
    expect(planNotifications([event('assigned', { to: 'team-1', data: { field: 'team' } })], facts())).toEqual([]);
    expect(planNotifications([event('assigned', { from: 'ada', to: null })], facts())).toEqual([]);
  });

  it('never tells the actor, nor anyone who is not active staff', () => {
    expect(planNotifications([event('assigned', { to: 'ada' })], facts({ actorUserId: 'ada' }))).toEqual([]);
    expect(planNotifications([event('assigned', { to: 'gone' })], facts())).toEqual([]);
  });

  it("tells the assignee about a customer's reply, not an agent's", () => {
    expect(planNotifications([event('replied', { data: { by: 'customer' } })], facts({ actorUserId: 'cust' }))).toEqual(
      [{ userId: 'ada', ticketId: T1, kind: 'customer_replied', summary: 'The customer replied' }],
    );
    expect(planNotifications([event('replied', { to: 'public' })], facts())).toEqual([]);
  });

  it("tells a CERN's owner of its raising and status changes; a status change without a CERN tells nobody", () => {
    expect(planNotifications([event('status_changed', { to: 'pending' })], facts())).toEqual([]);
    expect(
      planNotifications(
        [
          event('exception_raised', { ticketId: 't2', to: 'CERN-2026-000001' }),
          event('status_changed', { ticketId: 't2', to: 'on_hold' }),
        ],
        facts(),
      ),
    ).toEqual([
      { userId: 'ada', ticketId: 't2', kind: 'cern_changed', summary: 'Exception CERN-2026-000001 raised by Lee Lead' },
    ]);
    expect(
      planNotifications([event('status_changed', { ticketId: 't2', to: 'on_hold' })], facts({ actorUserId: null })),
    ).toEqual([{ userId: 'ada', ticketId: 't2', kind: 'cern_changed', summary: 'CERN-2026-000001 is now on hold' }]);
  });

  it('tells whoever an internal note mentions, once per request, the strongest reason winning', () => {
    const notes = new Map([['m1', { mentioned: ['grace', 'ada', 'lead'], excerpt: '@Grace @Ada look' }]]);
    const planned = planNotifications(
      [event('noted', { data: { messageId: 'm1' } }), event('assigned', { to: 'grace' })],
      facts({ notes }),
    );
    expect(planned).toEqual([
      { userId: 'grace', ticketId: T1, kind: 'assigned', summary: 'Assigned to you by Lee Lead' },
      { userId: 'ada', ticketId: T1, kind: 'mentioned', summary: 'Lee Lead mentioned you: “@Grace @Ada look”' },
    ]);
  });
});

describe('excerpt', () => {
  it('keeps one line and cuts long notes with an ellipsis', () => {
    expect(excerpt('  two\n lines  ')).toBe('two lines');
    expect(excerpt('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
