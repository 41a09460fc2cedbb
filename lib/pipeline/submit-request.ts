import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { fail, type Result } from '@/lib/core/result';
import { createTicket, idempotencyScope } from './create-ticket';
import { runUseCase } from '@/lib/core/run-use-case';
import { submitRequestSchema } from './schemas';

/** Inquiry from the portal: a signed-in customer submits a request of their own. */
export function submitRequest(db: Db, actor: Actor, raw: unknown): Promise<Result<Ticket>> {
  return runUseCase(db, submitRequestSchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.create_own');
    const [customer] = await tx
      .select()
      .from(customers)
      .where(eq(customers.id, actor.customerId ?? ''));
    if (!customer) fail('forbidden', 'Your account is not linked to a customer record.');
    const { ticket } = await createTicket(tx, {
      ...input,
      idempotencyKey: idempotencyScope('request', input.idempotencyKey),
      customer,
      channel: 'web',
      loggedBy: null,
    });
    return ticket;
  });
}
