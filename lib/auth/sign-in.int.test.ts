import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { users } from '@/db/schema';
import { LIMITS } from '@/lib/rate-limit/rate-limit';
import { makeCustomer, testDb } from '@/lib/testing/fixtures';
import { changePassword } from './account';
import type { Actor } from './actor';
import { hashPassword, verifyPassword } from './password';
import { signIn } from './sign-in';

// The real password check, watched: how many guesses actually reached it.
vi.mock('./password', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./password')>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});
const checked = vi.mocked(verifyPassword);

let handle: DbHandle;
beforeAll(() => {
  handle = testDb();
});
afterAll(() => handle.close());
beforeEach(() => {
  checked.mockClear();
});

const address = () => `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 6)}`;

async function userWithPassword(password: string): Promise<Actor> {
  const actor = await makeCustomer(handle.db, 'Sign In');
  await handle.db
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.id, actor.userId));
  return actor;
}

describe('sign-in limits under parallel attempts', () => {
  it('a burst of parallel wrong passwords gets at most the limit of guesses checked', async () => {
    const user = await userWithPassword('the right one');
    const client = { ip: address(), userAgent: 'burst' };
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(handle.db, { email: user.email, password: `guess ${i}` }, client)),
    );
    expect(checked.mock.calls.length).toBeLessThanOrEqual(LIMITS.signInAccountIp.max);
    expect(results.filter((r) => !r.ok && r.code === 'rate_limited').length).toBeGreaterThanOrEqual(
      30 - LIMITS.signInAccountIp.max,
    );
    expect(results.filter((r) => !r.ok && r.code === 'unauthorized').length).toBeLessThanOrEqual(
      LIMITS.signInAccountIp.max,
    );
  });

  it('the same for an unknown address', async () => {
    const user = await userWithPassword('the right one');
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        signIn(handle.db, { email: user.email, password: `guess ${i}` }, { ip: null, userAgent: 'burst' }),
      ),
    );
    expect(checked.mock.calls.length).toBeLessThanOrEqual(LIMITS.signInAccountIp.max);
  });

  it('a burst of wrong current passwords on the account page gets at most the limit checked', async () => {
    const user = await userWithPassword('current one');
    const client = { ip: address() };
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        changePassword(handle.db, user, { currentPassword: `guess ${i}`, newPassword: 'a new password' }, client),
      ),
    );
    expect(checked.mock.calls.length).toBeLessThanOrEqual(LIMITS.signInAccountIp.max);
    expect(results.filter((r) => !r.ok && r.code === 'rate_limited').length).toBeGreaterThanOrEqual(
      30 - LIMITS.signInAccountIp.max,
    );
  });
});

describe('sign-in lock-out', () => {
  it("a stranger's wrong passwords lock the stranger's address, not the owner signing in from elsewhere", async () => {
    const user = await userWithPassword('owner password');
    const stranger = { ip: address(), userAgent: 'stranger' };
    for (let i = 0; i < LIMITS.signInAccountIp.max; i++)
      expect(await signIn(handle.db, { email: user.email, password: `guess ${i}` }, stranger)).toMatchObject({
        code: 'unauthorized',
      });
    const locked = await signIn(handle.db, { email: user.email, password: 'owner password' }, stranger);
    expect(locked).toMatchObject({ ok: false, code: 'rate_limited' });
    if (!locked.ok)
      expect(locked.message).toMatch(/Too many failed sign-ins for this account\. Try again in \d+ minutes?\./);

    const owner = { ip: address(), userAgent: 'owner' };
    expect(await signIn(handle.db, { email: user.email, password: 'owner password' }, owner)).toMatchObject({
      ok: true,
    });
  });

  it('a right password gives the attempt back: the owner is not locked by their own earlier typos', async () => {
    const user = await userWithPassword('typo-prone');
    const owner = { ip: address(), userAgent: 'owner' };
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < LIMITS.signInAccountIp.max - 1; i++)
        await signIn(handle.db, { email: user.email, password: 'typo' }, owner);
      expect(await signIn(handle.db, { email: user.email, password: 'typo-prone' }, owner)).toMatchObject({ ok: true });
    }
  });

  it('guesses spread over many addresses lock the account everywhere at the account-wide limit', async () => {
    const user = await userWithPassword('spread out');
    const perAddress = LIMITS.signInAccountIp.max;
    for (let a = 0; a < LIMITS.signInAccount.max / perAddress; a++) {
      const client = { ip: address(), userAgent: 'botnet' };
      await Promise.all(
        Array.from({ length: perAddress }, (_, i) =>
          signIn(handle.db, { email: user.email, password: `g${i}` }, client),
        ),
      );
    }
    const fresh = await signIn(
      handle.db,
      { email: user.email, password: 'spread out' },
      { ip: address(), userAgent: 'x' },
    );
    expect(fresh).toMatchObject({ ok: false, code: 'rate_limited' });
    if (!fresh.ok) expect(fresh.message).toMatch(/from many networks\. Try again in \d+ minutes?\./);
  });
});
