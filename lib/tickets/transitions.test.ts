import { describe, expect, it } from 'vitest';
import {
  ALL_STATUSES,
  allowedActions,
  can,
  isReadOnly,
  PIPELINE_ACTIONS,
  transition,
  type PipelineAction,
  type TicketState,
} from './transitions';

const s = (stage: TicketState['stage'], status: TicketState['status']): TicketState => ({ stage, status });

describe('pipeline state machine', () => {
  it('walks the happy path inquiry → identification → resolution → follow-up → closed', () => {
    let state = s('inquiry', 'new');
    const steps: [PipelineAction, TicketState][] = [
      ['open', s('identification', 'open')],
      ['identify', s('resolution', 'open')],
      ['wait_on_customer', s('resolution', 'pending')],
      ['customer_reply', s('resolution', 'open')],
      ['hold', s('resolution', 'on_hold')],
      ['resume', s('resolution', 'open')],
      ['resolve', s('follow_up', 'resolved')],
      ['confirm', s('follow_up', 'closed')],
    ];
    for (const [action, expected] of steps) {
      const result = transition(state, action);
      expect(result, action).toEqual({ ok: true, next: expected });
      if (result.ok) state = result.next;
    }
  });

  it('identifies straight from inquiry and opens a new ticket', () => {
    expect(transition(s('inquiry', 'new'), 'identify')).toEqual({ ok: true, next: s('resolution', 'open') });
  });

  it('reopens a resolved ticket into resolution, by the customer or by a reply', () => {
    expect(transition(s('follow_up', 'resolved'), 'reopen')).toEqual({ ok: true, next: s('resolution', 'open') });
    expect(transition(s('follow_up', 'resolved'), 'customer_reply')).toEqual({
      ok: true,
      next: s('resolution', 'open'),
    });
  });

  it('refuses to resolve a ticket that was never identified, naming both states', () => {
    const result = transition(s('inquiry', 'new'), 'resolve');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain('new (inquiry)');
      expect(result.message).toContain('resolved (follow-up)');
      expect(result.message).toContain('Identify the request first');
    }
  });

  it('keeps closed tickets read-only', () => {
    const actions = PIPELINE_ACTIONS;
    for (const action of actions) {
      const result = transition(s('follow_up', 'closed'), action);
      expect(result.ok, action).toBe(false);
      if (!result.ok) expect(result.message).toContain('read-only');
    }
  });

  it('lets an agent close a resolved request, and nothing still being worked on', () => {
    expect(transition(s('follow_up', 'resolved'), 'close')).toEqual({ ok: true, next: s('follow_up', 'closed') });
    for (const status of ['new', 'open', 'pending', 'on_hold'] as const) {
      const result = transition(s('resolution', status), 'close');
      expect(result.ok, status).toBe(false);
      if (!result.ok) expect(result.message).toContain('Only resolved requests can be closed');
    }
  });

  it('refuses to confirm or reopen what is not resolved', () => {
    expect(transition(s('resolution', 'open'), 'confirm').ok).toBe(false);
    expect(transition(s('resolution', 'pending'), 'reopen').ok).toBe(false);
    expect(transition(s('resolution', 'open'), 'auto_close').ok).toBe(false);
  });

  it('does not put a resolved ticket on hold or pending', () => {
    expect(transition(s('follow_up', 'resolved'), 'wait_on_customer').ok).toBe(false);
    expect(transition(s('follow_up', 'resolved'), 'hold').ok).toBe(false);
    expect(transition(s('resolution', 'open'), 'resume').ok).toBe(false);
  });

  it('a customer reply on a pending ticket hands it back to the agent', () => {
    expect(transition(s('identification', 'pending'), 'customer_reply')).toEqual({
      ok: true,
      next: s('identification', 'open'),
    });
    expect(transition(s('inquiry', 'new'), 'customer_reply')).toEqual({ ok: true, next: s('inquiry', 'new') });
  });
});

describe('what is allowed now', () => {
  it('lists only the actions the rules accept', () => {
    expect(allowedActions({ stage: 'inquiry', status: 'new' })).toEqual(
      expect.arrayContaining(['open', 'identify', 'agent_reply', 'note', 'escalate', 'wait_on_customer', 'hold']),
    );
    expect(allowedActions({ stage: 'inquiry', status: 'new' })).not.toContain('resolve');
    expect(allowedActions({ stage: 'follow_up', status: 'resolved' }).sort()).toEqual([
      'agent_reply',
      'auto_close',
      'close',
      'confirm',
      'customer_reply',
      'note',
      'reopen',
    ]);
    expect(allowedActions({ stage: 'follow_up', status: 'closed' })).toEqual([]);
  });
  it('closed is read-only and nothing else is', () => {
    for (const status of ALL_STATUSES) expect(isReadOnly({ status })).toBe(status === 'closed');
    expect(can({ stage: 'resolution', status: 'open' }, 'resolve')).toBe(true);
    expect(can({ stage: 'identification', status: 'open' }, 'resolve')).toBe(false);
  });
});
