import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { makeCustomer, makeStaff, testDb } from '@/lib/testing/fixtures';
import { announcePresence } from './announce-presence';
import { postgresListen } from './app-hub';
import { notifyTicketChanges } from './channels';
import { LiveHub, type LiveMessage } from './hub';

/** Two hubs on two LISTEN connections stand for two app instances on one database. */
describe('live updates across app instances (PostgreSQL LISTEN/NOTIFY)', () => {
  let handle: DbHandle;
  const instances: { hub: LiveHub; close: () => Promise<void>; seen: LiveMessage[] }[] = [];
  let customer: Actor;
  let agent: Actor;

  beforeAll(async () => {
    handle = testDb();
    customer = await makeCustomer(handle.db);
    agent = await makeStaff(handle.db, 'agent');
    for (let i = 0; i < 2; i++) {
      const connection = postgresListen(process.env.DATABASE_URL!);
      const hub = new LiveHub();
      await hub.start(connection.listen);
      const seen: LiveMessage[] = [];
      hub.subscribe((m) => seen.push(m));
      instances.push({ hub, close: connection.close, seen });
    }
  });
  afterAll(async () => {
    for (const i of instances) {
      await i.hub.stop();
      await i.close();
    }
    await handle.close();
  });

  const waitFor = async (check: () => boolean, ms = 1000) => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('tells every instance about a new ticket within a second', async () => {
    const created = await submitRequest(handle.db, customer, {
      subject: 'Live one',
      description: 'Should reach both instances.',
    });
    if (!created.ok) throw new Error(created.message);
    const heard = (i: (typeof instances)[number]) =>
      i.seen.some((m) => m.kind === 'ticket' && m.change.number === created.data.number);
    await waitFor(() => instances.every(heard));
  });

  it('says nothing about a change that rolled back', async () => {
    await handle.db
      .transaction(async (tx) => {
        await notifyTicketChanges(tx as never, [
          { ticketId: 'x', number: 987_654_321, type: 'replied', actorUserId: null, at: '' },
        ]);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const marker = await submitRequest(handle.db, customer, {
      subject: 'After rollback',
      description: 'A later change arrives; the rolled-back one never does.',
    });
    if (!marker.ok) throw new Error(marker.message);
    await waitFor(() =>
      instances.every((i) => i.seen.some((m) => m.kind === 'ticket' && m.change.number === marker.data.number)),
    );
    expect(instances.some((i) => i.seen.some((m) => m.kind === 'ticket' && m.change.number === 987_654_321))).toBe(
      false,
    );
  });

  it('shares presence: an agent on instance A is seen by instance B', async () => {
    expect(await announcePresence(handle.db, agent, { number: 4242, state: 'typing' })).toEqual({
      ok: true,
      data: null,
    });
    await waitFor(() => instances[1]!.hub.presenceOf(4242).length === 1);
    expect(instances[1]!.hub.presenceOf(4242)[0]).toMatchObject({ name: agent.name, state: 'typing' });
    await announcePresence(handle.db, agent, { number: 4242, state: 'left' });
    await waitFor(() => instances.every((i) => i.hub.presenceOf(4242).length === 0));
    await expect(announcePresence(handle.db, customer, { number: 4242, state: 'viewing' })).resolves.toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });
});
