import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { outbox, users } from '@/db/schema';
import { LIMITS } from '@/lib/rate-limit/rate-limit';
import { makeCustomer, makeStaff, must, testDb } from '@/lib/testing/fixtures';
import type { Actor } from './actor';
import { hashPassword } from './password';
import { checkResetLink, requestPasswordReset, resetPassword, RESET_LINK_INVALID } from './password-reset';
import { loadSessionActor } from './sessions';
import { signIn } from './sign-in';
import { issueToken } from './tokens';

let handle: DbHandle;
beforeAll(() => {
  handle = testDb();
});
afterAll(() => handle.close());

const client = { ip: null, userAgent: 'Vitest' };
const OLD = 'the old password';
const NEW = 'a brand new password';

async function customerWithPassword(): Promise<Actor> {
  const actor = await makeCustomer(handle.db, 'Rita Reset');
  await handle.db
    .update(users)
    .set({ passwordHash: await hashPassword(OLD) })
    .where(eq(users.id, actor.userId));
  return actor;
}

const mailsTo = (email: string) =>
  handle.db.select().from(outbox).where(eq(outbox.toAddress, email)).orderBy(desc(outbox.createdAt));

/** The token in the newest reset mail to `email`, read off the text part as a person would. */
async function linkFromMail(email: string): Promise<string> {
  const [mail] = await mailsTo(email);
  const token = mail?.body.match(/\/reset\/([A-Za-z0-9_-]{43})/)?.[1];
  if (!token) throw new Error(`no reset link mailed to ${email}`);
  return token;
}

const passwordHashOf = async (userId: string) =>
  (await handle.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, userId)))[0]!.h;

const signsInWith = async (email: string, password: string) =>
  (await signIn(handle.db, { email, password }, client)).ok;

