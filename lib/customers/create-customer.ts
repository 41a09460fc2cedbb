import type { Db } from '@/db/client';
import { customers, type Customer } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { organizationGone, organizationIdByName } from '@/lib/organizations/organization-by-name';
import { assertContactFree } from './contact-unique';
import { normalizePhone } from './find-or-create';
import { createCustomerSchema } from './schemas';

/**
 * Staff add a customer record before any contact (an API client syncing its CRM): the same
 * fields and rules as the customer form; an e-mail or phone another record has is a conflict on
 * that field (the unique indexes settle a race the same way).
 */
export function createCustomer(db: Db, actor: Actor, raw: unknown): Promise<Result<Customer>> {
  return runUseCase(db, createCustomerSchema, raw, async (tx, input) => {
    requirePermission(actor, 'customer.read');
    const phone = input.phone ? normalizePhone(input.phone) : null;
    await assertContactFree(tx, { email: input.email, phone });
    const organizationId = await organizationIdByName(tx, input.organization);
    const [created] = await tx
      .insert(customers)
      .values({
        name: input.name,
        email: input.email,
        phone,
        organizationId,
        preferredChannel: input.preferredChannel,
        notes: input.notes,
        tags: input.tags,
      })
      .onConflictDoNothing()
      .returning()
      .catch(organizationGone(input.organization));
    if (!created)
      fail('conflict', 'Another customer has this e-mail or phone number.', {
        email: ['Another customer has this e-mail or phone; merge the two records instead.'],
      });
    return created;
  });
}
