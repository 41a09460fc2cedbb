import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, type Channel, type Customer } from '@/db/schema';

export function normalizePhone(phone: string): string {
  const trimmed = phone.trim();
  return (trimmed.startsWith('+') ? '+' : '') + trimmed.replace(/\D/g, '');
}

/**
 * One customer across channels: matched by e-mail first, then by phone. A match learns the
 * other contact detail if it lacked it, so the next contact finds the same person.
 */
export async function findOrCreateCustomer(
  tx: Db,
  input: { name: string; email?: string; phone?: string; channel: Channel },
): Promise<{ customer: Customer; created: boolean }> {
  const email = input.email?.trim().toLowerCase() || undefined;
  const phone = input.phone ? normalizePhone(input.phone) : undefined;

  const byEmail = email ? (await tx.select().from(customers).where(eq(customers.email, email)))[0] : undefined;
  const byPhone =
    !byEmail && phone ? (await tx.select().from(customers).where(eq(customers.phone, phone)))[0] : undefined;
  const found = byEmail ?? byPhone;

  if (found) {
    const patch: Partial<Customer> = {};
    if (email && !found.email) patch.email = email;
    if (phone && !found.phone) {
      const [phoneOwner] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.phone, phone));
      if (!phoneOwner) patch.phone = phone;
    }
    if (Object.keys(patch).length === 0) return { customer: found, created: false };
    const [updated] = await tx
      .update(customers)
      .set({ ...patch, version: sql`${customers.version} + 1` })
      .where(eq(customers.id, found.id))
      .returning();
    return { customer: updated ?? found, created: false };
  }

  const [created] = await tx
    .insert(customers)
    .values({ name: input.name.trim(), email: email ?? null, phone: phone ?? null, preferredChannel: input.channel })
    .returning();
  if (!created) throw new Error('customer insert returned nothing');
  return { customer: created, created: true };
}
