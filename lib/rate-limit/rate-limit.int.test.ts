import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import { signIn } from '@/lib/auth/sign-in';
import { signUpCustomer } from '@/lib/auth/sign-up';
import { makeCustomer, testDb } from '@/lib/testing/fixtures';
import { hit, LIMITS, limitSubmission, type Limit } from './rate-limit';

// Two app instances: two pools on one database.
let first: DbHandle;
let second: DbHandle;
beforeAll(() => {
  first = testDb();
  second = testDb();
});
afterAll(async () => {
  await first.close();
  await second.close();
});

const customer = (): Actor => ({
  userId: randomUUID(),
  role: 'customer',
  name: 'Customer',
  email: 'c@test.example',
  customerId: randomUUID(),
});

const ip = () => `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 6)}`;

describe('rate limits across app instances', () => {
  it('counts exactly under concurrency, whichever instance takes the request', async () => {
    const limit: Limit = { name: 'test', max: 25, windowSeconds: 60, message: 'Slow down.' };
    const subject = randomUUID();
    const verdicts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => hit((i % 2 ? first : second).db, limit, subject)),
    );
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(25);
    const refused = verdicts.find((v) => !v.allowed);
    expect(refused?.retryAfter).toBeGreaterThan(0);
    expect(refused?.retryAfter).toBeLessThanOrEqual(60);
  });

  it('locks an account from an address after repeated wrong passwords, even against the right one, on every instance', async () => {
    const email = `locked-${randomUUID().slice(0, 8)}@test.example`;
    const customer = await makeCustomer(first.db, 'Locked Out');
    await first.db
      .update(users)
      .set({ email, passwordHash: await hashPassword('the right one') })
      .where(eq(users.id, customer.userId));
    const client = { ip: null, userAgent: 'test' };

    for (let i = 0; i < LIMITS.signInAccountIp.max; i++) {
      const wrong = await signIn((i % 2 ? first : second).db, { email, password: `wrong ${i}` }, client);
      expect(wrong).toMatchObject({ ok: false, code: 'unauthorized' });
    }
    for (const instance of [first, second]) {
      const right = await signIn(instance.db, { email, password: 'the right one' }, client);
      expect(right).toMatchObject({ ok: false, code: 'rate_limited' });
      if (!right.ok) {
        expect(right.message).toMatch(/Too many failed sign-ins for this account\. Try again in \d+ minutes?\./);
        expect(right.retryAfter).toBeGreaterThan(0);
      }
    }
  });

  it('a success clears the account-and-address count; failures from one address lock that address for every account', async () => {
    const customer = await makeCustomer(first.db, 'Fine');
    await first.db
      .update(users)
      .set({ passwordHash: await hashPassword('pw-right') })
      .where(eq(users.id, customer.userId));
    const client = { ip: ip(), userAgent: 'test' };
    for (let i = 0; i < LIMITS.signInAccountIp.max - 1; i++)
      await signIn(first.db, { email: customer.email, password: 'nope' }, { ...client, ip: null });
    expect(
      await signIn(second.db, { email: customer.email, password: 'pw-right' }, { ...client, ip: null }),
    ).toMatchObject({ ok: true });
    expect(await signIn(second.db, { email: customer.email, password: 'nope' }, { ...client, ip: null })).toMatchObject(
      { code: 'unauthorized' },
    );

    for (let i = 0; i < LIMITS.signInIp.max; i++) {
      await signIn(
        (i % 2 ? first : second).db,
        { email: `nobody-${i}-${randomUUID().slice(0, 4)}@test.example`, password: 'x' },
        client,
      );
    }
    const fromThatAddress = await signIn(first.db, { email: customer.email, password: 'pw-right' }, client);
    expect(fromThatAddress).toMatchObject({ ok: false, code: 'rate_limited' });
    if (!fromThatAddress.ok) expect(fromThatAddress.message).toMatch(/from your network/);
  });

  it('limits sign-ups per address across instances', async () => {
    const address = ip();
    const results = [];
    for (let i = 0; i <= LIMITS.signUpIp.max; i++) {
      const email = `signup-${randomUUID().slice(0, 8)}@test.example`;
      results.push(
        await signUpCustomer(
          (i % 2 ? first : second).db,
          { name: 'New Person', email, password: 'long enough' },
          { ip: address },
        ),
      );
    }
    expect(results.slice(0, LIMITS.signUpIp.max).every((r) => r.ok)).toBe(true);
    expect(results.at(-1)).toMatchObject({ ok: false, code: 'rate_limited' });
    // Another address is not affected.
    expect(
      await signUpCustomer(
        first.db,
        { name: 'Other', email: `signup-${randomUUID().slice(0, 8)}@test.example`, password: 'long enough' },
        { ip: ip() },
      ),
    ).toMatchObject({ ok: true });
  });

  it('limits customer submissions per account and per address across instances', async () => {
    const account = customer();
    for (let i = 0; i < LIMITS.submitAccount.max; i++)
      expect((await limitSubmission((i % 2 ? first : second).db, account, null)).ok).toBe(true);
    expect(await limitSubmission(first.db, account, null)).toMatchObject({ ok: false, code: 'rate_limited' });

    const address = ip();
    for (let i = 0; i < LIMITS.submitIp.max; i++)
      await limitSubmission((i % 2 ? first : second).db, customer(), address);
    const refused = await limitSubmission(second.db, customer(), address);
    expect(refused).toMatchObject({ ok: false, code: 'rate_limited' });
    if (!refused.ok) expect(refused.retryAfter).toBeGreaterThan(0);
  });
});

describe('submission limits and staff', () => {
  it('never limit signed-in staff, neither per account nor on an address customers have used up', async () => {
    const agent: Actor = {
      userId: randomUUID(),
      role: 'agent',
      name: 'Phone Agent',
      email: 'a@test.example',
      customerId: null,
    };
    const address = ip();
    for (let i = 0; i < LIMITS.submitIp.max + 1; i++) await limitSubmission(first.db, customer(), address);
    expect(await limitSubmission(first.db, customer(), address)).toMatchObject({ ok: false, code: 'rate_limited' });
    for (let i = 0; i < LIMITS.submitAccount.max + 5; i++)
      expect(await limitSubmission((i % 2 ? first : second).db, agent, address)).toMatchObject({ ok: true });
    for (const role of ['lead', 'admin'] as const)
      expect(await limitSubmission(first.db, { ...agent, role }, address)).toMatchObject({ ok: true });
  });
});

describe('rate limits on embedded PGlite', () => {
  it('counts and refuses with the same upsert', async () => {
    const { openDb } = await import('@/db/client');
    const { runMigrations } = await import('@/db/migrate');
    const handle = openDb({ dataDir: 'memory://' });
    try {
      await runMigrations(handle);
      const limit: Limit = { name: 'pglite', max: 2, windowSeconds: 30, message: 'Slow down.' };
      const verdicts = [
        await hit(handle.db, limit, 'x'),
        await hit(handle.db, limit, 'x'),
        await hit(handle.db, limit, 'x'),
      ];
      expect(verdicts.map((v) => v.allowed)).toEqual([true, true, false]);
      expect(verdicts[2]?.retryAfter).toBeGreaterThan(0);
    } finally {
      await handle.close();
    }
  }, 60_000);
});
