import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { customers, tickets, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { logContact } from '@/lib/pipeline/log-contact';
import { makeCustomer, makeStaff, testDb } from '@/lib/testing/fixtures';
import { getCustomerProfile } from './get-profile';
import { mergeCustomers } from './merge-customers';
import { updateCustomer } from './update-customer';

let handle: DbHandle;
let agent: Actor;
const stamp = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 6);

beforeAll(async () => {
  handle = testDb();
  agent = await makeStaff(handle.db, 'agent');
});
afterAll(() => handle.close());

describe('customer profile', () => {
  it('edits contact details, organization, notes and tags, keeping e-mail and phone unique', async () => {
    const portal = await makeCustomer(handle.db, 'Edit Me');
    const other = await makeCustomer(handle.db, 'Someone Else');
    const s = stamp();
    const result = await updateCustomer(handle.db, agent, {
      customerId: portal.customerId,
      version: 1,
      name: 'Edith Me',
      email: portal.email,
      phone: `+44 20 ${s.length}${Date.now().toString().slice(-6)}`,
      organization: `Org ${s}`,
      preferredChannel: 'phone',
      notes: 'Prefers calls after 5pm.',
      tags: 'VIP, vip, beta',
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.data).toMatchObject({
      name: 'Edith Me',
      preferredChannel: 'phone',
      notes: 'Prefers calls after 5pm.',
      tags: ['vip', 'beta'],
    });
    expect(result.data.organizationId).not.toBeNull();
    expect(result.data.version).toBe(2);
    const clash = await updateCustomer(handle.db, agent, {
      customerId: portal.customerId,
      version: 2,
      name: 'Edith Me',
      email: other.email,
    });
    expect(clash).toMatchObject({
      ok: false,
      code: 'conflict',
      fieldErrors: { email: [expect.stringContaining('merge the two records')] },
    });
    expect(
      await updateCustomer(handle.db, portal, {
        customerId: portal.customerId,
        version: 2,
        name: 'Hacker',
        email: portal.email,
      }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('refuses a save over a newer version: two agents, one customer record', async () => {
    const person = await makeCustomer(handle.db, 'Both Agents');
    const first = await updateCustomer(handle.db, agent, {
      customerId: person.customerId,
      version: 1,
      name: 'Both Agents',
      email: person.email,
      notes: 'First agent.',
    });
    expect(first).toMatchObject({ ok: true, data: { version: 2, notes: 'First agent.' } });
    const second = await updateCustomer(handle.db, agent, {
      customerId: person.customerId,
      version: 1,
      name: 'Both Agents',
      email: person.email,
      notes: 'Second agent, stale form.',
    });
    expect(second).toMatchObject({
      ok: false,
      code: 'conflict',
      message: expect.stringContaining('changed by someone else'),
    });
    const profile = await getCustomerProfile(handle.db, agent, person.customerId!);
    expect(profile.customer).toMatchObject({ notes: 'First agent.', version: 2 });
  });

  it('merges a phone-only record into the portal customer: tickets, details and history move', async () => {
    const portal = await makeCustomer(handle.db, 'Merge Keep');
    const phone = `+4477${Date.now().toString().slice(-8)}`;
    const call = await logContact(handle.db, agent, {
      channel: 'phone',
      customerName: 'M. Keep',
      customerPhone: phone,
      subject: 'Called in',
      description: 'Phone contact before sign-up.',
    });
    if (!call.ok) throw new Error(call.message);
    const dupId = call.data.ticket.customerId;
    await handle.db
      .update(customers)
      .set({ notes: 'Calls from work.', tags: ['phone-first'] })
      .where(eq(customers.id, dupId));

    const merged = await mergeCustomers(handle.db, agent, { customerId: portal.customerId, duplicate: phone });
    if (!merged.ok) throw new Error(merged.message);
    expect(merged.data.movedTickets).toBe(1);
    expect(merged.data.customer).toMatchObject({ phone, notes: 'Calls from work.', tags: ['phone-first'] });
    expect(await handle.db.$count(customers, eq(customers.id, dupId))).toBe(0);
    const [moved] = await handle.db.select().from(tickets).where(eq(tickets.id, call.data.ticket.id));
    expect(moved?.customerId).toBe(portal.customerId);
    const profile = await getCustomerProfile(handle.db, agent, portal.customerId!);
    expect(profile.tickets.map((t) => t.number)).toContain(call.data.ticket.number);
    expect(profile.channels).toContain('phone');
    // The portal login still speaks for the kept record, so the customer now sees the phone request too.
    const [login] = await handle.db.select().from(users).where(eq(users.id, portal.userId));
    expect(login?.customerId).toBe(portal.customerId);
  });

  it('refuses to merge a record into itself or two records that both have logins', async () => {
    const a = await makeCustomer(handle.db, 'Login A');
    const b = await makeCustomer(handle.db, 'Login B');
    expect(await mergeCustomers(handle.db, agent, { customerId: a.customerId, duplicate: a.email })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(await mergeCustomers(handle.db, agent, { customerId: a.customerId, duplicate: b.email })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect(
      await mergeCustomers(handle.db, agent, { customerId: a.customerId, duplicate: 'nobody@nowhere.example' }),
    ).toMatchObject({ ok: false, code: 'not_found' });
  });
});
