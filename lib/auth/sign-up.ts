import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { customers, users } from '@/db/schema';
import { runUseCase } from '@/lib/core/run-use-case';
import { attempt, fail, fromZod, type Result } from '@/lib/core/result';
import { queueMail } from '@/lib/mail/queue';
import { accountExistsMail } from '@/lib/mail/templates/account-exists';
import { emailVerificationMail } from '@/lib/mail/templates/email-verification';
import { appUrl } from '@/lib/mail/templates/layout';
import { enforce, LIMITS } from '@/lib/rate-limit/rate-limit';
import { getSettings } from '@/lib/settings/settings';
import { hashPassword } from './password';
import { signUpSchema } from './schemas';
import { consumeToken, issueToken, peekToken } from './tokens';

/** What a pending sign-up's link carries (account_tokens.data): nothing is created before the address is proven. */
const pendingSignUp = z.object({ name: z.string().min(1), passwordHash: z.string().min(1) });

export const VERIFY_LINK_INVALID =
  'This link has expired or has already been used, and no account was created. Sign up again to get a new one.';

/**
 * A customer signs up: no login yet. The address gets a link (48 hours) that proves it is theirs
 * and carries the name and the password's Argon2id hash; following it creates the login
 * (verifyEmail). The answer is the same for every address — new, known to support from a phone
 * or mail contact, or with a login already — so the form tells no one who has an account: an
 * address with an active login is mailed a notice with the way to reset the password instead.
 * Both paths hash the password and queue one mail. Limited per network and per address.
 */
export async function signUpCustomer(
  db: Db,
  raw: unknown,
  client: { ip: string | null } = { ip: null },
): Promise<Result<{ email: string }>> {
  const parsed = signUpSchema.safeParse(raw);
  if (!parsed.success) return fromZod(parsed.error);
  const { name, email } = parsed.data;
  const limited = await attempt(() =>
    enforce(db, [
      [LIMITS.signUpIp, client.ip],
      [LIMITS.signUpAddress, email],
    ]),
  );
  if (!limited.ok) return limited;
  const passwordHash = await hashPassword(parsed.data.password);
  const { mail } = await getSettings(db);
  return attempt(() =>
    db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      const [existing] = await tx
        .select({ name: users.name, active: users.active })
        .from(users)
        .where(eq(users.email, email));
      if (existing) {
        // A deactivated login gets nothing: it could not sign in or reset its password anyway.
        if (existing.active)
          await queueMail(tx, {
            kind: 'account_exists',
            to: email,
            mail: accountExistsMail({
              name: existing.name,
              resetUrl: appUrl('/forgot'),
              signInUrl: appUrl('/signin'),
              supportName: mail.supportName,
            }),
          });
      } else {
        const { token } = await issueToken(tx, { kind: 'email_verification', email, data: { name, passwordHash } });
        await queueMail(tx, {
          kind: 'email_verification',
          to: email,
          mail: emailVerificationMail({ name, url: appUrl(`/verify/${token}`), supportName: mail.supportName }),
        });
      }
      return { email };
    }),
  );
}

/** The address and name of a live verification link, to show on its page; null for a dead or tampered one. */
export async function checkVerificationLink(db: Db, token: string): Promise<{ email: string; name: string } | null> {
  const row = await peekToken(db, 'email_verification', token);
  const pending = pendingSignUp.safeParse(row?.data);
  return row && pending.success ? { email: row.email, name: pending.data.name } : null;
}

const verifyEmailSchema = z.object({
  token: z.string({ error: 'This link is not valid.' }).max(100, 'This link is not valid.'),
});

/**
 * Follows a sign-up link: uses it and creates the customer login, verified. When support already
 * has a customer record with that address (a phone or mail contact), the login is linked to it,
 * so the person sees that record's whole history in the portal; otherwise a new record is made.
 * Two links for one address used at once make one login: the second waits on the address's lock
 * and then finds the first's login.
 */
export async function verifyEmail(
  db: Db,
  raw: unknown,
): Promise<Result<{ userId: string; email: string; linked: boolean }>> {
  return runUseCase(db, verifyEmailSchema, raw, async (tx, input) => {
    const row = await consumeToken(tx, 'email_verification', input.token);
    const pending = pendingSignUp.safeParse(row?.data);
    if (!row || !pending.success) fail('not_found', VERIFY_LINK_INVALID);
    const { email } = row;
    const { name, passwordHash } = pending.data;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-up:${email}`}))`);
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing)
      fail('conflict', 'This address already has an account. Sign in, or reset your password if you forgot it.');

    const customer = await customerFor(tx, name, email);
    if (customer.hasLogin)
      fail('conflict', 'Our support team has linked this address to another account. Please contact support.');
    const [user] = await tx
      .insert(users)
      .values({
        email,
        name,
        passwordHash,
        role: 'customer',
        customerId: customer.id,
        emailVerifiedAt: sql`now()`,
      })
      .returning({ id: users.id });
    if (!user) throw new Error('user insert returned nothing');
    return { userId: user.id, email, linked: !customer.created };
  });
}

/** The customer record with this address (from any contact), or a new one. */
async function customerFor(
  tx: Db,
  name: string,
  email: string,
): Promise<{ id: string; created: boolean; hasLogin: boolean }> {
  const [created] = await tx
    .insert(customers)
    .values({ name, email, preferredChannel: 'web' })
    .onConflictDoNothing({ target: customers.email })
    .returning({ id: customers.id });
  if (created) return { id: created.id, created: true, hasLogin: false };
  const [found] = await tx
    .select({ id: customers.id, login: users.id })
    .from(customers)
    .leftJoin(users, eq(users.customerId, customers.id))
    .where(eq(customers.email, email));
  if (!found) throw new Error('customer vanished between insert and select');
  return { id: found.id, created: false, hasLogin: found.login !== null };
}
