import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { customers, tickets, type Ticket } from '@/db/schema';
import { listCustomerAttachments, type AttachmentInfo } from '@/lib/attachments/get-attachment';
import { emailAddress } from '@/lib/auth/schemas';
import { idempotencyKey, MAX_BODY, text } from '@/lib/core/fields';
import { attempt, fail, fromZod, ok, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { queueMail } from '@/lib/mail/queue';
import { guestLinksMail } from '@/lib/mail/templates/guest-links';
import { confirmLockedResolution } from '@/lib/pipeline/confirm-resolution';
import { cancelLockedRequest } from '@/lib/pipeline/cancel-request';
import { writeCustomerMessage } from '@/lib/pipeline/customer-reply';
import { claimUploads, formKeyField, uploadIdsField } from '@/lib/portal/uploads';
import { enforce, LIMITS } from '@/lib/rate-limit/rate-limit';
import { getSettings } from '@/lib/settings/settings';
import { customerViewOf, type CustomerTicketView } from '@/lib/tickets/get-ticket';
import { ACTIVE_STATUSES } from '@/lib/tickets/transitions';
import { verifyLink } from '@/lib/auth/signed-link';
import { guestToken, guestUrl, loginOf, ticketForGuestLink } from './guest-link';

/**
 * A guest's request page (/portal/guest/<token>, issue 13): the one request its signed link names,
 * with what the signed-in customer can do on their own request page — read the public
 * conversation and files, reply (with files), confirm or reopen a resolution, cancel — and
 * nothing else. Every use case here takes the token, never a request number, and finds the
 * request from the token alone: a link cannot be pointed at another request. Actions are recorded
 * as the customer's own login when they have one, else as nobody (the customer).
 */

export const LINK_NO_LONGER_WORKS = 'This link no longer works. Enter your e-mail address to get a fresh link.';

const token = z.string({ error: LINK_NO_LONGER_WORKS }).max(512, LINK_NO_LONGER_WORKS);

export interface GuestRequestView extends CustomerTicketView {
  attachments: AttachmentInfo[];
  expiresAt: Date;
}

/** The page's data, or null for a link that opens nothing (expired, tampered, malformed, gone). */
export async function getGuestRequest(db: Db, rawToken: unknown): Promise<GuestRequestView | null> {
  const found = await ticketForGuestLink(db, rawToken);
  if (!found.ok) return null;
  const [view, files] = await Promise.all([
    customerViewOf(db, found.ticket),
    listCustomerAttachments(db, found.ticket.id),
  ]);
  return { ...view, attachments: files, expiresAt: found.expiresAt };
}

async function lockGuestTicket(tx: Db, rawToken: string): Promise<Ticket> {
  const found = await ticketForGuestLink(tx, rawToken, { lock: true });
  if (!found.ok) fail('not_found', LINK_NO_LONGER_WORKS);
  return found.ticket;
}

/**
 * A guest's messages are limited like a signed-in customer's (limitSubmission): per request — the
 * link stands in for the account — and per network, counted before the use case, so a leaked link
 * or a script cannot flood a request (and its assignee's bell). A link that opens nothing is not
 * counted per request: the use case refuses it anyway.
 */
async function limitGuestMessage(db: Db, rawToken: unknown, ip: string | null): Promise<Result<void>> {
  const link = typeof rawToken === 'string' ? verifyLink(rawToken, 'guest') : null;
  return attempt(() =>
    enforce(db, [
      [LIMITS.submitAccount, link?.ok ? `guest:${link.subject}` : null],
      [LIMITS.submitIp, ip],
    ]),
  );
}

const tokenOf = (raw: unknown): unknown =>
  raw && typeof raw === 'object' && 'token' in raw ? (raw as { token: unknown }).token : undefined;

const replySchema = z.object({
  token,
  body: text('Message', MAX_BODY),
  idempotencyKey,
  formKey: formKeyField,
  uploadIds: uploadIdsField,
});

/**
 * The guest writes on their request (the same rules as the portal: lib/pipeline/customer-reply.ts);
 * on a closed one that opens a follow-up request, whose own link comes back in `followUpToken`.
 */
export async function guestReply(
  db: Db,
  raw: unknown,
  client: { ip: string | null } = { ip: null },
): Promise<Result<{ ticket: Ticket; followUp: boolean; followUpToken: string | null }>> {
  const limited = await limitGuestMessage(db, tokenOf(raw), client.ip);
  if (!limited.ok) return limited;
  return runUseCase(db, replySchema, raw, async (tx, input) => {
    const ticket = await lockGuestTicket(tx, input.token);
    const userId = await loginOf(tx, ticket.customerId);
    const outcome = await writeCustomerMessage(
      tx,
      { customerId: ticket.customerId, userId, channel: 'web' },
      ticket,
      input.body,
      {
        mustReopen: false,
        idempotencyKey: input.idempotencyKey,
      },
    );
    if (!outcome.replayed)
      await claimUploads(tx, outcome.ticket, {
        formKey: input.formKey || undefined,
        uploadIds: input.uploadIds,
        messageId: outcome.messageId,
        uploadedBy: userId,
      });
    return {
      ticket: outcome.ticket,
      followUp: outcome.followUp,
      followUpToken: outcome.followUp ? guestToken(outcome.ticket.id) : null,
    };
  });
}

const reopenSchema = z.object({ token, body: text('Tell us what is still wrong', MAX_BODY) });

/** "Not fixed": back to resolution, counted as a reopen (only a resolved request). */
export async function guestReopen(
  db: Db,
  raw: unknown,
  client: { ip: string | null } = { ip: null },
): Promise<Result<Ticket>> {
  const limited = await limitGuestMessage(db, tokenOf(raw), client.ip);
  if (!limited.ok) return limited;
  return runUseCase(db, reopenSchema, raw, async (tx, input) => {
    const ticket = await lockGuestTicket(tx, input.token);
    const userId = await loginOf(tx, ticket.customerId);
    const outcome = await writeCustomerMessage(
      tx,
      { customerId: ticket.customerId, userId, channel: 'web' },
      ticket,
      input.body,
      {
        mustReopen: true,
      },
    );
    return outcome.ticket;
  });
}

const tokenOnly = z.object({ token });

/** "Yes, it is fixed": closes a resolved request (lib/pipeline/confirm-resolution.ts for the portal). */
export function guestConfirm(db: Db, raw: unknown): Promise<Result<Ticket>> {
  return runUseCase(db, tokenOnly, raw, async (tx, input) => {
    const ticket = await lockGuestTicket(tx, input.token);
    return confirmLockedResolution(tx, ticket, await loginOf(tx, ticket.customerId));
  });
}

/** "No longer needed" (lib/pipeline/cancel-request.ts). */
export function guestCancel(db: Db, raw: unknown): Promise<Result<Ticket>> {
  return runUseCase(db, tokenOnly, raw, async (tx, input) => {
    const ticket = await lockGuestTicket(tx, input.token);
    return cancelLockedRequest(tx, ticket, await loginOf(tx, ticket.customerId));
  });
}

/** At most this many links in one "send me my links" mail: the newest open requests. */
export const MAX_LINKS_PER_MAIL = 20;

/**
 * "Send me fresh links": whoever types an address gets the same answer, whether it is known or
 * not, and only the address's owner receives anything — one mail with a fresh link to each of
 * the customer's open requests (none when they have none, so no mail reveals an empty history
 * to nobody). Limited per address and per network. Nothing is stored but the queued mail.
 */
export async function resendGuestLinks(db: Db, raw: unknown, client: { ip: string | null }): Promise<Result<void>> {
  const parsed = z.object({ email: emailAddress }).safeParse(raw);
  if (!parsed.success) return fromZod(parsed.error);
  const { email } = parsed.data;
  const limited = await attempt(() =>
    enforce(db, [
      [LIMITS.guestLinksIp, client.ip],
      [LIMITS.guestLinksAddress, email],
    ]),
  );
  if (!limited.ok) return limited;
  const sent = await attempt(() =>
    db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      const [customer] = await tx
        .select({ id: customers.id, name: customers.name })
        .from(customers)
        .where(eq(customers.email, email));
      if (!customer) return;
      const open = await tx
        .select({ id: tickets.id, number: tickets.number, subject: tickets.subject })
        .from(tickets)
        .where(and(eq(tickets.customerId, customer.id), inArray(tickets.status, [...ACTIVE_STATUSES, 'resolved'])))
        .orderBy(desc(tickets.createdAt))
        .limit(MAX_LINKS_PER_MAIL);
      if (open.length === 0) return;
      const { mail } = await getSettings(tx);
      await queueMail(tx, {
        kind: 'guest_links',
        to: email,
        mail: guestLinksMail({
          name: customer.name,
          requests: open.map((t) => ({ number: t.number, subject: t.subject, url: guestUrl(t.id) })),
          supportName: mail.supportName,
        }),
      });
    }),
  );
  return sent.ok ? ok(undefined) : sent;
}
