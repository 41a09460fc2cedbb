import { eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';

/**
 * The demo's accounts as issue 12 left them: every seeded login counts as verified (as migration
 * 0016 marked the logins that existed), and the staff sign their e-mailed replies — their name and
 * team line, which each can change on /account.
 */
export async function seedAccounts(tx: Db): Promise<void> {
  await tx.update(users).set({ emailVerifiedAt: users.createdAt }).where(isNull(users.emailVerifiedAt));
  await tx
    .update(users)
    .set({ signature: sql`${users.name} || E'\\nCustomer support'` })
    .where(sql`${users.role} <> 'customer'`);
  await tx
    .update(users)
    .set({ signature: 'Alex Agent\nTechnical support · Cairn demo\nWe answer within one business day.' })
    .where(eq(users.email, 'agent@demo.test'));
}
