import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organizations } from '@/db/schema';

/**
 * The organization with this name, created when new: how the customer form and the API's
 * customers name one (names are unique; a concurrent create of the same name finds the other's).
 */
export async function organizationIdByName(tx: Db, name: string | null | undefined): Promise<string | null> {
  if (!name) return null;
  await tx.insert(organizations).values({ name }).onConflictDoNothing({ target: organizations.name });
  const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name));
  return org?.id ?? null;
}
