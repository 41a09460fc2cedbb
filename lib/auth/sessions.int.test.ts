import { randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { users } from '@/db/schema';
import { makeCustomer, makeStaff, testDb } from '@/lib/testing/fixtures';
import { changePassword, endOwnSession, signOutEverywhere } from './account';
import type { Actor } from './actor';
import { hashPassword } from './password';
import { endSession, listSessions, loadSessionActor } from './sessions';
import { signIn } from './sign-in';

let handle: DbHandle;
beforeAll(() => {
  handle = testDb();
});
afterAll(() => handle.close());

const client = { ip: null, userAgent: 'Vitest browser' };

async function userWithPassword(password: string, kind: 'customer' | 'agent' = 'customer'): Promise<Actor> {
  const actor = kind === 'customer' ? await makeCustomer(handle.db) : await makeStaff(handle.db, 'agent');
  await handle.db
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.id, actor.userId));
  return actor;
}

async function session(actor: Actor, password: string): Promise<Actor & { sessionId: string }> {
  const result = await signIn(handle.db, { email: actor.email, password }, client);
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

const alive = async (s: { userId: string; sessionId: string }) =>
  (await loadSessionActor(handle.db, s.userId, s.sessionId)) !== null;

describe('session revocation', () => {
  it('sign-out ends that session at once and leaves the others', async () => {
    const user = await userWithPassword('first password');
    const laptop = await session(user, 'first password');
    const phone = await session(user, 'first password');
    expect(await alive(laptop)).toBe(true);
    await endSession(handle.db, laptop.userId, laptop.sessionId);
    expect(await alive(laptop)).toBe(false);
    expect(await alive(phone)).toBe(true);
  });

  it('"sign out everywhere" ends every session of the user and no one else\'s', async () => {
    const user = await userWithPassword('pw everywhere');
    const other = await userWithPassword('pw other');
    const a = await session(user, 'pw everywhere');
    const b = await session(user, 'pw everywhere');
    const theirs = await session(other, 'pw other');
    expect(await signOutEverywhere(handle.db, a)).toMatchObject({ ok: true, data: { endedSessions: 2 } });
    expect([await alive(a), await alive(b), await alive(theirs)]).toEqual([false, false, true]);
  });

  it('a password change ends the other sessions, keeps this one, and needs the current password', async () => {
    const user = await userWithPassword('old password', 'agent');
    const here = await session(user, 'old password');
    const elsewhere = await session(user, 'old password');
    expect(
      await changePassword(handle.db, here, { currentPassword: 'not it', newPassword: 'new password 1' }, client),
    ).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: ['That is not your current password.'] },
    });
    expect(
      await changePassword(handle.db, here, { currentPassword: 'old password', newPassword: 'new password 1' }, client),
    ).toMatchObject({ ok: true, data: { endedSessions: 1 } });
    expect(await alive(here)).toBe(true);
    expect(await alive(elsewhere)).toBe(false);
    expect(await signIn(handle.db, { email: user.email, password: 'old password' }, client)).toMatchObject({
      ok: false,
      code: 'unauthorized',
    });
    expect(await signIn(handle.db, { email: user.email, password: 'new password 1' }, client)).toMatchObject({
      ok: true,
    });
  });

  it('deactivation ends every session', async () => {
    const user = await userWithPassword('pw deactivate', 'agent');
    const s = await session(user, 'pw deactivate');
    await handle.db.update(users).set({ active: false }).where(eq(users.id, user.userId));
    expect(await alive(s)).toBe(false);
  });

  it("lists only the user's open sessions and ends one of them, not another user's", async () => {
    const user = await userWithPassword('pw list');
    const other = await userWithPassword('pw list other');
    const a = await session(user, 'pw list');
    const b = await session(user, 'pw list');
    const theirs = await session(other, 'pw list other');
    const listed = await listSessions(handle.db, a);
    expect(listed.map((s) => s.id).sort()).toEqual([a.sessionId, b.sessionId].sort());
    expect(listed.find((s) => s.current)?.id).toBe(a.sessionId);
    expect(listed[0]?.userAgent).toBe('Vitest browser');

    expect(await endOwnSession(handle.db, a, { sessionId: theirs.sessionId })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await alive(theirs)).toBe(true);
    expect(await endOwnSession(handle.db, a, { sessionId: b.sessionId })).toMatchObject({
      ok: true,
      data: { current: false },
    });
    expect(await alive(b)).toBe(false);
    expect(await endOwnSession(handle.db, a, { sessionId: 'not-a-uuid' })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
  });

  it('a forged or unknown session id is signed out', async () => {
    const user = await userWithPassword('pw forged');
    expect(await loadSessionActor(handle.db, user.userId, randomUUID())).toBeNull();
    expect(await loadSessionActor(handle.db, user.userId, "x' or 1=1")).toBeNull();
  });
});

describe('password hashes', () => {
  it('upgrades a bcrypt hash to Argon2id on the next successful sign-in', async () => {
    const user = await makeCustomer(handle.db);
    await handle.db
      .update(users)
      .set({ passwordHash: await bcrypt.hash('legacy pw', 4) })
      .where(eq(users.id, user.userId));
    expect(await signIn(handle.db, { email: user.email, password: 'wrong' }, client)).toMatchObject({ ok: false });
    const [before] = await handle.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, user.userId));
    expect(before?.h).toMatch(/^\$2/);
    expect(await signIn(handle.db, { email: user.email, password: 'legacy pw' }, client)).toMatchObject({ ok: true });
    const [after] = await handle.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, user.userId));
    expect(after?.h).toMatch(/^\$argon2id\$/);
    expect(await signIn(handle.db, { email: user.email, password: 'legacy pw' }, client)).toMatchObject({ ok: true });
  });
});

describe('sign-in input', () => {
  it('says what is missing instead of "does not match"', async () => {
    expect(await signIn(handle.db, { email: '', password: '' }, client)).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { email: ['Enter your e-mail address.'], password: ['Enter your password.'] },
    });
    expect(await signIn(handle.db, {}, client)).toMatchObject({ ok: false, code: 'invalid' });
  });
});
