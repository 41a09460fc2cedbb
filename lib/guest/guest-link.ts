import { and, eq, isNotNull, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customerErasures, ticketColumns, tickets, users, type Ticket } from '@/db/schema';
import { signLink, verifyLink, type LinkRefusal } from '@/lib/auth/signed-link';
import { appUrl } from '@/lib/mail/templates/layout';

/**
 * A guest's per-request link (issue 13): `/portal/guest/<token>`, the token signed for purpose
 * `guest` with the request's id as subject (lib/auth/signed-link.ts). It opens that one request
 * and nothing else, for GUEST_LINK_DAYS from the mail that carried it; every later mail about the
 * request carries a fresh one, so an active conversation never runs out of link.
 */
export const GUEST_LINK_DAYS = 30;

export const guestPath = (token: string): string => `/portal/guest/${token}`;

export function guestToken(ticketId: string, now = new Date()): string {
  return signLink({
    purpose: 'guest',
    subject: ticketId,
    expiresAt: new Date(now.getTime() + GUEST_LINK_DAYS * 24 * 60 * 60 * 1000),
  });
}

export const guestUrl = (ticketId: string, now = new Date()): string => appUrl(guestPath(guestToken(ticketId, now)));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type GuestLinkResult =
  { ok: true; ticket: Ticket; expiresAt: Date } | { ok: false; reason: LinkRefusal | 'unknown' };

/**
 * The request a guest link opens, or why it opens nothing. Read-only; `lock` takes the row lock
 * for a use case that changes the request. The reason is for wording only: every refusal shows
 * the same page and reveals nothing about any request.
 */
export async function ticketForGuestLink(
  tx: Db,
  token: unknown,
  { lock = false, now = new Date() }: { lock?: boolean; now?: Date } = {},
): Promise<GuestLinkResult> {
  if (typeof token !== 'string') return { ok: false, reason: 'malformed' };
  const verified = verifyLink(token, 'guest', now);
  if (!verified.ok) return verified;
  if (!UUID.test(verified.subject)) return { ok: false, reason: 'unknown' };
  const query = tx.select(ticketColumns).from(tickets).where(eq(tickets.id, verified.subject));
  const [ticket] = lock ? await query.for('update') : await query;
  if (!ticket) return { ok: false, reason: 'unknown' };
  // An erased customer's links stop working (lib/customers/anonymize-customer.ts).
  const [erased] = await tx
    .select({ id: customerErasures.customerId })
    .from(customerErasures)
    .where(eq(customerErasures.customerId, ticket.customerId));
  return erased ? { ok: false, reason: 'unknown' } : { ok: true, ticket, expiresAt: verified.expiresAt };
}

/** The portal login (active, address proven) that speaks for this customer record, if any. */
export async function verifiedLoginOf(tx: Db, customerId: string): Promise<string | null> {
  const [login] = await tx.select({ id: users.id }).from(users).where(isVerifiedLoginOf(customerId));
  return login?.id ?? null;
}

/** The rule of `verifiedLoginOf` as a condition on `users`, for a query that asks it of a column. */
export function isVerifiedLoginOf(customerId: string | AnyColumn): SQL | undefined {
  return and(eq(users.customerId, customerId), eq(users.active, true), isNotNull(users.emailVerifiedAt));
}

/** The login a guest's action is recorded as (events' actor): the customer's own login if they have one, else nobody. */
export async function loginOf(tx: Db, customerId: string): Promise<string | null> {
  const [login] = await tx.select({ id: users.id }).from(users).where(eq(users.customerId, customerId));
  return login?.id ?? null;
}