describe('password reset', () => {
  it('mails a link that sets the new password once and ends every session', async () => {
    const actor = await customerWithPassword();
    const laptop = must(await signIn(handle.db, { email: actor.email, password: OLD }, client));
    const phone = must(await signIn(handle.db, { email: actor.email, password: OLD }, client));

    must(await requestPasswordReset(handle.db, { email: actor.email.toUpperCase() }, { ip: null }));
    const [mail] = await mailsTo(actor.email);
    expect(mail).toMatchObject({ kind: 'password_reset', status: 'queued', subject: 'Reset your password' });
    expect(mail!.html).toContain('/reset/');
    const token = await linkFromMail(actor.email);
    expect(await checkResetLink(handle.db, token)).toEqual({ email: actor.email });

    const done = must(await resetPassword(handle.db, { token, password: NEW }));
    expect(done).toEqual({ email: actor.email, endedSessions: 2 });
    expect(await loadSessionActor(handle.db, laptop.userId, laptop.sessionId)).toBeNull();
    expect(await loadSessionActor(handle.db, phone.userId, phone.sessionId)).toBeNull();
    expect(await signsInWith(actor.email, OLD)).toBe(false);
    expect(await signsInWith(actor.email, NEW)).toBe(true);

    // The link works once.
    const again = await resetPassword(handle.db, { token, password: 'yet another password' });
    expect(again).toMatchObject({ ok: false, code: 'not_found', message: RESET_LINK_INVALID });
    expect(await checkResetLink(handle.db, token)).toBeNull();
    expect(await signsInWith(actor.email, NEW)).toBe(true);
  });

  it('answers the same for an unknown address and mails nothing', async () => {
    const email = `nobody-${randomUUID().slice(0, 8)}@test.example`;
    const known = await customerWithPassword();
    const unknownAnswer = await requestPasswordReset(handle.db, { email }, { ip: null });
    const knownAnswer = await requestPasswordReset(handle.db, { email: known.email }, { ip: null });
    expect(unknownAnswer).toEqual(knownAnswer);
    expect(await mailsTo(email)).toHaveLength(0);
  });

  it('mails nothing to a deactivated login, and its links stop working', async () => {
    const agent = await makeStaff(handle.db, 'agent');
    must(await requestPasswordReset(handle.db, { email: agent.email }, { ip: null }));
    const token = await linkFromMail(agent.email);
    await handle.db.update(users).set({ active: false }).where(eq(users.id, agent.userId));
    must(await requestPasswordReset(handle.db, { email: agent.email }, { ip: null }));
    expect(await mailsTo(agent.email)).toHaveLength(1);
    const before = await passwordHashOf(agent.userId);
    expect(await resetPassword(handle.db, { token, password: NEW })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await passwordHashOf(agent.userId)).toBe(before);
  });

  it('refuses expired, tampered and revoked links and changes nothing', async () => {
    const actor = await customerWithPassword();
    const before = await passwordHashOf(actor.userId);
    const session = must(await signIn(handle.db, { email: actor.email, password: OLD }, client));

    const expired = await issueToken(handle.db, {
      kind: 'password_reset',
      email: actor.email,
      userId: actor.userId,
      now: new Date(Date.now() - 2 * 60 * 60 * 1000),
    });
    must(await requestPasswordReset(handle.db, { email: actor.email }, { ip: null }));
    const older = await linkFromMail(actor.email);
    must(await requestPasswordReset(handle.db, { email: actor.email }, { ip: null }));
    const newest = await linkFromMail(actor.email);
    expect(newest).not.toBe(older);
    const last = newest.at(-1) === 'A' ? 'B' : 'A';
    const tampered = newest.slice(0, -1) + last;

    for (const token of [expired.token, older, tampered, 'short', '', 'x'.repeat(5000)]) {
      const result = await resetPassword(handle.db, { token, password: NEW });
      expect(result.ok, token.slice(0, 10)).toBe(false);
      expect(await checkResetLink(handle.db, token)).toBeNull();
    }
    expect(await passwordHashOf(actor.userId)).toBe(before);
    expect(await loadSessionActor(handle.db, session.userId, session.sessionId)).not.toBeNull();
    // The newest link still works.
    must(await resetPassword(handle.db, { token: newest, password: NEW }));
  });

  it('keeps the password rules and refuses a bad address with a field message', async () => {
    const actor = await customerWithPassword();
    must(await requestPasswordReset(handle.db, { email: actor.email }, { ip: null }));
    const token = await linkFromMail(actor.email);
    const short = await resetPassword(handle.db, { token, password: 'short' });
    expect(short).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { password: ['Use at least 8 characters.'] },
    });
    const nul = await resetPassword(handle.db, { token, password: 'long enough\u0000' });
    expect(nul).toMatchObject({ ok: false, code: 'invalid' });
    expect(await checkResetLink(handle.db, token)).not.toBeNull();
    expect(await requestPasswordReset(handle.db, { email: 'not an address' }, { ip: null })).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { email: ['Enter a valid e-mail address.'] },
    });
  });

  it('limits requests per address and per network', async () => {
    const actor = await customerWithPassword();
    for (let i = 0; i < LIMITS.resetAddress.max; i++)
      must(await requestPasswordReset(handle.db, { email: actor.email }, { ip: null }));
    expect(await requestPasswordReset(handle.db, { email: actor.email }, { ip: null })).toMatchObject({
      ok: false,
      code: 'rate_limited',
    });
    expect(await mailsTo(actor.email)).toHaveLength(LIMITS.resetAddress.max);

    const ip = `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 6)}`;
    for (let i = 0; i < LIMITS.resetIp.max; i++)
      must(await requestPasswordReset(handle.db, { email: `n${i}-${randomUUID().slice(0, 6)}@test.example` }, { ip }));
    const refused = await requestPasswordReset(handle.db, { email: 'another@test.example' }, { ip });
    expect(refused).toMatchObject({ ok: false, code: 'rate_limited' });
  });

  it('forgets the failed sign-ins that locked the owner out', async () => {
    const actor = await customerWithPassword();
    const here = { ip: '198.51.100.77', userAgent: 'Vitest' };
    for (let i = 0; i < LIMITS.signInAccountIp.max; i++)
      await signIn(handle.db, { email: actor.email, password: `wrong ${i}` }, here);
    expect(await signIn(handle.db, { email: actor.email, password: OLD }, here)).toMatchObject({
      code: 'rate_limited',
    });
    must(await requestPasswordReset(handle.db, { email: actor.email }, { ip: here.ip }));
    must(await resetPassword(handle.db, { token: await linkFromMail(actor.email), password: NEW }));
    expect((await signIn(handle.db, { email: actor.email, password: NEW }, here)).ok).toBe(true);
  });

  it('verifies an unverified customer address (which cannot sign in before)', async () => {
    const actor = await customerWithPassword();
    await handle.db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, actor.userId));
    expect(await signsInWith(actor.email, OLD)).toBe(false);
    must(await requestPasswordReset(handle.db, { email: actor.email }, { ip: null }));
    must(await resetPassword(handle.db, { token: await linkFromMail(actor.email), password: NEW }));
    const [row] = await handle.db
      .select({ at: users.emailVerifiedAt })
      .from(users)
      .where(and(eq(users.id, actor.userId)));
    expect(row?.at).toBeInstanceOf(Date);
    expect(await signsInWith(actor.email, NEW)).toBe(true);
  });
});
