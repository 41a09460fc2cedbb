import { z } from 'zod';
import type { Db } from '@/db/client';
import { emailAddress, personName } from '@/lib/auth/schemas';
import { idempotencyKey, MAX_BODY, MAX_SUBJECT, optionalUuid, text } from '@/lib/core/fields';
import { attempt, fromZod, type Result } from '@/lib/core/result';
import { findOrCreateCustomer } from '@/lib/customers/find-or-create';
import { claimUploads, formKeyField, uploadIdsField } from '@/lib/portal/uploads';
import { enforce, LIMITS } from '@/lib/rate-limit/rate-limit';
import { createTicket, idempotencyScope } from './create-ticket';

export const guestRequestSchema = z.object({
  name: personName,
  email: emailAddress,
  subject: text('Subject', MAX_SUBJECT),
  description: text('Description', MAX_BODY),
  categoryId: optionalUuid,
  idempotencyKey,
  formKey: formKeyField,
  uploadIds: uploadIdsField,
  /** The honeypot: a field people never see (hidden by CSS, skipped by the keyboard); scripts fill it. */
  website: z.string().optional(),
});
export type GuestRequestInput = z.input<typeof guestRequestSchema>;

/**
 * What the form may show. Nothing about the customer record: whether the address was known, had
 * a login or is new, the answer is the same, so the form enumerates no one. `number` is null
 * when the honeypot caught a script (it is told "thank you" too, and nothing is stored).
 */
export interface GuestRequestOutcome {
  number: number | null;
}

/**
 * Inquiry without an account (issue 13): anyone may ask from /portal/new or the embedded form
 * with a name and an e-mail address. The customer record is found by address or created
 * (lib/customers/find-or-create.ts); an address that belongs to a portal login is accepted too —
 * the request joins that person's history, and they see it when they sign in. The request is
 * made by the one creation path (channel web, idempotency key), with the form's files, and its
 * acknowledgement carries the signed per-request link (lib/mail/ticket-mail.ts adds it for anyone
 * without a verified login). Limited per network and per address, counted before anything is
 * written, so a refused one saves nothing.
 */
export async function submitGuestRequest(
  db: Db,
  raw: unknown,
  client: { ip: string | null; now?: Date },
): Promise<Result<GuestRequestOutcome>> {
  const parsed = guestRequestSchema.safeParse(raw);
  if (!parsed.success) return fromZod(parsed.error);
  const input = parsed.data;
  if (input.website?.trim()) return { ok: true, data: { number: null } };
  const limited = await attempt(() =>
    enforce(db, [
      [LIMITS.guestSubmitIp, client.ip],
      [LIMITS.guestSubmitAddress, input.email],
    ]),
  );
  if (!limited.ok) return limited;
  return attempt(() =>
    db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      const { customer } = await findOrCreateCustomer(tx, { name: input.name, email: input.email, channel: 'web' });
      const { ticket, duplicate } = await createTicket(tx, {
        customer,
        subject: input.subject,
        description: input.description,
        categoryId: input.categoryId,
        channel: 'web',
        idempotencyKey: idempotencyScope('request', input.idempotencyKey),
        loggedBy: null,
        now: client.now,
      });
      if (!duplicate)
        await claimUploads(tx, ticket, {
          formKey: input.formKey || undefined,
          uploadIds: input.uploadIds,
          messageId: null,
          uploadedBy: null,
        });
      return { number: ticket.number };
    }),
  );
}
