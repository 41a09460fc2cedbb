import type { Db } from '@/db/client';
import type { Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { nextCern } from '@/lib/cern/next-cern';
import { fail, type Result } from '@/lib/core/result';
import { appendEvents, lockTicket, saveTicket } from '@/lib/tickets/store';
import { runUseCase } from '@/lib/core/run-use-case';
import { cernRaisedMail } from '@/lib/mail/templates/cern-raised';
import { mailCustomer } from '@/lib/mail/ticket-mail';
import { raiseExceptionSchema } from './schemas';

/**
 * Marks a request as an exception and gives it a CERN. Needs the customer (always on the
 * ticket), the incident date and time, a detailed description, an owner team, severity and
 * impact; anything missing is refused with a field message. A CERN is never changed.
 */
export function raiseException(
  db: Db,
  actor: Actor,
  raw: unknown,
  now: () => Date = () => new Date(),
): Promise<Result<Ticket>> {
  return runUseCase(db, raiseExceptionSchema, raw, async (tx, input) => {
    requirePermission(actor, 'ticket.work');
    const ticket = await lockTicket(tx, input.number, input.version);
    if (ticket.cern)
      fail('conflict', `Request #${ticket.number} is already exception ${ticket.cern}; a CERN is never changed.`);
    if (ticket.status === 'resolved' || ticket.status === 'closed') {
      fail('unprocessable', `Cannot raise an exception on a ${ticket.status} request.`);
    }
    const missing: Record<string, string[]> = {};
    if (!ticket.teamId) missing.teamId = ['Set the owning team first (identify the request).'];
    if (!ticket.severity) missing.severity = ['Set the severity first (identify the request).'];
    if (!ticket.impact) missing.impact = ['Set the impact first (identify the request).'];
    if (Object.keys(missing).length > 0) fail('invalid', 'Identify the request before raising an exception.', missing);

    const raisedAt = now();
    const cern = await nextCern(tx, raisedAt.getUTCFullYear());
    const updated = await saveTicket(tx, ticket, {
      cern,
      incidentAt: input.incidentAt,
      exceptionDetails: input.details,
      exceptionRaisedAt: raisedAt,
    });
    await appendEvents(tx, ticket, actor.userId, [
      {
        type: 'exception_raised',
        to: cern,
        data: { incidentAt: input.incidentAt.toISOString(), teamId: ticket.teamId, assigneeId: ticket.assigneeId },
      },
    ]);
    await mailCustomer(tx, updated, 'cern_raised', (base) => cernRaisedMail({ ...base, cern }));
    return updated;
  });
}
