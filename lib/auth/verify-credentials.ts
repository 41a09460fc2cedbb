import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import type { Actor } from './actor';
import { verifyPassword } from './password';
import { signInSchema } from './schemas';

// Compared against when the e-mail is unknown, so both cases take the same time.
const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.jkFOIeHJqSBOGzrAVvEH7KdHFR1.';

export async function verifyCredentials(db: Db, raw: unknown): Promise<Actor | null> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const [user] = await db.select().from(users).where(and(eq(users.email, parsed.data.email), eq(users.active, true)));
  const valid = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !valid) return null;
  return { userId: user.id, role: user.role, name: user.name, email: user.email, customerId: user.customerId };
}

/** Re-reads the signed-in user on each request, so a deactivated account or a changed role counts at once. */
export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const [user] = await db
    .select({ id: users.id, role: users.role, name: users.name, email: users.email, customerId: users.customerId })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.active, true)));
  return user ? { userId: user.id, role: user.role, name: user.name, email: user.email, customerId: user.customerId } : null;
}
