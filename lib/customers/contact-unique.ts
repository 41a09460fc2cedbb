import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers } from '@/db/schema';
import { fail } from '@/lib/core/result';

/**
 * E-mail and phone name one customer each: another record with either is a conflict on that
 * field (merge the two instead). `exceptId` is the record being saved.
 */
export async function assertContactFree(
  tx: Db,
  contact: { email: string | null; phone: string | null },
  exceptId?: string,
): Promise<void> {
  const other = exceptId ? ne(customers.id, exceptId) : undefined;
  if (contact.email) {
    const [taken] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.email, contact.email), other));
    if (taken)
      fail('conflict', 'Another customer has this e-mail.', {
        email: ['Another customer has this e-mail; merge the two records instead.'],
      });
  }
  if (contact.phone) {
    const [taken] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.phone, contact.phone), other));
    if (taken)
      fail('conflict', 'Another customer has this phone number.', {
        phone: ['Another customer has this phone number; merge the two records instead.'],
      });
  }
}
