import { describe, expect, it } from 'vitest';
import { planTracking, type TrackedEvent } from './track';

const e = (type: string, over: Partial<TrackedEvent> = {}): TrackedEvent => ({
  ticketId: 't',
  type,
  from: null,
  to: null,
  data: null,
  ...over,
});

describe('planTracking', () => {
  it('a status change by staff queues a progress mail', () => {
    expect(planTracking([e('status_changed', { from: 'open', to: 'on_hold' })], true)).toEqual({ kind: 'queue' });
  });

  it('a public staff reply tells the customer (with or without an address); a note does not', () => {
    expect(planTracking([e('replied', { to: 'public' }), e('status_changed', { to: 'pending' })], false)).toEqual({
      kind: 'told',
      via: 'reply',
    });
    expect(planTracking([e('noted', { to: 'internal' })], true)).toEqual({ kind: 'nothing' });
  });

  it('the exception, resolution and closure mails tell a customer with an address', () => {
    expect(planTracking([e('exception_raised')], true)).toEqual({ kind: 'told', via: 'exception_raised' });
    expect(planTracking([e('resolved'), e('status_changed', { to: 'resolved' })], true)).toEqual({
      kind: 'told',
      via: 'resolution',
    });
    expect(planTracking([e('status_changed', { to: 'closed' })], true)).toEqual({ kind: 'told', via: 'closure' });
    expect(planTracking([e('status_changed', { to: 'closed' })], false)).toEqual({ kind: 'nothing' });
  });

  it('what the customer did themselves needs no mail', () => {
    expect(
      planTracking(
        [e('replied', { to: 'public', data: { by: 'customer' } }), e('status_changed', { to: 'open' })],
        true,
      ),
    ).toEqual({ kind: 'customer_acted' });
    expect(planTracking([e('confirmed'), e('status_changed', { to: 'closed' })], true)).toEqual({
      kind: 'customer_acted',
    });
    expect(planTracking([e('reopened'), e('status_changed', { to: 'open' })], true)).toEqual({
      kind: 'customer_acted',
    });
    // "No longer needed" closes without a closure mail: not recorded as a closure mail that never went.
    expect(planTracking([e('cancelled'), e('status_changed', { to: 'closed' })], true)).toEqual({
      kind: 'customer_acted',
    });
  });
});
