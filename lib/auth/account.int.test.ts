import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { customers, users } from '@/db/schema';
import { makeCustomer, makeStaff, must, testDb } from '@/lib/testing/fixtures';
import { getProfile, MAX_SIGNATURE, updateProfile } from './account';

let handle: DbHandle;
beforeAll(() => {
  handle = testDb();
});
afterAll(() => handle.close());

describe('own profile', () => {
  it('staff change their name and a multi-line signature', async () => {
    const agent = await makeStaff(handle.db, 'agent');
    const saved = must(
      await updateProfile(handle.db, agent, {
        name: '  Alex Agent ',
        signature: 'Alex Agent  \r\nTechnical support\r\n\r\n+44 20 7946 0000\n\n',
      }),
    );
    expect(saved).toEqual({ name: 'Alex Agent', signature: 'Alex Agent\nTechnical support\n\n+44 20 7946 0000' });
    expect(await getProfile(handle.db, agent)).toEqual(saved);
    // Leaving the signature out keeps it; an empty one clears it.
    must(await updateProfile(handle.db, agent, { name: 'Alex A.' }));
    expect((await getProfile(handle.db, agent)).signature).toBe(saved.signature);
    must(await updateProfile(handle.db, agent, { name: 'Alex A.', signature: '' }));
    expect(await getProfile(handle.db, agent)).toEqual({ name: 'Alex A.', signature: '' });
  });

  it('refuses an empty or long name, a NUL byte and a signature over the limit, changing nothing', async () => {
    const lead = await makeStaff(handle.db, 'lead');
    must(await updateProfile(handle.db, lead, { name: 'Lee Lead', signature: 'Lee' }));
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ name: 'Lee\u0000' }, 'name'],
      [{ name: 'Lee', signature: 'Lee\u0000Lead' }, 'signature'],
      [{ name: 'Lee', signature: 'x'.repeat(MAX_SIGNATURE + 1) }, 'signature'],
      [{ name: 'Lee', signature: 42 }, 'signature'],
    ];
    for (const [input, field] of cases) {
      const result = await updateProfile(handle.db, lead, input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(Object.keys(result.fieldErrors ?? {})).toEqual([field]);
    }
    expect(await getProfile(handle.db, lead)).toEqual({ name: 'Lee Lead', signature: 'Lee' });
    must(await updateProfile(handle.db, lead, { name: 'Lee Lead', signature: 'x'.repeat(MAX_SIGNATURE) }));
  });

  it('customers change their name (on their customer record too) and have no signature', async () => {
    const customer = await makeCustomer(handle.db, 'Casey Old');
    const [before] = await handle.db.select().from(customers).where(eq(customers.id, customer.customerId!));
    const saved = must(await updateProfile(handle.db, customer, { name: 'Casey New', signature: 'ignored' }));
    expect(saved).toEqual({ name: 'Casey New', signature: null });
    const [after] = await handle.db.select().from(customers).where(eq(customers.id, customer.customerId!));
    expect(after).toMatchObject({ name: 'Casey New', version: before!.version + 1 });
    const [login] = await handle.db.select().from(users).where(eq(users.id, customer.userId));
    expect(login).toMatchObject({ name: 'Casey New', signature: '' });
  });

  it('a deactivated user cannot change anything', async () => {
    const agent = await makeStaff(handle.db, 'agent');
    await handle.db.update(users).set({ active: false }).where(eq(users.id, agent.userId));
    expect(await updateProfile(handle.db, agent, { name: 'Ghost' })).toMatchObject({ ok: false, code: 'unauthorized' });
  });
});
