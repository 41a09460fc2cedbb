import type { Db } from '@/db/client';
import type { Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { findOrCreateCustomer } from '@/lib/customers/find-or-create';
import type { Result } from '@/lib/core/result';
import { createTicket, idempotencyScope } from './create-ticket';
import { runUseCase } from '@/lib/core/run-use-case';
import { logContactSchema } from './schemas';

/** Inquiry by phone, chat, social or e-mail, logged by an agent for the customer. */
export function logContact(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<{ ticket: Ticket; customerCreated: boolean }>> {
  return runUseCase(db, logContactSchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.log_contact');
    const { customer, created } = await findOrCreateCustomer(tx, {
      name: input.customerName,
      email: input.customerEmail,
      phone: input.customerPhone,
      channel: input.channel,
    });
    const { ticket } = await createTicket(tx, {
      customer,
      subject: input.subject,
      description: input.description,
      channel: input.channel,
      categoryId: input.categoryId,
      idempotencyKey: idempotencyScope('contact', input.idempotencyKey),
      loggedBy: actor.userId,
    });
    return { ticket, customerCreated: created };
  });
}
