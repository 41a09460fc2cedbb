import { and, eq, isNotNull, ne, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import type { Actor } from './actor';
import { hashPassword, needsRehash, verifyPassword } from './password';

// Compared against when the e-mail is unknown, so both cases take about the same time.
let dummyHash: Promise<string> | undefined;

/**
 * The active user with this e-mail and password, or null. An old (bcrypt) hash is upgraded to
 * Argon2id on the way. A customer login whose address was never verified is treated as unknown
 * (none exist after migration 0016 and sign-up only makes verified ones; a password reset, which
 * proves the address, verifies it).
 */
export async function verifyCredentials(
  db: Db,
  credentials: { email: string; password: string },
): Promise<Actor | null> {
  const [user] = await db
    .select()
    .from(users)
    .where(
      and(
        eq(users.email, credentials.email),
        eq(users.active, true),
        or(ne(users.role, 'customer'), isNotNull(users.emailVerifiedAt)),
      ),
    );
  const valid = await verifyPassword(
    credentials.password,
    user?.passwordHash ?? (await (dummyHash ??= hashPassword('not a real password'))),
  );
  if (!user || !valid) return null;
  if (needsRehash(user.passwordHash)) {
    const upgraded = await hashPassword(credentials.password);
    // Only if no one changed the password meanwhile.
    await db
      .update(users)
      .set({ passwordHash: upgraded })
      .where(and(eq(users.id, user.id), eq(users.passwordHash, user.passwordHash)));
  }
  return { userId: user.id, role: user.role, name: user.name, email: user.email, customerId: user.customerId };
}
