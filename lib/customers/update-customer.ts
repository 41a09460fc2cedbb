import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, tickets, type Customer } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { runUseCase } from '@/lib/core/run-use-case';
import { fail, type Result } from '@/lib/core/result';
import { enqueue } from '@/lib/jobs/enqueue';
import { organizationGone, organizationIdByName } from '@/lib/organizations/organization-by-name';
import { assertContactFree } from './contact-unique';
import { normalizePhone } from './find-or-create';
import { updateCustomerSchema } from './schemas';

/**
 * Agents keep contact details, organization, notes and tags current. E-mail and phone stay unique;
 * a save over a newer version (another agent saved since the form was read) is a conflict.
 */
export function updateCustomer(db: Db, actor: Actor, raw: unknown): Promise<Result<Customer>> {
  return runUseCase(db, updateCustomerSchema, raw, async (tx, input) => {
    requirePermission(actor, 'customer.read');
    const [current] = await tx.select().from(customers).where(eq(customers.id, input.customerId)).for('update');
    if (!current) fail('not_found', 'Customer not found.');
    if (current.version !== input.version) {
      fail(
        'conflict',
        `${current.name}'s record was changed by someone else while you were editing it. Reload to see the latest version, then try again.`,
      );
    }
    const phone = input.phone ? normalizePhone(input.phone) : null;

    await assertContactFree(tx, { email: input.email, phone }, current.id);
    const organizationId = await organizationIdByName(tx, input.organization);

    const [updated] = await tx
      .update(customers)
      .set({
        name: input.name,
        email: input.email,
        phone,
        organizationId,
        preferredChannel: input.preferredChannel,
        notes: input.notes,
        tags: input.tags,
        version: sql`${customers.version} + 1`,
      })
      .where(eq(customers.id, current.id))
      .returning()
      .catch(organizationGone(input.organization));
    if (!updated) throw new Error('customer update returned nothing');
    // The organization picks the SLA policy (lib/sla/policies.ts): the open requests get the due
    // times of the new one, by the recompute job, as after a policy change.
    if (organizationId !== current.organizationId) {
      const open = await tx
        .select({ id: tickets.id })
        .from(tickets)
        .where(and(eq(tickets.customerId, current.id), notInArray(tickets.status, ['resolved', 'closed'])));
      if (open.length > 0) await enqueue(tx, 'sla.recompute', { ticketIds: open.map((t) => t.id) });
    }
    return updated;
  });
}
