import { describe, expect, it } from 'vitest';
import { PRESENCE_CHANNEL, TICKET_CHANNEL } from './channels';
import { LiveHub, PRESENCE_TTL_MS, type LiveMessage } from './hub';

/** A fake LISTEN: the test plays the database and sends payloads on channels. */
function fakeListen() {
  const handlers = new Map<string, (payload: string) => void>();
  return {
    listen: async (channel: string, fn: (payload: string) => void) => {
      handlers.set(channel, fn);
      return async () => void handlers.delete(channel);
    },
    send: (channel: string, payload: unknown) =>
      handlers.get(channel)?.(typeof payload === 'string' ? payload : JSON.stringify(payload)),
  };
}

describe('LiveHub', () => {
  it('fans a ticket change out to every subscriber and ignores garbage', async () => {
    const db = fakeListen();
    const hub = new LiveHub();
    await hub.start(db.listen);
    const a: LiveMessage[] = [];
    const b: LiveMessage[] = [];
    hub.subscribe((m) => a.push(m));
    const off = hub.subscribe((m) => b.push(m));
    db.send(TICKET_CHANNEL, { ticketId: 't', number: 1042, type: 'replied', actorUserId: 'u', at: 'now' });
    db.send(TICKET_CHANNEL, 'not json');
    off();
    db.send(TICKET_CHANNEL, { ticketId: 't', number: 1043, type: 'created', actorUserId: null, at: 'now' });
    expect(a.map((m) => (m.kind === 'ticket' ? m.change.number : null))).toEqual([1042, 1043]);
    expect(b).toHaveLength(1);
  });

  it('keeps presence per ticket: typing first, gone on leave or after the TTL', async () => {
    const db = fakeListen();
    let now = 1_000_000;
    const hub = new LiveHub(() => now);
    await hub.start(db.listen);
    db.send(PRESENCE_CHANNEL, { number: 7, userId: 'u1', name: 'Sam', state: 'viewing', at: '' });
    db.send(PRESENCE_CHANNEL, { number: 7, userId: 'u2', name: 'Alex', state: 'typing', at: '' });
    db.send(PRESENCE_CHANNEL, { number: 8, userId: 'u3', name: 'Kim', state: 'viewing', at: '' });
    expect(hub.presenceOf(7)).toEqual([
      { userId: 'u2', name: 'Alex', state: 'typing' },
      { userId: 'u1', name: 'Sam', state: 'viewing' },
    ]);
    db.send(PRESENCE_CHANNEL, { number: 7, userId: 'u2', name: 'Alex', state: 'left', at: '' });
    expect(hub.presenceOf(7).map((p) => p.name)).toEqual(['Sam']);
    now += PRESENCE_TTL_MS + 1;
    expect(hub.presenceOf(7)).toEqual([]);
    expect(hub.presenceOf(8)).toEqual([]);
  });
});
