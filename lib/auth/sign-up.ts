import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, users } from '@/db/schema';
import { runUseCase } from '@/lib/core/run-use-case';
import { attempt, fail, type Result } from '@/lib/core/result';
import { enforce, LIMITS } from '@/lib/rate-limit/rate-limit';
import { hashPassword } from './password';
import { signUpSchema } from './schemas';

/**
 * A customer creates a portal login. If support already knows the e-mail address (a phone or
 * mail contact), the login is refused rather than linked: without e-mail verification, linking
 * would show that person's history to whoever typed their address.
 */
export async function signUpCustomer(
  db: Db,
  raw: unknown,
  client: { ip: string | null } = { ip: null },
): Promise<Result<{ userId: string }>> {
  const parsed = signUpSchema.safeParse(raw);
  // Valid attempts count per address, outside the transaction so a refused one still counts.
  if (parsed.success) {
    const limited = await attempt(() => enforce(db, [[LIMITS.signUpIp, client.ip]]));
    if (!limited.ok) return limited;
  }
  const passwordHash = parsed.success ? await hashPassword(parsed.data.password) : '';
  return runUseCase(db, signUpSchema, raw, async (tx, input) => {
    const [existingUser] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (existingUser)
      fail('conflict', 'An account with this e-mail already exists. Sign in instead.', {
        email: ['An account with this e-mail already exists. Sign in instead.'],
      });
    const [existingCustomer] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(eq(customers.email, input.email));
    if (existingCustomer) {
      const message =
        'Our support team already has a record for this e-mail. Contact support to have a portal login linked to it.';
      fail('conflict', message, { email: [message] });
    }
    const [customer] = await tx
      .insert(customers)
      .values({ name: input.name, email: input.email, preferredChannel: 'web' })
      .returning();
    if (!customer) throw new Error('customer insert returned nothing');
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash, role: 'customer', customerId: customer.id })
      .returning({ id: users.id });
    if (!user) throw new Error('user insert returned nothing');
    return { userId: user.id };
  });
}
