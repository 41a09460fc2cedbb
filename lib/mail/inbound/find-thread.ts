import { and, eq, inArray, isNotNull, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, inboundEmails, outbox, ticketLinks, tickets } from '@/db/schema';
import { subjectReference } from './subject-reference';

export type ThreadMatch = { ticketId: string; number: number; by: 'headers' | 'subject' } | null;

/**
 * Which request a mail continues: by In-Reply-To/References against the Message-IDs we sent
 * (`outbox`) and received (`inbound_emails`), else by `[#1042]` or a CERN in the subject. Only
 * a request of the sender's own customer record counts: a number is easy to guess and a
 * Message-ID travels to everyone in CC, so a stranger's mail never lands on someone else's
 * request — it becomes a request of its own. A request merged into another continues there.
 */
export async function findThread(
  tx: Db,
  input: { senderAddress: string; threadIds: string[]; subject: string },
): Promise<ThreadMatch> {
  const byHeaders = await matchHeaders(tx, input.threadIds);
  for (const ticketId of byHeaders) {
    const owned = await ownedBy(tx, eq(tickets.id, ticketId), input.senderAddress);
    if (owned) return { ...owned, by: 'headers' };
  }
  const ref = subjectReference(input.subject);
  if (ref.number !== undefined) {
    const owned = await ownedBy(tx, eq(tickets.number, ref.number), input.senderAddress);
    if (owned) return { ...owned, by: 'subject' };
  }
  if (ref.cern) {
    const owned = await ownedBy(tx, eq(tickets.cern, ref.cern), input.senderAddress);
    if (owned) return { ...owned, by: 'subject' };
  }
  return null;
}

/** The tickets the ids point at, in the order of the ids (In-Reply-To first, then newest reference). */
async function matchHeaders(tx: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const lookup = ids.slice(0, 50);
  const [sent, received] = await Promise.all([
    tx
      .select({ id: outbox.messageId, ticketId: outbox.ticketId })
      .from(outbox)
      .where(and(inArray(outbox.messageId, lookup), isNotNull(outbox.ticketId))),
    tx
      .select({ id: inboundEmails.messageId, ticketId: inboundEmails.ticketId })
      .from(inboundEmails)
      .where(and(inArray(inboundEmails.messageId, lookup), isNotNull(inboundEmails.ticketId))),
  ]);
  const byId = new Map([...sent, ...received].map((r) => [r.id, r.ticketId!]));
  return [...new Set(lookup.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])))];
}

async function ownedBy(
  tx: Db,
  which: SQL,
  senderAddress: string,
): Promise<{ ticketId: string; number: number } | null> {
  const [row] = await tx
    .select({ id: tickets.id, number: tickets.number, status: tickets.status })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(and(which, eq(customers.email, senderAddress)));
  if (!row) return null;
  if (row.status === 'closed') {
    // A merged duplicate is closed with a link to the request that carries on.
    const [survivor] = await tx
      .select({ id: tickets.id, number: tickets.number })
      .from(ticketLinks)
      .innerJoin(tickets, eq(tickets.id, ticketLinks.linkedTicketId))
      .where(and(eq(ticketLinks.ticketId, row.id), eq(ticketLinks.kind, 'merged_into')));
    if (survivor) return { ticketId: survivor.id, number: survivor.number };
  }
  return { ticketId: row.id, number: row.number };
}
