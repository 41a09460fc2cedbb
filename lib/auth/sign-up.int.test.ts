import { randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { accountTokens, customers, outbox, users } from '@/db/schema';
import { logContact } from '@/lib/pipeline/log-contact';
import { listMyRequests } from '@/lib/tickets/get-ticket';
import { makeStaff, must, testDb } from '@/lib/testing/fixtures';
import type { Actor } from './actor';
import { signIn } from './sign-in';
import { checkVerificationLink, signUpCustomer, verifyEmail, VERIFY_LINK_INVALID } from './sign-up';
import { issueToken } from './tokens';

let handle: DbHandle;
let agent: Actor;
beforeAll(async () => {
  handle = testDb();
  agent = await makeStaff(handle.db, 'agent');
});
afterAll(() => handle.close());

const client = { ip: null, userAgent: 'Vitest' };
const PASSWORD = 'my chosen password';
const newEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@test.example`;

const mailsTo = (email: string) =>
  handle.db.select().from(outbox).where(eq(outbox.toAddress, email)).orderBy(desc(outbox.createdAt));

async function linkFromMail(email: string): Promise<string> {
  const [mail] = await mailsTo(email);
  const token = mail?.body.match(/\/verify\/([A-Za-z0-9_-]{43})/)?.[1];
  if (!token) throw new Error(`no verification link mailed to ${email}`);
  return token;
}

const loginsFor = (email: string) => handle.db.select().from(users).where(eq(users.email, email));

describe('sign-up with e-mail verification', () => {
  it('creates no login until the link is followed; the link creates a verified one, once', async () => {
    const email = newEmail('vera');
    const answer = must(
      await signUpCustomer(handle.db, { name: 'Vera Verify', email: ` ${email.toUpperCase()} `, password: PASSWORD }),
    );
    expect(answer).toEqual({ email });
    expect(await loginsFor(email)).toHaveLength(0);
    expect((await signIn(handle.db, { email, password: PASSWORD }, client)).ok).toBe(false);
    const [mail] = await mailsTo(email);
    expect(mail).toMatchObject({ kind: 'email_verification', subject: 'Confirm your e-mail address' });
    // Only the hash of the password travels with the link.
    const [token] = await handle.db.select().from(accountTokens).where(eq(accountTokens.email, email));
    expect(JSON.stringify(token?.data)).not.toContain(PASSWORD);
    expect(mail!.body).not.toContain(PASSWORD);

    const link = await linkFromMail(email);
    expect(await checkVerificationLink(handle.db, link)).toEqual({ email, name: 'Vera Verify' });
    const verified = must(await verifyEmail(handle.db, { token: link }));
    expect(verified).toMatchObject({ email, linked: false });
    const [login] = await loginsFor(email);
    expect(login).toMatchObject({ role: 'customer', name: 'Vera Verify', active: true });
    expect(login!.emailVerifiedAt).toBeInstanceOf(Date);
    const [customer] = await handle.db.select().from(customers).where(eq(customers.id, login!.customerId!));
    expect(customer).toMatchObject({ email, name: 'Vera Verify', preferredChannel: 'web' });
    expect((await signIn(handle.db, { email, password: PASSWORD }, client)).ok).toBe(true);

    expect(await verifyEmail(handle.db, { token: link })).toMatchObject({
      ok: false,
      code: 'not_found',
      message: VERIFY_LINK_INVALID,
    });
    expect(await checkVerificationLink(handle.db, link)).toBeNull();
  });

  it('links a person known from a phone contact to their record, so they see their earlier request', async () => {
    const email = newEmail('phoebe');
    const phone = `+44 20 7946 ${String(Date.now()).slice(-4)}`;
    const earlier = must(
      await logContact(handle.db, agent, {
        channel: 'phone',
        customerName: 'Phoebe Phone',
        customerPhone: phone,
        customerEmail: email,
        subject: 'Router keeps dropping',
        description: 'Called about the router.',
      }),
    );
    must(await signUpCustomer(handle.db, { name: 'Phoebe P.', email, password: PASSWORD }));
    const verified = must(await verifyEmail(handle.db, { token: await linkFromMail(email) }));
    expect(verified.linked).toBe(true);
    const [login] = await loginsFor(email);
    expect(login!.customerId).toBe(earlier.ticket.customerId);
    expect(await handle.db.$count(customers, eq(customers.email, email))).toBe(1);

    const session = must(await signIn(handle.db, { email, password: PASSWORD }, client));
    const mine = await listMyRequests(handle.db, session);
    expect(mine.map((r) => r.number)).toContain(earlier.ticket.number);
  });

  it('answers the same for an address with a login, mails a notice instead, and makes no second login', async () => {
    const email = newEmail('owen');
    must(await signUpCustomer(handle.db, { name: 'Owen Owner', email, password: PASSWORD }));
    must(await verifyEmail(handle.db, { token: await linkFromMail(email) }));

    const again = await signUpCustomer(handle.db, { name: 'Mallory', email, password: 'another password' });
    const fresh = await signUpCustomer(handle.db, { name: 'Fresh', email: newEmail('fresh'), password: PASSWORD });
    expect(again).toMatchObject({ ok: true });
    expect(Object.keys(again)).toEqual(Object.keys(fresh));
    const [notice] = await mailsTo(email);
    expect(notice).toMatchObject({ kind: 'account_exists', subject: 'You already have an account' });
    expect(notice!.body).toContain('/forgot');
    expect(notice!.body).not.toMatch(/\/verify\//);
    expect(await loginsFor(email)).toHaveLength(1);
    // The old password still works; the stranger's does not.
    expect((await signIn(handle.db, { email, password: PASSWORD }, client)).ok).toBe(true);
    expect((await signIn(handle.db, { email, password: 'another password' }, client)).ok).toBe(false);
  });

  it('a staff address gets the notice too, and no customer login', async () => {
    const staff = await makeStaff(handle.db, 'agent');
    must(await signUpCustomer(handle.db, { name: 'Sneaky', email: staff.email, password: PASSWORD }));
    expect((await mailsTo(staff.email))[0]?.kind).toBe('account_exists');
    expect(await loginsFor(staff.email)).toHaveLength(1);
  });

  it('two links for one address used at once make one login', async () => {
    const email = newEmail('race');
    // Known to support already, so neither verification inserts a customer (whose unique e-mail would serialise them).
    await handle.db.insert(customers).values({ name: 'Race', email });
    // Two pending sign-ups whose links are both live (as when two issues interleave).
    const a = await issueToken(handle.db, {
      kind: 'email_verification',
      email,
      data: { name: 'Race A', passwordHash: '$argon2id$fake' },
    });
    const b = await issueToken(handle.db, {
      kind: 'email_verification',
      email,
      data: { name: 'Race B', passwordHash: '$argon2id$fake' },
    });
    await handle.db.update(accountTokens).set({ revokedAt: null }).where(eq(accountTokens.id, a.row.id));
    // Open the pool's connections first, so the four really run side by side.
    await Promise.all(Array.from({ length: 8 }, () => handle.db.execute(sql`select pg_sleep(0.05)`)));
    const results = await Promise.all([
      verifyEmail(handle.db, { token: a.token }),
      verifyEmail(handle.db, { token: b.token }),
      verifyEmail(handle.db, { token: a.token }),
      verifyEmail(handle.db, { token: b.token }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) expect(['conflict', 'not_found']).toContain(r.ok ? '' : r.code);
    expect(await loginsFor(email)).toHaveLength(1);
    expect(await handle.db.$count(customers, eq(customers.email, email))).toBe(1);
  });

  it('refuses expired, tampered and newer-revoked links, creating nothing', async () => {
    const email = newEmail('late');
    const expired = await issueToken(handle.db, {
      kind: 'email_verification',
      email,
      data: { name: 'Late', passwordHash: '$argon2id$fake' },
      now: new Date(Date.now() - 49 * 60 * 60 * 1000),
    });
    must(await signUpCustomer(handle.db, { name: 'Late', email, password: PASSWORD }));
    const older = await linkFromMail(email);
    must(await signUpCustomer(handle.db, { name: 'Late', email, password: PASSWORD }));
    const newest = await linkFromMail(email);
    const tampered = (newest[0] === 'A' ? 'B' : 'A') + newest.slice(1);
    for (const token of [expired.token, older, tampered, '../../etc', '']) {
      expect((await verifyEmail(handle.db, { token })).ok).toBe(false);
      expect(await checkVerificationLink(handle.db, token)).toBeNull();
    }
    expect(await loginsFor(email)).toHaveLength(0);
    must(await verifyEmail(handle.db, { token: newest }));
  });

  it('keeps the field rules and the per-address limit', async () => {
    const bad = await signUpCustomer(handle.db, { name: ' ', email: 'nope', password: 'short' });
    expect(bad).toMatchObject({ ok: false, code: 'invalid' });
    if (!bad.ok) expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(['email', 'name', 'password']);
    const email = newEmail('flood');
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await signUpCustomer(handle.db, { name: 'F', email, password: PASSWORD }));
    expect(answers.slice(0, 5).every((r) => r.ok)).toBe(true);
    expect(answers[5]).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(await mailsTo(email)).toHaveLength(5);
  });
});
