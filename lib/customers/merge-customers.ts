import { asc, eq, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, messages, ticketColumns, ticketEvents, tickets, users, type Customer } from '@/db/schema';
import { saveTickets } from '@/lib/tickets/store';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { runUseCase } from '@/lib/core/run-use-case';
import { fail, type Result } from '@/lib/core/result';
import { normalizePhone } from './find-or-create';
import { mergeCustomersSchema } from './schemas';

/**
 * Two records for one person (a phone contact and a portal sign-up, say) become one: the
 * duplicate's requests, messages and login move to the kept record, missing contact details are
 * filled from it, notes and tags are joined, and the duplicate is removed — in one transaction.
 */
export function mergeCustomers(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<{ customer: Customer; movedTickets: number }>> {
  return runUseCase(db, mergeCustomersSchema, raw, async (tx, input) => {
    requirePermission(actor, 'customer.read');
    const [keep] = await tx.select().from(customers).where(eq(customers.id, input.customerId)).for('update');
    if (!keep) fail('not_found', 'Customer not found.');
    const key = input.duplicate.toLowerCase();
    const [dup] = await tx
      .select()
      .from(customers)
      .where(or(eq(customers.email, key), eq(customers.phone, normalizePhone(input.duplicate))))
      .for('update');
    if (!dup)
      fail('not_found', 'No other customer has that e-mail or phone.', {
        duplicate: ['No customer has that e-mail or phone.'],
      });
    if (dup.id === keep.id)
      fail('invalid', 'That is this customer.', {
        duplicate: ['That is this customer; give the duplicate’s e-mail or phone.'],
      });

    const logins = await tx
      .select({ id: users.id, customerId: users.customerId })
      .from(users)
      .where(or(eq(users.customerId, keep.id), eq(users.customerId, dup.id)));
    if (logins.length > 1)
      fail('conflict', 'Both records have a portal login; they cannot be merged here.', {
        duplicate: ['Both records have a portal login.'],
      });

    // Through the save path (version bumped, so an agent editing one of them sees a conflict); a
    // closed request may change customer record, the one change its read-only rule lets through.
    const owned = await tx
      .select(ticketColumns)
      .from(tickets)
      .where(eq(tickets.customerId, dup.id))
      .orderBy(asc(tickets.id))
      .for('update');
    const moved = await saveTickets(
      tx,
      owned.map((ticket) => ({ ticket, patch: { customerId: keep.id } })),
      actor.userId,
    );
    await tx.update(messages).set({ authorCustomerId: keep.id }).where(eq(messages.authorCustomerId, dup.id));
    await tx.update(users).set({ customerId: keep.id }).where(eq(users.customerId, dup.id));
    if (moved.length > 0) {
      await tx.execute(sql`insert into ${ticketEvents} (ticket_id, actor_user_id, type, from_value, to_value)
        select id, ${actor.userId}, 'customer_merged', ${dup.id}, ${keep.id} from ${tickets} where id in ${moved.map((m) => m.id)}`);
    }
    await tx.delete(customers).where(eq(customers.id, dup.id));
    const [customer] = await tx
      .update(customers)
      .set({
        email: keep.email ?? dup.email,
        phone: keep.phone ?? dup.phone,
        organizationId: keep.organizationId ?? dup.organizationId,
        preferredChannel: keep.preferredChannel ?? dup.preferredChannel,
        notes: [keep.notes, dup.notes].filter(Boolean).join('\n\n'),
        tags: [...new Set([...keep.tags, ...dup.tags])],
        version: sql`${customers.version} + 1`,
      })
      .where(eq(customers.id, keep.id))
      .returning();
    if (!customer) throw new Error('customer update returned nothing');
    return { customer, movedTickets: moved.length };
  });
}
