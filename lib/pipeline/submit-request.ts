import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { fail, type Result } from '@/lib/core/result';
import { createTicket, idempotencyScope, newTicketReads } from './create-ticket';
import { runUseCase } from '@/lib/core/run-use-case';
import { claimUploads, formKeyField, uploadIdsField } from '@/lib/portal/uploads';
import { submitRequestSchema } from './schemas';

/** The form's files go with it (lib/portal/uploads.ts). */
const withFiles = submitRequestSchema.extend({ formKey: formKeyField, uploadIds: uploadIdsField });

/** Inquiry from the portal: a signed-in customer submits a request of their own. */
export function submitRequest(db: Db, actor: Actor, raw: unknown): Promise<Result<Ticket>> {
  return runUseCase(db, withFiles, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.create_own');
    const unlinked = 'Your account is not linked to a customer record.';
    if (!actor.customerId) fail('forbidden', unlinked);
    const idempotencyKey = idempotencyScope('request', input.idempotencyKey);
    // The customer's row and everything the new request reads, in one statement.
    const reads = newTicketReads(actor.customerId, idempotencyKey);
    const [row] = await tx
      .select({ customer: customers, reads: reads.sql })
      .from(customers)
      .where(eq(customers.id, actor.customerId));
    if (!row) fail('forbidden', unlinked);
    const { formKey, uploadIds, ...fields } = input;
    const { ticket, duplicate } = await createTicket(tx, {
      ...fields,
      idempotencyKey,
      customer: row.customer,
      channel: 'web',
      loggedBy: null,
      reads: reads.parse(row.reads),
    });
    if (!duplicate)
      await claimUploads(tx, ticket, {
        formKey: formKey || undefined,
        uploadIds,
        messageId: null,
        uploadedBy: actor.userId,
      });
    return ticket;
  });
}
